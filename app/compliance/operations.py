"""Keeping findings current, and recording reviews. They flush, never commit.

Checking runs when findings are next needed (the queue, the status, conclusion, the
CLI), not inside every edit: one pass over the document's live clauses, with analyses
cached by text, so a drafter's edit stays fast on a 30,000-clause treaty while every
wording is still checked in the context of the clauses it refers to.
"""
import threading
from collections import OrderedDict

from flask import current_app
from sqlalchemy import and_, func, select

from ..audit.operations import record_event
from ..database import chunks, column_rows, start_writing
from ..drafting.models import Clause, ClauseVersion, Document
from ..drafting.queries import working_outline
from ..drafting.version_lock import no_version_writers
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import Access, can_review_findings
from .engine import RULESET_VERSION, Layout, check_clauses
from .models import CheckState, Decision, Finding, Review
from .permissions import may_take_escalation
from .signals import finding_escalated, findings_opened
from ..drafting.languages import lead_of, other_authentic, texts_for


def _newest_version_id(document_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.max(ClauseVersion.id), 0))
                             .join(Clause, Clause.id == ClauseVersion.clause_id)
                             .where(Clause.document_id == document_id))


def _versions_after(document_id: int, since: int) -> int:
    """How many versions of the document are newer than `since`: with the newest id, what
    tells a pass that a version it could not see yet has committed meanwhile (one with a
    lower id than the newest it saw, drafting/version_lock.py)."""
    return db.session.scalar(select(func.count(ClauseVersion.id))
                             .join(Clause, Clause.id == ClauseVersion.clause_id)
                             .where(Clause.document_id == document_id, ClauseVersion.id > since))


def _outline_stamp(document_id: int) -> int:
    """Drawn anew by every move, renumbering, deletion or section change (drafting's
    outline_changed): read fresh, never from the session's copy of the document."""
    return db.session.scalar(select(Document.outline_stamp).where(Document.id == document_id))


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


def _is_current(state: CheckState | None, newest: int, languages: str, stamp: int) -> bool:
    return (state is not None and state.last_version_id >= newest and state.ruleset_version == RULESET_VERSION
            and state.languages == languages and state.outline_stamp == stamp)


def _basis(state: CheckState | None) -> tuple | None:
    """What an incremental pass starts from: the last pass's (newest version, ruleset,
    languages, outline stamp), or None when there was none."""
    return None if state is None else (state.last_version_id, state.ruleset_version, state.languages,
                                       state.outline_stamp)


# The outlines of the last few documents checked in this process, by outline stamp (a
# stamp is drawn at random for each change, so it never names two outlines; 0, a document
# no outline change ever stamped, is not kept). A pass after an edit then reads no outline
# and builds no article index: both depend on the outline alone.
_LAYOUTS: OrderedDict = OrderedDict()
_LAYOUTS_KEPT = 4
_layouts_lock = threading.Lock()


def _kept_layout(document_id: int, stamp: int) -> Layout | None:
    with _layouts_lock:
        kept = _LAYOUTS.get(document_id)
        if not stamp or kept is None or kept[0] != stamp:
            return None
        _LAYOUTS.move_to_end(document_id)
        return kept[1]


def _keep_layout(document_id: int, stamp: int, layout: Layout) -> None:
    if not stamp:
        return
    with _layouts_lock:
        _LAYOUTS[document_id] = (stamp, layout)
        _LAYOUTS.move_to_end(document_id)
        while len(_LAYOUTS) > _LAYOUTS_KEPT:
            _LAYOUTS.popitem(last=False)


def kept_clause_places(document_id: int, clause_ids) -> dict | None:
    """{clause id: (number, section id)} of the live clauses among `clause_ids` from the
    outline this process keeps for the document's current outline stamp (a deleted
    clause is absent), or None when it keeps none."""
    layout = _kept_layout(document_id, _outline_stamp(document_id))
    if layout is None:
        return None
    return {cid: (layout.known[cid]["number"], layout.known[cid]["section"]) for cid in clause_ids
            if cid in layout.known}


def _read_layout(document_id: int, stamp: int) -> tuple[Layout, dict[int, int]]:
    """The working draft's outline without texts (numbers and sections), and each live
    clause's current version; kept when no outline change was committed while reading."""
    rows = [c for s in working_outline(document_id, texts=False) for c in s.clauses]
    # No "label": a live clause's is article_label(number), which indexes as its number.
    layout = Layout([{"id": c.clause_id, "number": c.number, "section": c.section_id} for c in rows])
    if _outline_stamp(document_id) == stamp:
        _keep_layout(document_id, stamp, layout)
    return layout, {c.clause_id: c.version_id for c in rows}


def _changed_since(document_id: int, since: int) -> dict[int, int]:
    """{clause id: current version id} of the live clauses whose current version is newer
    than `since`: read from the versions after it (the primary key's range), not from
    every clause."""
    return dict(column_rows(
        select(ClauseVersion.clause_id, ClauseVersion.id)
        .join(Clause, and_(Clause.id == ClauseVersion.clause_id, Clause.current_version_id == ClauseVersion.id))
        .where(ClauseVersion.id > since, ClauseVersion.is_tombstone.is_(False), Clause.document_id == document_id)))


def _current_versions(clause_ids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for ids in chunks(clause_ids, 1000):
        found.update(column_rows(select(Clause.id, Clause.current_version_id).where(Clause.id.in_(ids))))
    return found


def _lead_texts(version_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for ids in chunks(version_ids, 1000):
        found.update(column_rows(select(ClauseVersion.id, ClauseVersion.text).where(ClauseVersion.id.in_(ids))))
    return found


def _check(document_id: int, basis: tuple | None, stamp: int):
    """(the outline as a Layout, {clause id: current version id} of the clauses read,
    {clause id: [(language, finding)]}, the (clause id, language) pairs judged, or None
    when every text was): every authentic text is checked (issue #22), each language as a
    document of its own so that a clause's references read the clauses of its own
    language (a clause with no text in a language is not in that language's document);
    the lead's findings have language None, as before languages.

    Incremental when the last pass (`basis`) saw the same rules and languages: the texts
    of clauses with a version newer than that pass are judged again, and so are the
    clauses holding findings (every grant of relief has one, and only a grant borrows
    exclusions from other clauses) when the outline changed since (a move or renumbering
    may make "Article 12" another clause). With the same outline, a grant whose own text
    did not change is judged again only if a clause it may borrow from did (one it
    refers to, or one of its section). Every other clause is judged on its own text
    alone, which did not change: its stored findings stand. Versions and their texts are
    immutable, so this gives what a pass over the whole document gives
    (tests/compliance/test_incremental.py holds it to that)."""
    document = db.session.get(Document, document_id)
    since = None
    if basis is not None and basis[1:3] == (RULESET_VERSION, _languages_key(document)):
        since = basis[0]
    same_outline = since is not None and basis[3] == stamp
    layout = _kept_layout(document_id, stamp) if same_outline else None
    if layout is None:
        layout, version_of = _read_layout(document_id, stamp)
        changed = None if since is None else {cid for cid, vid in version_of.items() if vid > since}
    else:
        version_of = _changed_since(document_id, since)
        changed = set(version_of)
    flagged: dict = {}
    if since is not None:
        for cid, code in db.session.execute(select(Finding.clause_id, Finding.language).where(
                Finding.document_id == document_id, Finding.superseded_at.is_(None))):
            flagged.setdefault(code, set()).add(cid)
    results: dict = {}
    judged: set | None = None if since is None else set()

    def reader(read):
        def read_texts(ids):
            ids = list(ids)
            version_of.update(_current_versions([i for i in ids if i not in version_of]))
            texts = read([version_of[i] for i in ids])
            return {i: texts.get(version_of[i]) for i in ids}
        return read_texts

    readers = [(None, _lead_texts)] + [
        (code, lambda ids, code=code: {vid: row.text for vid, row in texts_for(ids, code).items()})
        for code in other_authentic(document)]
    for code, read in readers:
        if since is None:
            found = check_clauses(layout, list(layout.known), reader(read), language=code)
        else:
            found = check_clauses(layout, sorted(changed), reader(read), language=code,
                                  borrowers=sorted(flagged.get(code, ())), changed=changed if same_outline else None)
        for cid, findings in found.items():
            results.setdefault(cid, []).extend((code, f) for f in findings)
            if judged is not None:
                judged.add((cid, code))
    return layout, version_of, results, judged


def _refresh_account(stored: Finding, fresh) -> None:
    """The same finding (same rule, span, message) keeps its id and reviews; only how it
    explains itself (label, precedents, cure) follows the current rules."""
    label = fresh.label[:200] or None
    if stored.label != label or stored.explanation != fresh.explanation:
        stored.label, stored.explanation = label, fresh.explanation


def refresh_findings(document: Document, *, whole: bool = False) -> bool:
    """Re-checks the document if any clause or its outline changed since the last pass
    (or the rules or its authentic languages did): incrementally, or every text with
    `whole`. Returns whether a pass ran."""
    newest = _newest_version_id(document.id)
    stamp = _outline_stamp(document.id)
    languages = _languages_key(document)
    seen = db.session.get(CheckState, document.id)
    if not whole and _is_current(seen, newest, languages, stamp):
        return False
    # The pass is computed before the write lock is taken (a GET reads until here), and
    # written under it only if no other reader wrote the same pass in between.
    basis = None if whole else _basis(seen)
    # The versions above the last pass's mark, counted before this pass reads them: the
    # same count at the end says none committed unseen meanwhile (version_lock.py).
    floor = basis[0] if basis else 0
    written = _versions_after(document.id, floor)
    layout, version_of, results, judged = _check(document.id, basis, stamp)
    start_writing()
    state = _state(document.id)
    if not whole and _is_current(state, newest, languages, stamp):
        return False
    if (_newest_version_id(document.id) != newest or _versions_after(document.id, floor) != written
            or _outline_stamp(document.id) != stamp or (not whole and _basis(state) != basis)):
        # Edited, moved (or checked by another reader) meanwhile: check what is current.
        newest, stamp = _newest_version_id(document.id), _outline_stamp(document.id)
        basis = None if whole else _basis(state)
        floor = basis[0] if basis else 0
        written = _versions_after(document.id, floor)
        layout, version_of, results, judged = _check(document.id, basis, stamp)
    stored = list(db.session.scalars(select(Finding).where(Finding.document_id == document.id,
                                                           Finding.superseded_at.is_(None))))
    holders = {f.clause_id for f in stored}
    version_of.update(_current_versions([c for c in holders if c in layout.known and c not in version_of]))
    current: dict = {}
    for f in stored:
        current.setdefault(f.version_id, {})[f.key] = f
    now = utcnow()
    opened = []
    # In document order (live clauses are numbered in it), as a pass over the outline.
    for cid in sorted((c for c in set(results) | holders if c in layout.known), key=lambda c: layout.known[c]["number"]):
        version_id = version_of[cid]
        existing = current.get(version_id, {})
        fresh = {(lang, f.rule, f.severity, f.message, f.start, f.end, f.citation): (lang, f)
                 for lang, f in results.get(cid, [])}
        for key, old in existing.items():
            # An incremental pass leaves the findings of texts it did not judge as they are.
            if key not in fresh and (judged is None or (cid, key[0]) in judged):
                old.superseded_at = now
        for key, (lang, f) in fresh.items():
            if key in existing:
                _refresh_account(existing[key], f)
            else:
                finding = Finding(document_id=document.id, clause_id=cid, version_id=version_id,
                                  language=lang, rule=f.rule, severity=f.severity, message=f.message, start=f.start,
                                  end=f.end, citation=f.citation, label=f.label[:200] or None,
                                  explanation=f.explanation, ruleset_version=RULESET_VERSION)
                db.session.add(finding)
                if finding.severity != "notice":
                    opened.append(finding)
    # Wordings no longer current (edited, deleted) leave the queue; history keeps them.
    for f in stored:
        if f.clause_id not in layout.known or version_of[f.clause_id] != f.version_id:
            f.superseded_at = now
    # How far this pass checked, recorded only if no edit is in flight that may yet
    # commit a lower id than `newest` (drafting/version_lock.py); else the next pass starts
    # from the same floor again (judging twice changes nothing).
    if (no_version_writers(document.id) and _newest_version_id(document.id) == newest
            and _versions_after(document.id, floor) == written):
        state.last_version_id = newest
    state.ruleset_version, state.checked_at = RULESET_VERSION, now
    state.languages, state.outline_stamp = languages, stamp
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
