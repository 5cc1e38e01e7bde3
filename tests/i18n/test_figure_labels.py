"""Labels and messages built with figures on real pages (issue #22): "Rev. N", the time
left before a deadline, the colliding-proposal merge's options and refusals, a bracket
refusal. Each page is rendered in French (and one in Arabic) and must not show the
English wording."""
from datetime import datetime, timedelta, timezone

import pytest

from app.auth.models import User
from app.extensions import db
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import login, pid


def _speaks(world, who: str, language: str | None) -> None:
    user = db.session.get(User, world.users[who].id)
    user.language = language
    db.session.commit()


@pytest.fixture
def colliding(client, world, doc):
    """Round 1 with a comment deadline; two parties' proposals on the same words of clause 2."""
    document, _, clauses = doc
    circulate_round(document, actor=world.users["mediator"],
                    deadline=datetime.now(timezone.utc) + timedelta(days=3, hours=2))
    db.session.commit()
    for who, text in (("delegate_a", "A ceasefire shall enter into force in 7 days."),
                      ("delegate_b", "A ceasefire shall enter into force in 72 hours.")):
        r = client.post(f"/api/v1/clauses/{clauses[1].public_id}/comments", headers=world.headers(who),
                        json={"kind": "proposal", "body": "Ours.", "proposed_text": text})
        assert r.status_code == 201, r.get_json()
    return document, clauses


def test_the_round_page_in_french_gives_the_time_left_in_french(client, world, colliding):
    document, _ = colliding
    _speaks(world, "mediator", "fr")
    login(client, world.users["mediator"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    header = page.split("<h1")[1].split("</p>")[0]
    assert "encore 3 jours 2 heures" in header or "encore 3 jours 1 heure" in header
    assert " left" not in header and "days" not in header


def test_the_merge_page_in_french_names_the_round_and_refuses_in_french(client, world, colliding):
    document, clauses = colliding
    _speaks(world, "mediator", "fr")
    login(client, world.users["mediator"])
    page = client.get(f"/clauses/{clauses[1].public_id}/collisions").get_data(as_text=True)
    assert "Le libellé de la Rev. 1" in page and "The wording of" not in page
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    before = db_state()
    refused = client.post(f"/clauses/{clauses[1].public_id}/merge",
                          data={"csrf_token": csrf, "round": "1", "fingerprint": fingerprint, "save_as": "draft",
                                "reason": "Compromis.", "base_version_id": pid("version", clauses[1].current_version_id)},
                          follow_redirects=True)
    html = refused.get_data(as_text=True)               # back on the merge page, the refusal flashed
    assert "Choisissez un libellé pour chaque conflit : conflit 1." in html
    assert "Choose a wording" not in html and "collision 1" not in html
    assert db_state() == before


def test_the_merge_page_in_arabic_names_the_round_in_arabic(client, world, colliding):
    _, clauses = colliding
    _speaks(world, "mediator", "ar")
    login(client, world.users["mediator"])
    page = client.get(f"/clauses/{clauses[1].public_id}/collisions").get_data(as_text=True)
    assert "صيغة التنقيح 1" in page
    assert "Rev. 1" not in page.split("<main")[1]


def test_a_bracket_refusal_on_the_working_draft_page_is_in_french(client, world, doc):
    document, _, clauses = doc
    _speaks(world, "drafter", "fr")
    login(client, world.users["drafter"])
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    before = db_state()
    r = client.post(f"/clauses/{clauses[0].public_id}/edit",
                    data={"csrf_token": csrf, "text": "The Parties commit [to peace.",
                          "base_version_id": pid("version", clauses[0].current_version_id)}, follow_redirects=True)
    html = r.get_data(as_text=True).replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')
    assert "Crochet non équilibré : le « [ » au caractère 20 n'est jamais fermé" in html
    assert "Unbalanced bracket" not in html and "is never closed" not in html
    assert db_state() == before
