"""Messages with figures in them (issue #22): refusals, the audit log's sentences and the
notification mail, each in the reader's language (for mail: the recipient's own)."""
import pytest
from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.queue.engine import run_in_process
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import login
from tests.notifications.test_notifications import smtp  # noqa: F401  (the real SMTP server fixture)


def _speaks(world, who: str, language: str | None) -> None:
    user = db.session.get(User, world.users[who].id)
    user.language = language
    db.session.commit()


@pytest.fixture
def circulated(world, doc):
    document, sections, clauses = doc
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    return document, clauses


def test_a_french_user_gets_a_figure_bearing_refusal_in_french_from_the_api(client, world, circulated):
    document, clauses = circulated
    _speaks(world, "delegate_a", "fr")
    headers = world.headers("delegate_a")
    before = db_state()
    answer = client.post(f"/api/v1/clauses/{clauses[0].public_id}/comments", json={"kind": "comment"},
                         headers=headers)
    assert answer.status_code == 422
    assert answer.get_json()["error"] == "invalid"                  # the code stays as it was
    assert answer.get_json()["message"] == "« body » est obligatoire."
    assert db_state() == before
    _speaks(world, "delegate_a", None)
    english = client.post(f"/api/v1/clauses/{clauses[0].public_id}/comments", json={"kind": "comment"},
                          headers=world.headers("delegate_a")).get_json()
    assert english == {"error": "invalid", "message": "'body' is required.", "field": "body"}


def test_a_french_user_gets_a_figure_bearing_refusal_in_french_on_a_page(client, world):
    _speaks(world, "delegate_a", "fr")
    login(client, world.users["delegate_a"])
    before = db_state()
    page = client.put("/notifications/preferences")
    assert page.status_code == 405
    assert "Cette adresse n'accepte pas PUT ; elle accepte POST." in page.get_data(as_text=True).replace("&#39;", "'")
    assert db_state() == before


def test_an_arabic_recipient_reads_the_mail_in_arabic_while_the_sender_uses_english(app, world, doc, smtp):  # noqa: F811
    _speaks(world, "delegate_a", "ar")
    _speaks(world, "mediator", "en")
    circulate_round(doc[0], actor=world.users["mediator"])
    db.session.commit()
    run_in_process()
    (arabic,) = smtp.to(world.users["delegate_a"].email)
    assert arabic["Subject"] == "Penholder: لديك جديد"
    body = arabic.get_content()
    assert "لديك جديد في Penholder." in body and "عُمِّمت عليكم جولة جديدة." in body
    assert "There is something new" not in body
    (english,) = smtp.to(world.users["delegate_b"].email)
    assert english["Subject"] == "Penholder: something new for you"
    assert "There is something new for you in Penholder." in english.get_content()


def test_the_audit_page_in_french(client, world, circulated):
    _speaks(world, "mediator", "fr")
    login(client, world.users["mediator"])
    page = client.get("/p/testland/audit").get_data(as_text=True)
    assert "Médiateur" in page
    assert "a diffusé la Rév. 1, le premier tour" in page
    assert "circulated Rev. 1" not in page
    # What is stored stays as it was written.
    from app.audit.models import AuditEntry
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "round.circulate")) == "round.circulate"
