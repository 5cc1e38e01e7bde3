"""The findings gate re-checks incrementally (issue #22's circulation target): after edits
in either authentic language, a change to a clause another one borrows its exclusions
from, renumbering, deletion, new rules or a new authentic language, the incremental pass
leaves exactly the findings a pass over every text gives, and judges only what changed."""
import json

import pytest
from sqlalchemy import select

from app.compliance import gate, operations
from app.compliance.gate import describe, held_findings
from app.compliance.engine import check_document
from app.compliance.models import Finding
from app.compliance.operations import refresh_findings
from app.drafting.languages import texts_for
from app.drafting.models import Clause
from app.drafting.operations import (add_clause, add_document_language, add_section, delete_clause, edit_clause,
                                     move_clause, move_section, remove_section)
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

    def spy(layout, ids, read_texts, **options):
        found = real(layout, ids, read_texts, **options)
        calls.append((options.get("language"), sorted(found)))
        return found

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


@pytest.fixture(params=["kept", "read"])
def outline_kept(request, monkeypatch):
    """Each test twice: with the outline kept between passes, and read by every pass."""
    if request.param == "read":
        monkeypatch.setattr(operations, "_LAYOUTS_KEPT", 0)
        operations._LAYOUTS.clear()
    return request.param == "kept"


def test_moves_without_an_edit_re_judge_the_grants(world, outline_kept):
    """A move writes no version, yet "Article 2" may now be another clause: the next
    reader re-checks (on main before the outline stamp, the findings stayed as they were)."""
    document, sections, clauses = build_bilingual(world)
    first, second, third = clauses          # Articles 1 and 2 in section 1, Article 3 in section 2
    drafter = world.users["drafter"]
    edit(third, GRANT, world)               # relief subject to Article 2 (the ceasefire: no exclusions)
    edit(first, EXCLUSION, world)           # Article 1 excludes everything
    found = same_as_whole_pass(document)
    assert [f[5] for f in found if f[1] == third.id and f[3] is None] == ["violation"]

    def grant_after(change):
        change()
        db.session.commit()
        assert refresh_findings(document)           # the change alone starts a pass
        found = same_as_whole_pass(document)
        return [f[5] for f in found if f[1] == third.id and f[3] is None]

    # The exclusion moved after the ceasefire: it is Article 2 now.
    assert grant_after(lambda: move_clause(first.id, sections[0].id, 2, actor=drafter)) == ["notice"]
    # Section 2 first: the grant is Article 1, the ceasefire Article 2 again.
    assert grant_after(lambda: move_section(sections[1], 1, actor=drafter)) == ["violation"]
    # The exclusion moved into the grant's section: borrowed as a general clause of it.
    assert grant_after(lambda: move_clause(first.id, sections[1].id, 1, actor=drafter)) == ["notice"]
    # And out again, into a new last section: Article 2 is now the grant itself's neighbour.
    last = add_section(document, "Final provisions", actor=drafter)
    assert grant_after(lambda: move_clause(first.id, last.id, 1, actor=drafter)) == ["violation"]
    # Its section removed (the exclusion deleted with it).
    assert grant_after(lambda: remove_section(last, actor=drafter)) == ["violation"]
    assert not refresh_findings(document)           # and then nothing is left to do


def test_with_the_same_outline_a_grant_is_judged_again_only_when_what_it_borrows_from_changed(
        world, judged, outline_kept, monkeypatch):
    document, sections, clauses = build_bilingual(world)
    first, second, third = clauses
    drafter = world.users["drafter"]
    edit(third, GRANT, world)               # section 2, subject to Article 2 (section 1)
    edit(third, GRANT_AR, world, language="ar")
    same_as_whole_pass(document)

    judged.clear()
    edit(first, "The Parties commit to a lasting peace.", world)    # neither referred to nor in its section
    same_as_whole_pass(document)
    assert judged[0] == (None, [first.id])
    assert judged[1] == ("ar", [first.id])    # its Arabic was carried to the new version

    judged.clear()
    edit(second, EXCLUSION, world)          # Article 2, which the English grant refers to
    found = same_as_whole_pass(document)
    assert judged[0] == (None, sorted([second.id, third.id]))
    # The Arabic grant names no article, and Article 2 is in another section.
    assert judged[1] == ("ar", [second.id])
    assert {(f[3], f[5]) for f in found if f[1] == third.id} == {(None, "notice"), ("ar", "violation")}

    peer = add_clause(document, sections[1], "Exclusions follow.", actor=drafter)    # no Arabic text
    db.session.commit()
    judged.clear()
    same_as_whole_pass(document)            # a new clause renumbers: every grant judged again
    assert judged[0] == (None, sorted([peer.id, third.id]))
    assert judged[1] == ("ar", [third.id])   # the new clause has no Arabic text: not judged in Arabic

    judged.clear()
    edit(peer, EXCLUSION_AR, world, language="ar")      # in the Arabic grant's section
    found = same_as_whole_pass(document)
    assert judged[1] == ("ar", sorted([peer.id, third.id]))
    assert {(f[3], f[5]) for f in found if f[1] == third.id} == {(None, "notice"), ("ar", "notice")}


def test_a_pass_on_the_same_outline_reads_none_when_it_keeps_it(world, monkeypatch):
    document, sections, clauses = build_bilingual(world)
    first, second, third = clauses
    edit(third, GRANT, world)
    same_as_whole_pass(document)
    reads = []
    for module in (operations, gate):
        real = module.working_outline
        monkeypatch.setattr(module, "working_outline", lambda *a, real=real, **k: reads.append(a) or real(*a, **k))
    edit(first, EXCLUSION, world)
    assert refresh_findings(document)
    described = describe(document, held_findings(document))
    assert reads == []
    assert [(d["number"], d["article"]) for d in described] == [(3, "Article 3")]
    same_as_whole_pass(document)
    # Moved: another outline, read once by the pass, and kept for the description.
    reads.clear()
    move_clause(second.id, sections[1].id, 2, actor=world.users["drafter"])     # after the grant
    db.session.commit()
    described = describe(document, held_findings(document))
    assert len(reads) == 1
    assert [(d["number"], d["article"]) for d in described] == [(2, "Article 2")]
    # Without it, the description reads the sections holding the findings, with the same numbers.
    operations._LAYOUTS.clear()
    assert describe(document, held_findings(document)) == described
    assert len(reads) == 2
