"""Keeping findings current, and recording reviews. They flush, never commit.

Checking runs when findings are next needed (the queue, the status, conclusion, the
CLI), not inside every edit: one pass over the document's live clauses, with analyses
cached by text, so a drafter's edit stays fast on a 30,000-clause treaty while every
wording is still checked in the context of the clauses it refers to.
"""
from flask import current_app
from sqlalchemy import func, select

from ..audit.operations import record_event
from ..database import chunks, column_rows, start_writing
from ..drafting.models import Clause, ClauseText, ClauseVersion, Document
from ..drafting.queries import working_outline
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import Access, can_review_findings
from .engine import RULESET_VERSION, check_clauses
from .models import CheckState, Decision, Finding, Review
from .permissions import may_take_escalation
from .signals import finding_escalated, findings_opened
from ..drafting.languages import lead_of, other_authentic, texts_for


def _newest_version_id(document_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.max(ClauseVersion.id), 0))
                             .join(Clause, Clause.id == ClauseVersion.clause_id)
                             .where(Clause.document_id == document_id))


def _state(document_id: int) -> CheckState:
    # The document row is the lock: two readers refreshing at once run one pass.
    db.session.execute(select(Document.id).where(Document.id == document_id).with_for_update())
    state = db.session.get(CheckState, document_id, populate_existing=True)
    if state is None:
        state = CheckState(document_id=document_id, last_version_id=0, ruleset_version="")
        db.session.add(state)
    return state


def _languages_key(document: Document) -> str:
    """The lead and the other authentic languages, as the check state records them."""
    return ",".join([lead_of(document).code, *other_authentic(document)])


def _is_current(state: CheckState | None, newest: int, languages: str) -> bool:
    return (state is not None and state.last_version_id >= newest and state.ruleset_version == RULESET_VERSION
            and state.languages == languages)


def _basis(state: CheckState | None) -> tuple | None:
    """What an incremental pass starts from: the last pass's (newest version, ruleset,
    languages), or None when there was none."""
    return None if state is None else (state.last_version_id, state.ruleset_version, state.languages)


def _lead_texts(version_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for ids in chunks(version_ids, 1000):
        found.update(column_rows(select(ClauseVersion.id, ClauseVersion.text).where(ClauseVersion.id.in_(ids))))
    return found


def _versions_in(document_id: int, code: str) -> set[int]:
    """The current versions of the document's clauses that have a text in `code`."""
    return {vid for vid, in column_rows(
        select(ClauseText.version_id).join(Clause, Clause.current_version_id == ClauseText.version_id)
        .where(Clause.document_id == document_id, ClauseText.language == code))}


def _check(document_id: int, basis: tuple | None):
    """(live clauses, {clause id: [(language, finding)]}, the (clause id, language) pairs
    judged, or None when every text was): every authentic text is checked (issue #22),
    each language as a document of its own so that a clause's references read the clauses
    of its own language; the lead's findings have language None, as before languages.

    Incremental when the last pass (`basis`) saw the same rules and languages: only the
    texts of clauses with a version newer than that pass are judged again, with the
    clauses that hold findings (every grant of relief has one, and only a grant borrows
    exclusions from other clauses, so only a grant's findings can change through another
    clause's edit or a renumbering). Every other clause is judged on its own text alone,
    which did not change: its stored findings stand. Versions and their texts are
    immutable, so this gives what a pass over the whole document gives
    (tests/compliance/test_incremental.py holds it to that)."""
    document = db.session.get(Document, document_id)
    clauses = [c for s in working_outline(document_id, texts=False) for c in s.clauses]
    since = None
    if basis is not None and basis[1:] == (RULESET_VERSION, _languages_key(document)):
        since = basis[0]
    flagged: dict = {}
    if since is not None:
        for cid, code in db.session.execute(select(Finding.clause_id, Finding.language).where(
                Finding.document_id == document_id, Finding.superseded_at.is_(None))):
            flagged.setdefault(code, set()).add(cid)
    results: dict = {}
    judged: set | None = None if since is None else set()

    def run(code, rows, read) -> None:
        version_of = {c.clause_id: c.version_id for c in rows}
        # No "label": a live clause's is article_label(number), which indexes as its number.
        items = [{"id": c.clause_id, "number": c.number, "section": c.section_id,
                  **({"language": code} if code else {})} for c in rows]
        wanted = [c.clause_id for c in rows
                  if since is None or c.version_id > since or c.clause_id in flagged.get(code, ())]

        def read_texts(ids):
            texts = read([version_of[i] for i in ids])
            return {i: texts.get(version_of[i]) for i in ids}

        for cid, found in check_clauses(items, wanted, read_texts).items():
            results.setdefault(cid, []).extend((code, f) for f in found)
            if judged is not None:
                judged.add((cid, code))

    run(None, clauses, _lead_texts)
    for code in other_authentic(document):
        having = _versions_in(document_id, code)
        run(code, [c for c in clauses if c.version_id in having],
            lambda ids, code=code: {vid: row.text for vid, row in texts_for(ids, code).items()})
    return clauses, results, judged


def _refresh_account(stored: Finding, fresh) -> None:
    """The same finding (same rule, span, message) keeps its id and reviews; only how it
    explains itself (label, precedents, cure) follows the current rules."""
    label = fresh.label[:200] or None
    if stored.label != label or stored.explanation != fresh.explanation:
        stored.label, stored.explanation = label, fresh.explanation


def refresh_findings(document: Document, *, whole: bool = False) -> bool:
    """Re-checks the document if any clause changed since the last pass (or the rules or
    its authentic languages did): incrementally, or every text with `whole`. Returns
    whether a pass ran."""
    newest = _newest_version_id(document.id)
    languages = _languages_key(document)
    seen = db.session.get(CheckState, document.id)
    if not whole and _is_current(seen, newest, languages):
        return False
    # The pass is computed before the write lock is taken (a GET reads until here), and
    # written under it only if no other reader wrote the same pass in between.
    basis = None if whole else _basis(seen)
    clauses, results, judged = _check(document.id, basis)
    start_writing()
    state = _state(document.id)
    if not whole and _is_current(state, newest, languages):
        return False
    if _newest_version_id(document.id) != newest or (not whole and _basis(state) != basis):
        # Edited (or checked by another reader) meanwhile: check what is current.
        newest = _newest_version_id(document.id)
        basis = None if whole else _basis(state)
        clauses, results, judged = _check(document.id, basis)
    current = {}
    for f in db.session.scalars(select(Finding).where(Finding.document_id == document.id,
                                                      Finding.superseded_at.is_(None))):
        current.setdefault(f.version_id, {})[f.key] = f
    now = utcnow()
    live_versions = set()
    opened = []
    for c in clauses:
        live_versions.add(c.version_id)
        if c.clause_id not in results and c.version_id not in current:
            continue                        # nothing found, nothing stored: nothing to do
        existing = current.get(c.version_id, {})
        fresh = {(lang, f.rule, f.severity, f.message, f.start, f.end, f.citation): (lang, f)
                 for lang, f in results.get(c.clause_id, [])}
        for key, old in existing.items():
            # An incremental pass leaves the findings of texts it did not judge as they are.
            if key not in fresh and (judged is None or (c.clause_id, key[0]) in judged):
                old.superseded_at = now
        for key, (lang, f) in fresh.items():
            if key in existing:
                _refresh_account(existing[key], f)
            else:
                finding = Finding(document_id=document.id, clause_id=c.clause_id, version_id=c.version_id,
                                  language=lang, rule=f.rule, severity=f.severity, message=f.message, start=f.start,
                                  end=f.end, citation=f.citation, label=f.label[:200] or None,
                                  explanation=f.explanation, ruleset_version=RULESET_VERSION)
                db.session.add(finding)
                if finding.severity != "notice":
                    opened.append(finding)
    # Wordings no longer current (edited, deleted) leave the queue; history keeps them.
    for version_id, found in current.items():
        if version_id not in live_versions:
            for f in found.values():
                f.superseded_at = now
    state.last_version_id, state.ruleset_version, state.checked_at = newest, RULESET_VERSION, now
    state.languages = languages
    db.session.flush()
    if opened:      # in the pass's transaction: a pass rolled back opens nothing
        findings_opened.send(current_app._get_current_object(), document=document, findings=opened)
    return True


def review_finding(access: Access, finding: Finding, decision: str, reason: str | None, *, actor,
                   assignee_id: int | None = None, note: str | None = None) -> Review:
    """Records a legal adviser's decision. An escalation names its assignee (a legal
    adviser or mediator of the process: anyone else is refused, 422) and a note saying
    what they are asked to do; other decisions take neither."""
    if not can_review_findings(access):
        raise Forbidden("Only legal advisers review findings.")
    try:
        decision = Decision(decision)
    except ValueError:
        raise Invalid("'decision' must be one of: confirmed, dismissed, escalated.") from None
    reason = (reason or "").strip() or None
    note = (note or "").strip() or None
    if decision == Decision.dismissed and not reason:
        raise Invalid("Dismissing a finding needs a written reason.")
    if decision == Decision.escalated:
        if assignee_id is None:
            raise Invalid("Escalating a finding needs an assignee: a legal adviser or mediator of the process.")
        if not may_take_escalation(access.process, assignee_id):
            raise Invalid("The assignee must be a legal adviser or mediator of this process.")
        if not note:
            raise Invalid("Escalating a finding needs a note for the assignee.")
    elif assignee_id is not None:
        raise Invalid("Only an escalation takes an assignee.")
    if finding.superseded_at is not None:
        raise Invalid("This finding is on a wording that is no longer current; review the current one.")
    review = Review(finding_id=finding.id, decision=decision, reason=reason, reviewer_id=actor.id,
                    assignee_id=assignee_id if decision == Decision.escalated else None,
                    note=note if decision == Decision.escalated else None)
    db.session.add(review)
    db.session.flush()
    changes = {"decision": decision.value, "reason": reason, "rule": finding.rule,
               "clause_id": finding.clause_id, "version_id": finding.version_id}
    if decision == Decision.escalated:
        changes.update(assignee_id=assignee_id, note=note)
    record_event(actor, "finding.review", finding, process_id=access.process.id, changes=changes)
    if decision == Decision.escalated:
        finding_escalated.send(current_app._get_current_object(), finding=finding, assignee_id=assignee_id,
                               actor=actor, review_id=review.id)
    return review
