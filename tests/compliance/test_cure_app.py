"""A finding's explanation in the app, and its cure inserted as an edit: by drafters and
the mediator only, on the wording the finding was made on, with an audit entry."""
import pytest

from app.public_ids import decode, encode
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.compliance.models import Finding
from app.drafting.models import Clause, ClauseVersion
from app.extensions import db
from tests.compliance.test_findings_app import AMNESTY, edit, findings

ARABIC = "يُمنح عفو عام عن جميع الجرائم المرتكبة خلال النزاع."


def cure(client, world, finding_id, who="drafter", **body):
    return client.post(f"/api/v1/findings/{finding_id}/apply-cure", headers=world.headers(who), json=body)


def test_a_finding_explains_itself_in_the_api(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    [found] = findings(client, world, document)
    assert found["label"] == "Amnesty without exclusion of the core crimes"
    e = found["explanation"]
    assert e["grant"]["text"] == AMNESTY[e["grant"]["start"]:e["grant"]["end"]] == "amnesty"
    assert e["excluded"] == [] and "sexual_violence" in e["missing"]
    assert "UNSCR 1820 (2008) para 4" in e["norms"] and "S/2009/189 para 36" in e["norms"]
    assert e["cure"]["language"] == "en" and "genocide" in e["cure"]["text"]
    assert e["precedents"] and all(p["source"] for p in e["precedents"])


def test_the_cure_is_inserted_as_a_new_version_and_resolves_the_finding(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    [found] = findings(client, world, document)
    r = cure(client, world, found["id"], base_version_id=found["version_id"])
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    version = db.session.get(ClauseVersion, decode("version", body["version_id"]))
    assert version.text == AMNESTY + "\n" + found["explanation"]["cure"]["text"]
    assert db.session.get(Clause, clauses[0].id).current_version_id == version.id
    after = findings(client, world, document)
    assert [(f["severity"], f["rule"]) for f in after] == [("notice", "amnesty.compliant")]
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["clause.edit", "finding.cure"]
    again = cure(client, world, found["id"], base_version_id=found["version_id"])
    assert again.status_code == 422 and "no longer current" in str(again.get_json())


def test_an_arabic_clause_gets_an_arabic_cure_that_satisfies_the_engine(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[0], ARABIC)
    [found] = findings(client, world, document)
    assert found["severity"] == "violation" and found["explanation"]["cure"]["language"] == "ar"
    assert cure(client, world, found["id"], base_version_id=found["version_id"]).status_code == 201
    assert [f["severity"] for f in findings(client, world, document)] == ["notice"]


def test_a_stale_base_changes_nothing(client, world, doc):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    [found] = findings(client, world, document)
    edit(client, world, clauses[0], AMNESTY + " It applies to all.")
    r = cure(client, world, found["id"], base_version_id=found["version_id"])
    assert r.status_code in (409, 422)
    assert db.session.get(Clause, clauses[0].id).current_version.text == AMNESTY + " It applies to all."


@pytest.mark.parametrize("who,status", [("mediator", 201), ("drafter", 201), ("legal", 403),
                                        ("delegate_a", 404), ("observer", 404), ("outsider", 404)])
def test_who_may_insert_the_cure(client, world, doc, who, status):
    document, _, clauses = doc
    edit(client, world, clauses[0], AMNESTY)
    [found] = findings(client, world, document)
    r = cure(client, world, found["id"], who=who, base_version_id=found["version_id"])
    assert r.status_code == status
    if status == 404:
        assert r.get_json() == cure(client, world, 987654, who=who, base_version_id=1).get_json()


def test_the_findings_page_shows_the_explanation_and_the_button(make_client, world, doc):
    from tests.helpers import login
    document, _, clauses = doc
    edit(make_client(), world, clauses[0], AMNESTY)
    drafter = make_client()
    login(drafter, world.users["drafter"])
    page = drafter.get(f"/documents/{document.public_id}/findings").get_data(as_text=True)
    assert "Amnesty without exclusion of the core crimes" in page and "amnesty.missing-exclusions" not in page
    assert '<mark class="span-grant">amnesty</mark>' in page
    assert "rape and other forms of sexual violence" in page and "UNSCR 1820 (2008) para 4" in page
    assert "Insert this exclusion as an edit" in page and "Colombia" in page
    finding = db.session.scalar(select(Finding))
    r = drafter.post(f"/findings/{finding.id}/apply-cure", data={"base_version_id": encode("version", finding.version_id)})
    assert r.status_code == 303
    assert "inserted as a new version" in drafter.get(r.location).get_data(as_text=True)
    legal = make_client()
    login(legal, world.users["legal"])
    page = legal.get(f"/documents/{document.public_id}/findings?all=1").get_data(as_text=True)
    assert "Insert this exclusion as an edit" not in page
