"""Writes for submissions, threads, dispositions and notes. They flush, never commit.

Submissions are accepted only while the round is open: the round row is locked first
(FOR UPDATE on PostgreSQL, the write lock on SQLite), so a submission racing the round's
closing is either in or clearly refused.
"""
from flask import current_app
from sqlalchemy import select
from flask_babel import gettext

from ..audit.operations import record_event
from ..drafting.languages import texts_for
from ..drafting.models import Clause, ClauseVersion, Document
from ..drafting.operations import clean_text, edit_clause
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from ..i18n import N_
from ..models_base import utcnow
from ..processes.permissions import Access, can_submit
from ..rounds.models import Round
from ..rounds.queries import latest_round, pin_of
from .models import Decision, Disposition, InternalNote, Kind, Reply, Status, Submission, VersionAnswer
from .permissions import (can_decide, can_reply, can_share, can_write_for_party, may_submit_kind, notes_or_404,
                          speaks_for_team, submits_views, writing_languages)
from .signals import submission_answered, submission_submitted

MAX_BODY = 20_000


def _process_id(clause_id: int) -> int:
    return db.session.scalar(select(Document.process_id).join(Clause, Clause.document_id == Document.id)
                             .where(Clause.id == clause_id))


def _lock_open_round(round_id: int) -> Round:
    round_ = db.session.scalar(select(Round).where(Round.id == round_id).with_for_update()
                               .execution_options(populate_existing=True))
    if not round_.accepts_submissions(utcnow()):
        message = (gettext("%(round)s is closed: submissions are no longer accepted.", round=round_.label)
                   if round_.closed_at else
                   gettext("%(round)s is past its comment deadline: submissions are no longer accepted.",
                           round=round_.label))
        raise Conflict(message, code="round_closed")
    return round_


def _words(text: str) -> str:
    return " ".join(text.split())


def submission_target(access: Access, clause: Clause):
    """(latest round, the clause's pin in it): the checks a new submission passes first,
    in this order, by the API and the HTML form alike."""
    if not can_submit(access):
        raise Forbidden("Only party delegates (and observers where the process allows it) submit.")
    round_ = latest_round(clause.document_id)
    pin = pin_of(round_, clause.id) if round_ else None
    if pin is None:
        raise NotFound()
    return round_, pin


def _writing_language(access: Access, clause: Clause, pin, language, interface_language) -> tuple[str, dict]:
    """(the language chosen, the round's texts of the clause by language). Chosen: one of the
    clause's languages the party has heard of in which the round carries its text; by
    default the interface language if it is one of those, else the lead. A language
    only the working draft has is refused exactly as one the document lacks."""
    version = db.session.get(ClauseVersion, pin.version_id)
    document = db.session.get(Document, clause.document_id)
    heard = writing_languages(access, document)
    lead = heard[0]
    texts = {lead.code: version.text}
    others = [lang.code for lang in heard if not lang.lead]
    for code in others:
        row = texts_for([version.id], code).get(version.id)
        if row is not None and row.text:
            texts[code] = row.text
    if language is None:
        language = interface_language if interface_language in texts else lead.code
    if not isinstance(language, str) or language not in texts:
        raise Invalid("The document has no such language.", code="bad_language", extra={"field": "language"})
    return language, texts


def create_submission(access: Access, clause: Clause, *, kind: str, body: str,
                      proposed_text: str | None, draft: bool, actor, language: str | None = None,
                      interface_language: str | None = None) -> Submission:
    """A comment, question, reservation, proposal or (observers) view on the clause as
    circulated in the latest round, written in `language` (see _writing_language)."""
    round_, pin = submission_target(access, clause)
    language, round_texts = _writing_language(access, clause, pin, language, interface_language)
    try:
        kind = Kind(kind)
    except ValueError:
        raise Invalid("'kind' must be one of: comment, question, reservation, proposal"
                      + (", view" if submits_views(access) else "") + ".") from None
    if not may_submit_kind(access, kind):
        raise Invalid("Observers submit views (non-binding) or comments." if submits_views(access) else
                      "Views are for observer groups; parties comment, question, reserve or propose.")
    body = clean_text(body, what=N_("The text of the submission"))
    if kind == Kind.proposal:
        # Brackets are allowed in a party's proposal: no balance check here.
        proposed_text = clean_text(proposed_text or "", what=N_("The proposed replacement text"))
    elif proposed_text and _words(proposed_text) and all(
            _words(proposed_text) != _words(text) for text in round_texts.values()):
        # A wording typed under another kind is never dropped in silence: the form keeps it
        # and the delegate chooses. (An untouched copy of the circulated text, in any of its
        # languages, is no wording: the form may hold the lead's text under another interface.)
        raise Invalid(gettext("You typed a proposed wording but chose “%(kind)s”: choose “proposal” to "
                              "propose it, or clear the proposed wording.", kind=gettext(kind.value)), extra={"field": "proposed_text"})
    else:
        proposed_text = None
    _lock_open_round(round_.id)
    submission = Submission(round_id=round_.id, clause_id=clause.id, version_id=pin.version_id,
                            party_id=access.party_id, author_id=actor.id, kind=kind, body=body,
                            proposed_text=proposed_text, language=language, status=Status.draft,
                            made_in_joint=access.process.joint_mode)
    db.session.add(submission)
    db.session.flush()
    record_event(actor, "submission.draft", submission, process_id=access.process.id,
                 changes={"kind": kind.value, "clause_id": clause.id, "round": round_.number,
                          "language": language})
    if not draft:
        submit(access, submission, actor=actor)
    return submission


def submit(access: Access, submission: Submission, *, actor) -> None:
    if not can_write_for_party(access, submission):
        raise Forbidden("Only your own party's drafts can be submitted.")
    if submission.status != Status.draft:
        raise Conflict("This item is submitted already.", code="not_a_draft")
    round_ = _lock_open_round(submission.round_id)
    submission.status = Status.submitted
    submission.submitted_at = utcnow()
    # Past the deadline in a process that takes late items: marked late, for the team.
    submission.late = round_.is_past_deadline(submission.submitted_at)
    # Open to every party only if joint mode was on both when it was drafted and now: a
    # draft written in confidence stays confidential, and so does one submitted after
    # joint mode ended.
    submission.made_in_joint = submission.made_in_joint and access.process.joint_mode
    record_event(actor, "submission.submit", submission, process_id=access.process.id,
                 changes={"public_id": submission.public_id, "joint": submission.made_in_joint,
                          **({"late": True} if submission.late else {})})
    submission_submitted.send(None, submission=submission)


def withdraw(access: Access, submission: Submission, *, actor) -> None:
    """Submitted items are never edited or deleted: they are withdrawn, on the record."""
    if not can_write_for_party(access, submission):
        raise Forbidden("Only your own party's submissions can be withdrawn.")
    if submission.status == Status.withdrawn:
        raise Conflict("This item is withdrawn already.", code="withdrawn")
    submission.status = Status.withdrawn
    submission.withdrawn_at = utcnow()
    record_event(actor, "submission.withdraw", submission, process_id=access.process.id,
                 changes={"public_id": submission.public_id})


def add_reply(access: Access, submission: Submission, body: str, *, actor) -> Reply:
    if not can_reply(access, submission):
        raise Forbidden("You cannot reply in this thread.")
    if submission.status == Status.draft:
        raise Conflict("Submit the draft before starting a thread.", code="not_submitted")
    reply = Reply(submission_id=submission.id, author_id=actor.id, from_team=speaks_for_team(access),
                  body=clean_text(body, what=N_("The reply")))
    db.session.add(reply)
    db.session.flush()
    record_event(actor, "submission.reply", reply, process_id=access.process.id,
                 changes={"submission": submission.public_id})
    if reply.from_team:
        submission_answered.send(current_app._get_current_object(), submission=submission, actor=actor,
                                 answer=("reply", reply.id))
    return reply


def set_disposition(access: Access, submission: Submission, decision: str, reason: str, *, actor) -> Disposition:
    if not can_decide(access):
        raise Forbidden("Only the mediator and drafters decide on proposals.")
    if submission.kind != Kind.proposal or submission.status != Status.submitted:
        raise Invalid("Dispositions are recorded on submitted proposals.")
    try:
        decision = Decision(decision)
    except ValueError:
        raise Invalid("'decision' must be one of: accepted, partly_accepted, not_accepted, deferred.") from None
    entry = Disposition(submission_id=submission.id, decision=decision,
                        reason=clean_text(reason, what=N_("The reason")), decided_by_id=actor.id)
    db.session.add(entry)
    db.session.flush()
    record_event(actor, "submission.disposition", entry, process_id=access.process.id,
                 changes={"submission": submission.public_id, "decision": decision.value})
    submission_answered.send(current_app._get_current_object(), submission=submission, actor=actor,
                             answer=("disposition", entry.id))
    return entry


def share_with_all(access: Access, submission: Submission, *, replies=(), actor) -> list[Reply]:
    """Shares the submission with every party and, with it, the team replies named in
    `replies` (public ids): nothing else of the thread. Sharing again shares further
    replies; nothing shared is ever unshared (the parties have read it)."""
    if not can_share(access):
        raise Forbidden("Only the mediator shares a submission with all parties.")
    if submission.status != Status.submitted:
        raise Invalid("Only a submitted item can be shared.")
    wanted = set(replies or ())
    by_id = {r.public_id: r for r in submission.replies}
    if any(pid not in by_id or not by_id[pid].from_team for pid in wanted):
        raise Invalid("'replies' must name the mediation team's replies in this submission's thread.")
    newly = [by_id[pid] for pid in sorted(wanted) if not by_id[pid].shared_with_all]
    if submission.shared_with_all and not newly:
        raise Conflict("This submission and these replies are shared already.", code="shared")
    submission.shared_with_all = True
    for reply in newly:
        reply.shared_with_all = True
    record_event(actor, "submission.share", submission, process_id=access.process.id,
                 changes={"public_id": submission.public_id, "replies": [r.public_id for r in newly]})
    return newly


def add_note(access: Access, clause: Clause, body: str, *, actor) -> InternalNote:
    notes_or_404(access)
    note = InternalNote(clause_id=clause.id, author_id=actor.id, body=clean_text(body, what=N_("The note")))
    db.session.add(note)
    db.session.flush()
    record_event(actor, "note.create", note, process_id=access.process.id, changes={"clause_id": clause.id})
    return note


def import_word_notes(access: Access, document: Document, notes: list[tuple], *, actor) -> int:
    """Colleagues' Word comments, imported with their document, as the team's internal
    notes: `notes` holds (clause id, text, Word author, when or None). The team member
    who imported the file is the note's author; the Word author is kept beside it. One
    audit entry names the count (an import may carry thousands)."""
    notes_or_404(access)
    rows = [InternalNote(clause_id=clause_id, author_id=getattr(actor, "id", None),
                         body=(text or "").strip()[:20_000] or "(empty comment)",
                         word_author=(author or "")[:200] or None, created_at=when or utcnow())
            for clause_id, text, author, when in notes]
    db.session.add_all(rows)
    db.session.flush()
    if rows:
        record_event(actor, "note.import", document, process_id=access.process.id,
                     changes={"count": len(rows), "document_id": document.id})
    return len(rows)


def revise_clause(access: Access, clause: Clause, text: str, base_version_id: int, *,
                  answers: list[str], actor, reason: str | None = None, language: str | None = None,
                  change: bool = False):
    """A new version of the clause that answers the given proposals; `language`, `change`
    as drafting.operations.edit_clause takes them (a proposal applied in its language)."""
    found = list(db.session.scalars(select(Submission).where(Submission.public_id.in_(answers or []))))
    if len(found) != len(set(answers or [])) or any(
            s.clause_id != clause.id or s.kind != Kind.proposal or s.status != Status.submitted for s in found):
        raise Invalid("'answers' must name submitted proposals on this clause.")
    version = edit_clause(clause.id, text, base_version_id, actor=actor, reason=reason, language=language,
                          change=change)
    for submission in found:
        db.session.add(VersionAnswer(version_id=version.id, submission_id=submission.id))
    db.session.flush()
    if found:
        record_event(actor, "clause.answers", clause, process_id=access.process.id,
                     changes={"version_id": version.id, "answers": sorted(s.public_id for s in found)})
    return version
