"""The compliance engine checks every authentic text (issue #22); a finding names its
language. A translation is not checked: it binds no one."""
from sqlalchemy import select

from app.compliance.models import Finding
from app.compliance.operations import refresh_findings
from app.drafting.operations import edit_clause
from app.extensions import db

AMNESTY_AR = "يُمنح عفو عام عن جميع الجرائم المرتكبة خلال النزاع."
AMNESTY_FR = "Une amnistie générale est accordée pour toutes les infractions commises pendant le conflit."


def open_findings():
    return list(db.session.scalars(select(Finding).where(Finding.superseded_at.is_(None))))


def test_an_amnesty_in_the_arabic_text_only_is_found_and_names_its_language(client, world, bilingual):
    document, _, clauses = bilingual
    refresh_findings(document)
    assert [f for f in open_findings() if f.severity != "notice"] == []
    edit_clause(clauses[0].id, AMNESTY_AR, clauses[0].current_version_id, actor=world.users["drafter"], language="ar")
    db.session.commit()
    refresh_findings(document)
    found = [f for f in open_findings() if f.severity == "violation"]
    assert [(f.clause_id, f.language) for f in found] == [(clauses[0].id, "ar")]
    body = client.get(f"/api/v1/documents/{document.public_id}/findings",
                      headers=world.headers("legal")).get_json()
    [finding] = [f for f in body["findings"] if f["severity"] == "violation"]
    assert finding["language"] == "ar" and finding["excerpt"] and finding["excerpt"] in AMNESTY_AR


def test_a_translation_is_not_checked(world, bilingual):
    document, _, clauses = bilingual
    db.session.refresh(clauses[0])
    edit_clause(clauses[0].id, AMNESTY_FR, clauses[0].current_version_id, actor=world.users["drafter"], language="fr")
    db.session.commit()
    refresh_findings(document)
    assert [f for f in open_findings() if f.severity == "violation"] == []


def test_lead_findings_keep_no_language(world, bilingual):
    document, _, clauses = bilingual
    db.session.refresh(clauses[0])
    edit_clause(clauses[0].id, "A general amnesty is granted for all crimes committed during the conflict.",
                clauses[0].current_version_id, actor=world.users["drafter"])
    db.session.commit()
    refresh_findings(document)
    found = [f for f in open_findings() if f.severity == "violation"]
    assert [f.language for f in found] == [None]
