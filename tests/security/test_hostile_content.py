"""Hostile text is stored exactly as given (control characters aside: they follow the
one rule of app/textinput.py) and comes out inert: escaped in pages, plain strings in JSON. Clause texts go through the drafting operations; what the
team reads of them here is the audit log (page and API), which carries the text."""
import pytest
from sqlalchemy import select

from app.drafting.models import ClauseVersion
from app.drafting.operations import add_clause, add_section, create_document, edit_clause
from app.errors import Invalid
from app.extensions import db
from app.textinput import normalise_text
from app.processes.permissions import Access
from app.processes.models import Role
from tests.helpers import login

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg/onload=alert(1)>',
    "Article 1 \u202eevil\u202c and \u2066isolate\u2069",            # bidirectional overrides
    "zero\u200bwidth\u200c\u200d\ufeffjoiners",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356a\u0357\u0358\u0359lgo",           # stacked combining marks
    "W" * 5000,                                                         # one very long word
    "control \x01\x07\x1bc\x08\x7f chars",
    "{{ 7*7 }} {% raw %} ${7*7} #{7*7}",                                # template syntax
    "MERGEFIELD \\* MERGEFORMAT <w:fldSimple w:instr=\"HYPERLINK evil\"/>",  # DOCX field syntax
    "[bracketed / options] and ]] [[ unbalanced",
]


@pytest.fixture
def document(world):
    mediator = world.users["mediator"]
    access = Access(mediator.id, world.process, Role.mediator, None)
    document = create_document(access, "Hostile text", actor=mediator)
    section = add_section(document, "Section <b>1</b>", actor=mediator)
    db.session.commit()
    return document, section


@pytest.mark.parametrize("text", [t for t in HOSTILE if "unbalanced" not in t])
def test_clause_text_round_trips_and_renders_inert(client, world, document, text):
    doc, section = document
    clause = add_clause(doc, section, text, actor=world.users["drafter"])
    db.session.commit()
    stored = db.session.scalar(select(ClauseVersion.text).where(ClauseVersion.id == clause.current_version_id))
    assert stored == normalise_text(text)
    api = client.get("/api/v1/processes/testland/audit?action=clause.create",
                     headers=world.headers("mediator"))
    assert api.get_json()["entries"][0]["changes"]["text"] == normalise_text(text)
    assert api.headers["Content-Type"].startswith("application/json")
    login(client, world.users["legal"])
    page = client.get("/p/testland/audit?action=clause.create").get_data(as_text=True)
    for dangerous in ("<script>alert", "<img src=x", "<svg/onload", "<w:fldSimple"):
        assert dangerous not in page


def test_unbalanced_brackets_are_refused(world, document):
    doc, section = document
    with pytest.raises(Invalid):
        add_clause(doc, section, "[bracketed / options] and ]] [[ unbalanced", actor=world.users["drafter"])


def test_clause_of_the_documented_maximum_is_accepted_and_one_more_is_refused(app, world, document):
    doc, section = document
    limit = app.config.get("MAX_CLAUSE_CHARS", 20_000)
    assert limit == 20_000
    exact = ("word " * (limit // 5))[:limit - 1] + "."
    assert len(exact) == limit
    clause = add_clause(doc, section, exact, actor=world.users["drafter"])
    db.session.commit()
    with pytest.raises(Invalid) as refused:
        edit_clause(clause.id, exact + "x", clause.current_version_id, actor=world.users["drafter"])
    assert refused.value.status == 422 and refused.value.extra["max_length"] == limit
    with pytest.raises(Invalid):
        add_clause(doc, section, "y" * (limit + 1), actor=world.users["drafter"])
