"""Keeping findings current, and recording reviews. They flush, never commit.

Checking runs when findings are next needed (the queue, the status, conclusion, the
CLI), not inside every edit: one pass over the document's live clauses, with analyses
cached by text, so a drafter's edit stays fast on a 30,000-clause treaty while every
wording is still checked in the context of the clauses it refers to.
"""
from flask import current_app
from sqlalchemy import func, select

from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.models import Clause, ClauseVersion, Document
from ..drafting.queries import working_outline
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import Access, can_review_findings
from .engine import RULESET_VERSION, check_document
from .models import CheckState, Decision, Finding, Review
from .permissions import may_take_escalation
from .signals import finding_escalated, findings_opened
from ..drafting.languages import other_authentic, texts_for


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


def _is_current(state: CheckState | None, newest: int) -> bool:
    return state is not None and state.last_version_id >= newest and state.ruleset_version == RULESET_VERSION


def _check(document_id: int):
    """(live clauses, {clause id: [(language, finding)]}): every authentic text is
    checked (issue #22), each language as a document of its own so that a clause's
    references read the clauses of its own language; the lead's findings have language
    None, as before languages."""

    clauses = [c for s in working_outline(document_id) for c in s.clauses]
    results: dict = {}
    for cid, found in check_document([{"id": c.clause_id, "text": c.text, "number": c.number,
                                       "section": c.section_id, "label": c.label} for c in clauses]).items():
        results.setdefault(cid, []).extend((None, f) for f in found)
    document = db.session.get(Document, document_id)
    for code in other_authentic(document):
        texts = texts_for([c.version_id for c in clauses], code)
        items = [{"id": c.clause_id, "text": texts[c.version_id].text, "number": c.number, "section": c.section_id,
                  "label": c.label, "language": code} for c in clauses if c.version_id in texts]
        for cid, found in check_document(items).items():
            results.setdefault(cid, []).extend((code, f) for f in found)
    return clauses, results


def _refresh_account(stored: Finding, fresh) -> None:
    """The same finding (same rule, span, message) keeps its id and reviews; only how it
    explains itself (label, precedents, cure) follows the current rules."""
    label = fresh.label[:200] or None
    if stored.label != label or stored.explanation != fresh.explanation:
        stored.label, stored.explanation = label, fresh.explanation


def refresh_findings(document: Document) -> bool:
    """Re-checks the document if any clause changed since the last pass (or the rules
    did). Returns whether a pass ran."""
    newest = _newest_version_id(document.id)
    if _is_current(db.session.get(CheckState, document.id), newest):
        return False
    # The pass is computed before the write lock is taken (a GET reads until here), and
    # written under it only if no other reader wrote the same pass in between.
    clauses, results = _check(document.id)
    start_writing()
    state = _state(document.id)
    if _is_current(state, newest):
        return False
    if _newest_version_id(document.id) != newest:      # edited meanwhile: check what is current
        newest = _newest_version_id(document.id)
        clauses, results = _check(document.id)
    current = {}
    for f in db.session.scalars(select(Finding).where(Finding.document_id == document.id,
                                                      Finding.superseded_at.is_(None))):
        current.setdefault(f.version_id, {})[f.key] = f
    now = utcnow()
    live_versions = set()
    opened = []
    for c in clauses:
        live_versions.add(c.version_id)
        existing = current.get(c.version_id, {})
        fresh = {(lang, f.rule, f.severity, f.message, f.start, f.end, f.citation): (lang, f)
                 for lang, f in results.get(c.clause_id, [])}
        for key, old in existing.items():
            if key not in fresh:
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
