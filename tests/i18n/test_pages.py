"""The interface in French, Spanish and Arabic (issue #22): the language a page speaks,
right-to-left Arabic, the user's stored choice, the browser's default, the API's messages."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from babel.dates import format_skeleton
from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.rounds.models import Round
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import login, pid

ARABIC = {"Accept-Language": "ar"}
FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}


@pytest.fixture
def round_doc(world, doc):
    document, sections, clauses = doc
    circulate_round(document, actor=world.users["mediator"],
                    deadline=datetime.now(timezone.utc) + timedelta(days=3))
    db.session.commit()
    return document, clauses


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


def test_english_without_a_preference(client, world, round_doc):
    document, _ = round_doc
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert html_tag(page) == '<html lang="en" dir="ltr">'
    assert "Nothing is agreed until everything is agreed" in page


def test_the_round_page_in_arabic_is_right_to_left(client, world, round_doc):
    document, _ = round_doc
    round_id = db.session.scalar(select(Round.id).where(Round.document_id == document.id))
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1", headers=ARABIC).get_data(as_text=True)
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    assert "لا يُتفق على شيء حتى يُتفق على كل شيء" in page          # the NAUEA banner
    assert "التعليق أو اقتراح تغيير" in page                          # "Comment or propose a change"
    circulated = db.session.get(Round, round_id).circulated_at
    assert format_skeleton("yMMMd", circulated, locale="ar") in page     # the date by the Arabic locale
    assert "Nothing is agreed" not in page


@pytest.mark.parametrize("path", ["/", "/account", "/p/testland", "/p/testland/search?q=peace"])
def test_key_pages_in_french_and_arabic(client, world, doc, path):
    login(client, world.users["mediator"])
    fr = client.get(path, headers=FRENCH)
    ar = client.get(path, headers=ARABIC)
    assert fr.status_code == ar.status_code == 200
    assert html_tag(fr.get_data(as_text=True)) == '<html lang="fr" dir="ltr">'
    assert html_tag(ar.get_data(as_text=True)) == '<html lang="ar" dir="rtl">'
    assert "Se déconnecter" in fr.get_data(as_text=True)
    assert "تسجيل الخروج" in ar.get_data(as_text=True)


def test_the_working_draft_in_french(client, world, doc):
    document, _, _ = doc
    login(client, world.users["drafter"])
    page = client.get(f"/documents/{document.public_id}", headers=FRENCH).get_data(as_text=True)
    assert "Projet de travail · interne" in page and "3 clauses dans 2 sections" in page
    assert "1 crochet" in page                                          # ngettext, singular
    assert "Enregistrer la nouvelle version" in page


def test_the_choice_is_stored_and_wins_over_the_browser(client, world):
    login(client, world.users["delegate_a"])
    user_id = world.users["delegate_a"].id
    answer = client.post("/language", data={"language": "es", "next": "/account"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/account")
    assert db.session.scalar(select(User.language).where(User.id == user_id)) == "es"
    page = client.get("/account", headers=ARABIC).get_data(as_text=True)
    assert html_tag(page) == '<html lang="es" dir="ltr">' and "Su cuenta" in page
    assert 'value="es" lang="es" selected' in page
    # ... and in the API's messages, by the same user's token
    token = world.token("delegate_a")
    body = client.get("/api/v1/documents/doc_nothing", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body == {"error": "not_found", "message": "No encontrado."}


def test_before_logging_in_the_session_keeps_the_choice(client, world):
    assert client.post("/language", data={"language": "ar"}, headers={"Referer": "http://localhost/login"}
                       ).headers["Location"].endswith("/login")
    page = client.get("/login").get_data(as_text=True)
    assert html_tag(page) == '<html lang="ar" dir="rtl">' and "تسجيل الدخول" in page
    assert "كلمة المرور" in page                                        # the form's label (lazy_gettext)


def test_an_unknown_language_is_refused_and_changes_nothing(client, world):
    login(client, world.users["delegate_a"])
    before = db_state()
    answer = client.post("/language", data={"language": "xx", "next": "/account"}, follow_redirects=True)
    assert db_state() == before
    assert "The interface is in English, Français, Español, العربية." in answer.get_data(as_text=True)


def test_api_errors_keep_their_code_and_translate_their_message(client, world):
    headers = world.headers("delegate_a")
    english = client.post("/api/v1/tokens", json={"email": "x@y.test"})
    french = client.post("/api/v1/tokens", json={"email": "x@y.test"}, headers=FRENCH)
    assert english.status_code == french.status_code
    assert english.get_json()["error"] == french.get_json()["error"]
    missing_en = client.get("/api/v1/processes/nowhere", headers=headers).get_json()
    missing_ar = client.get("/api/v1/processes/nowhere", headers={**headers, **ARABIC}).get_json()
    assert missing_en["error"] == missing_ar["error"] == "not_found"
    assert missing_en["message"] == "Not found."
    assert missing_ar["message"] != missing_en["message"]


def test_a_flash_message_is_translated(client, world, doc):
    document, _, clauses = doc
    login(client, world.users["drafter"])
    client.post("/language", data={"language": "fr", "next": "/"})
    page = client.post(f"/clauses/{clauses[0].public_id}/edit", follow_redirects=True,
                       data={"base_version_id": pid("version", clauses[0].current_version_id),
                             "text": "The Parties commit to a lasting peace."}).get_data(as_text=True)
    assert "Enregistré comme nouvelle version." in page
