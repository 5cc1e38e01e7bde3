"""Authentic texts (issue #22) in the model: a document's languages, a text per version
per language, "to be updated" after an edit in another language, concordance."""
import pytest
from sqlalchemy import select

from app.drafting.languages import clause_languages, languages_of, stale_authentic
from app.drafting.models import ClauseText, ClauseVersion, DocumentLanguage
from app.drafting.operations import add_document_language, edit_clause
from app.errors import Conflict, Invalid
from app.extensions import db
from tests.db_state import db_state

AR1 = "تلتزم الأطراف بالسلام."
AR2 = "تلتزم الأطراف بسلام دائم."


def _langs(document):
    return [(lang.code, lang.authentic, lang.lead) for lang in languages_of(document)]


def _state(document, clause):
    version = db.session.get(ClauseVersion, clause.current_version_id)
    return {t["code"]: t["to_be_updated"] for t in clause_languages(document, version)}


def test_a_new_document_has_its_process_language_as_lead_and_authentic(world, doc):
    document, _, _ = doc
    assert _langs(document) == [("en", True, True)]


def test_a_document_without_rows_has_an_implicit_lead(world, doc):
    document, _, _ = doc
    db.session.execute(DocumentLanguage.__table__.delete())
    assert _langs(document) == [("en", True, True)]
    add_document_language(document, "ar", authentic=True, actor=world.users["mediator"])
    assert _langs(document) == [("en", True, True), ("ar", True, False)]


def test_adding_a_language_marks_every_clause_to_be_updated_in_it(world, doc):
    document, _, clauses = doc
    add_document_language(document, "ar", authentic=True, actor=world.users["mediator"])
    add_document_language(document, "fr", authentic=False, actor=world.users["mediator"])
    assert _langs(document) == [("en", True, True), ("ar", True, False), ("fr", False, False)]
    assert _state(document, clauses[0]) == {"en": False, "ar": True, "fr": True}
    stale = stale_authentic(document, [c.current_version_id for c in clauses])
    assert stale == {c.current_version_id: ["ar"] for c in clauses}     # a translation is not authentic


@pytest.mark.parametrize("code, authentic, error", [("en", True, Conflict), ("Arabic!", True, Invalid),
                                                     ("ar", "yes", Invalid), (None, True, Invalid)])
def test_a_bad_or_duplicate_language_is_refused_and_nothing_changes(world, doc, code, authentic, error):
    document, _, _ = doc
    state = db_state()
    with pytest.raises(error):
        add_document_language(document, code, authentic=authentic, actor=world.users["mediator"])
    db.session.rollback()
    assert db_state() == state


def test_an_english_edit_marks_arabic_to_be_updated_and_the_arabic_update_restores_concordance(world, doc):
    document, _, clauses = doc
    drafter = world.users["drafter"]
    clause = clauses[0]
    add_document_language(document, "ar", authentic=True, actor=drafter)
    v_ar = edit_clause(clause.id, AR1, clause.current_version_id, actor=drafter, language="ar")
    # Writing a missing text is its update: English stays up to date.
    assert _state(document, clause) == {"en": False, "ar": False}
    assert v_ar.text == "The Parties commit to peace." and v_ar.language == "ar"
    v_en = edit_clause(clause.id, "The Parties commit to a lasting peace.", v_ar.id, actor=drafter)
    assert _state(document, clause) == {"en": False, "ar": True}
    carried = db.session.scalar(select(ClauseText).where(ClauseText.version_id == v_en.id))
    assert carried.text == AR1 and carried.revised_for_id == v_ar.id       # carried forward, stale
    assert stale_authentic(document, [v_en.id]) == {v_en.id: ["ar"]}
    v_ar2 = edit_clause(clause.id, AR2, v_en.id, actor=drafter, language="ar")
    assert _state(document, clause) == {"en": False, "ar": False}
    assert stale_authentic(document, [v_ar2.id]) == {}
    assert v_ar2.text == "The Parties commit to a lasting peace."
    # The old versions keep their texts: immutable.
    assert db.session.scalar(select(ClauseText.text).where(ClauseText.version_id == v_ar.id)) == AR1


def test_an_arabic_change_marks_english_to_be_updated_and_an_unchanged_resubmission_confirms(world, doc):
    document, _, clauses = doc
    drafter = world.users["drafter"]
    clause = clauses[0]
    add_document_language(document, "ar", authentic=True, actor=drafter)
    v1 = edit_clause(clause.id, AR1, clause.current_version_id, actor=drafter, language="ar")
    v2 = edit_clause(clause.id, AR2, v1.id, actor=drafter, language="ar")       # a new change
    assert _state(document, clause) == {"en": True, "ar": False}
    assert v2.lead_revised_for_id == v1.id
    v3 = edit_clause(clause.id, v2.text, v2.id, actor=drafter)     # English needs no change: confirmed
    assert _state(document, clause) == {"en": False, "ar": False}
    assert v3.lead_revised_for_id is None
    db.session.commit()
    state = db_state()
    with pytest.raises(Invalid) as err:          # now up to date: unchanged is refused again
        edit_clause(clause.id, v2.text, v3.id, actor=drafter)
    assert err.value.code == "unchanged"
    with pytest.raises(Invalid):
        edit_clause(clause.id, AR2, v3.id, actor=drafter, language="ar")
    db.session.rollback()
    assert db_state() == state


def test_an_edit_in_a_language_the_document_lacks_is_refused_and_nothing_changes(world, doc):
    document, _, clauses = doc
    state = db_state()
    with pytest.raises(Invalid):
        edit_clause(clauses[0].id, AR1, clauses[0].current_version_id, actor=world.users["drafter"], language="ar")
    db.session.rollback()
    assert db_state() == state


def test_unbalanced_brackets_in_arabic_are_refused(world, doc):
    document, _, clauses = doc
    add_document_language(document, "ar", authentic=True, actor=world.users["drafter"])
    db.session.commit()
    state = db_state()
    with pytest.raises(Invalid) as err:
        edit_clause(clauses[0].id, "يدخل وقف إطلاق النار حيز النفاذ [خلال 72 ساعة.", clauses[0].current_version_id,
                    actor=world.users["drafter"], language="ar")
    assert err.value.code == "unbalanced_brackets"
    db.session.rollback()
    assert db_state() == state


def test_arabic_brackets_are_counted(world, doc):
    document, _, clauses = doc
    add_document_language(document, "ar", authentic=True, actor=world.users["drafter"])
    v = edit_clause(clauses[1].id, "يدخل وقف إطلاق النار حيز النفاذ [خلال 72 ساعة / خلال 7 أيام].",
                    clauses[1].current_version_id, actor=world.users["drafter"], language="ar")
    row = db.session.scalar(select(ClauseText).where(ClauseText.version_id == v.id))
    assert row.bracket_count == 1
