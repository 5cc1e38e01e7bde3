"""The findings gate re-checks incrementally (issue #22's circulation target): after edits
in either authentic language, a change to a clause another one borrows its exclusions
from, renumbering, deletion, new rules or a new authentic language, the incremental pass
leaves exactly the findings a pass over every text gives, and judges only what changed."""
import json

import pytest
from sqlalchemy import select

from app.compliance import operations
from app.compliance.engine import check_document
from app.compliance.models import Finding
from app.compliance.operations import refresh_findings
from app.drafting.languages import texts_for
from app.drafting.models import Clause
from app.drafting.operations import add_clause, add_document_language, delete_clause, edit_clause, move_clause
from app.drafting.queries import working_outline
from app.extensions import db
from tests.languages.conftest import build_bilingual

GRANT = "Amnesty shall be granted for offences committed during the conflict, subject to Article 2."
EXCLUSION = ("No amnesty shall be granted for genocide, crimes against humanity, war crimes, gross "
             "violations of human rights or sexual violence.")
GRANT_AR = "يُمنح عفو عام عن جميع الجرائم المرتكبة خلال النزاع."
EXCLUSION_AR = ("لا يستفيد من العفو مرتكبو جرائم الإبادة الجماعية والجرائم ضد الإنسانية وجرائم الحرب "
                "والانتهاكات الجسيمة لحقوق الإنسان والعنف الجنسي.")


def ordered(rows):
    return sorted(rows, key=repr)       # (a language is None for the lead)


def stored():
    """Every current finding with everything a reader sees of it, its id included."""
    return ordered((f.id, f.clause_id, f.version_id, f.language, f.rule, f.severity, f.message, f.start, f.end,
                   f.citation, f.label, json.dumps(f.explanation, sort_keys=True))
                  for f in db.session.scalars(select(Finding).where(Finding.superseded_at.is_(None))))


def engine_says(document, languages=("ar",)):
    """The findings of the engine run on the whole document in each authentic language,
    straight from the texts (not through the gate)."""
    rows = [c for s in working_outline(document.id) for c in s.clauses]
    items = {None: [{"id": c.clause_id, "text": c.text, "number": c.number, "section": c.section_id,
                     "label": c.label} for c in rows]}
    for code in languages:
        texts = texts_for([c.version_id for c in rows], code)
        items[code] = [{"id": c.clause_id, "text": texts[c.version_id].text, "number": c.number,
                        "section": c.section_id, "label": c.label, "language": code}
                       for c in rows if c.version_id in texts]
    version = {c.clause_id: c.version_id for c in rows}
    return ordered((cid, version[cid], code, f.rule, f.severity, f.message, f.start, f.end, f.citation)
                  for code, clauses in items.items() for cid, found in check_document(clauses).items()
                  for f in found)


def same_as_whole_pass(document, languages=("ar",)):
    refresh_findings(document)
    incremental = stored()
    assert ordered(k[1:10] for k in incremental) == engine_says(document, languages)
    # A pass over every text then finds nothing to add, supersede or explain differently.
    assert refresh_findings(document, whole=True)
    assert stored() == incremental
    return incremental


@pytest.fixture
def judged(monkeypatch):
    """The clause ids each pass judged, per language."""
    calls = []
    real = operations.check_clauses

    def spy(items, ids, read_texts):
        calls.append(((items[0].get("language") if items else None), sorted(ids)))
        return real(items, ids, read_texts)

    monkeypatch.setattr(operations, "check_clauses", spy)
    return calls


def edit(clause, text, world, language=None):
    db.session.refresh(clause)
    edit_clause(clause.id, text, clause.current_version_id, actor=world.users["drafter"], language=language)
    db.session.commit()


def test_incremental_pass_equals_a_whole_pass_through_edits_in_each_language(world, judged, monkeypatch):
    document, sections, clauses = build_bilingual(world)
    first, second, third = clauses          # Articles 1 and 2 in section 1, Article 3 in section 2
    same_as_whole_pass(document)

    edit(third, GRANT, world)               # relief subject to Article 2, which excludes nothing yet
    assert {(f[4], f[5]) for f in same_as_whole_pass(document)} >= {("amnesty.missing-exclusions", "violation")}

    judged.clear()
    edit(second, EXCLUSION, world)          # the grant is unchanged, but now borrows every exclusion
    found = same_as_whole_pass(document)
    assert [(f[1], f[3], f[5]) for f in found if f[5] != "notice" or f[1] == third.id] == [(third.id, None, "notice")]
    incremental = judged[0]
    # The incremental pass judged the edited clause and the one holding findings, nothing else.
    assert incremental == (None, sorted([second.id, third.id]))

    edit(third, GRANT_AR, world, language="ar")     # an Arabic grant, alone in its section
    found = same_as_whole_pass(document)
    assert (third.id, "ar", "violation") in [(f[1], f[3], f[5]) for f in found]

    drafter = world.users["drafter"]
    peer = add_clause(document, sections[1], "Exclusions.", actor=drafter)
    db.session.commit()
    edit(peer, EXCLUSION_AR, world, language="ar")  # the grant's section now excludes everything in Arabic
    found = same_as_whole_pass(document)
    assert sorted((f[3] or "", f[5]) for f in found if f[1] == third.id) == [("", "notice"), ("ar", "notice")]

    # A clause put first in section 1 renumbers the rest: "Article 2" is now the first clause.
    new = add_clause(document, sections[0], "The Parties welcome the agreement.", actor=drafter)
    db.session.flush()
    move_clause(new.id, sections[0].id, 1, actor=drafter)
    db.session.commit()
    found = same_as_whole_pass(document)
    assert ("violation", None) in [(f[5], f[3]) for f in found if f[1] == third.id]

    db.session.refresh(new)
    delete_clause(new.id, new.current_version_id, actor=drafter)     # and back
    db.session.commit()
    found = same_as_whole_pass(document)
    assert [f[5] for f in found if f[1] == third.id and f[3] is None] == ["notice"]

    # New rules: everything is judged again.
    judged.clear()
    monkeypatch.setattr(operations, "RULESET_VERSION", "rules-changed-for-the-test")
    same_as_whole_pass(document)
    live = sorted(db.session.scalars(select(Clause.id).where(Clause.document_id == document.id,
                                                             Clause.id != new.id)))
    assert judged[0] == (None, live)


def test_a_new_authentic_language_is_checked_in_full(world, judged):
    document, _, clauses = build_bilingual(world)
    same_as_whole_pass(document)
    add_document_language(document, "es", authentic=True, actor=world.users["drafter"])
    db.session.commit()
    judged.clear()
    edit(clauses[0], "Se concede una amnistía general por todos los delitos cometidos durante el conflicto.",
         world, language="es")
    found = same_as_whole_pass(document, ("ar", "es"))
    assert ("es", "violation") in [(f[3], f[5]) for f in found]
    # The languages changed since the last pass: every lead text was judged, not just the edited one.
    assert judged[0] == (None, sorted(c.id for c in clauses))
