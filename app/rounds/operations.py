"""Circulating and closing rounds.

Circulation freezes the working draft with two set-based INSERT ... SELECT statements
(pins and section titles): no texts are copied and no per-clause Python runs, so its
cost is one pass over ids however large the document.
"""
import hashlib
import json
from datetime import datetime

from flask import current_app
from sqlalchemy import func, insert, literal, select, text, update
from sqlalchemy.exc import IntegrityError
from flask_babel import gettext, ngettext

from ..audit.operations import record_event
from ..compliance.gate import describe, fingerprint, held_findings, stored_finding_ids
from ..drafting.models import Clause, ClauseVersion, Document, Section
from ..drafting.operations import ensure_editable
from ..errors import Conflict, Invalid
from ..extensions import db
from ..models_base import utcnow
from ..public_ids import encode
from .changed_pins import changed_between
from .diffing import stored_changes, summary_of
from .models import Release, Round, RoundPin, RoundSection
from .preview import check_counts
from .queries import pending_pins, pending_sections
from .signals import round_circulated
from ..drafting.languages import stale_counts, stale_in_draft
from ..processes.models import Party


def _lock_document(document_id: int) -> Document:
    return db.session.scalar(select(Document).where(Document.id == document_id)
                             .with_for_update().execution_options(populate_existing=True))


def circulate_round(document: Document, *, actor, deadline: datetime | None = None,
                    note: str | None = None, allow_unchanged: bool = False,
                    confirm_findings: bool = False, findings_seen: str | None = None,
                    counts_seen: str | None = None, require_counts: bool = False) -> Round:
    """Freezes the working draft as the next round, released to every party at once.

    A draft unchanged since the latest round is refused (409) unless `allow_unchanged`:
    re-circulating the same text is allowed when meant, and this is also what stops two
    mediators who press "circulate" together from making two rounds of one state (the
    second waits on the document lock, then finds nothing changed).

    A draft whose pinned wordings hold violations or warnings no legal adviser has
    confirmed or dismissed is refused (409 "unreviewed_findings", naming them) unless
    `confirm_findings`; `findings_seen` (the fingerprint the refusal gave) makes the
    confirmation hold only for the findings the mediator was shown. A confirmed
    circulation records the findings it went out over, for the legal advisers.

    `counts_seen` (required with `require_counts`: the circulate form's confirmation)
    must name this round's counts, clauses changed and open findings (preview.py):
    checked last, on the pins themselves, so the confirmation holds for this round only.
    """
    document = _lock_document(document.id)
    ensure_editable(document)
    now = utcnow()
    if deadline is not None and deadline <= now:
        raise Invalid("The comment deadline must be in the future.")
    live = db.session.scalar(
        select(func.count()).select_from(Clause)
        .join(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
        .where(Clause.document_id == document.id, ClauseVersion.is_tombstone.is_(False)))
    if not live:
        raise Invalid("The working draft has no clauses to circulate.")
    # Authentic texts to be updated (issue #22): shown in the round's summary, or refused
    # when the process says so. One query per language; none for one language.
    stale = stale_in_draft(document)
    if stale and document.process.refuse_stale_texts:
        counts = stale_counts(stale)
        raise Conflict(gettext(
            "Authentic texts are to be updated: %(counts)s; update them before circulating "
            "(the process refuses to circulate stale authentic texts). Nothing was circulated.",
            counts=", ".join(gettext("%(num)s in %(code)s", num=n, code=code) for code, n in sorted(counts.items()))),
            code="stale_texts", extra={"to_be_updated": counts,
                                       "clauses": sorted(encode("clause", c) for c in stale)})
    number = (db.session.scalar(select(func.max(Round.number))
                                .where(Round.document_id == document.id)) or 0) + 1
    # Whether anything changed is known only by pinning the round and comparing; the
    # pins are written in a savepoint that an unchanged draft rolls back, so that this
    # refusal leaves nothing flushed behind, whoever commits the session.
    with db.session.begin_nested():
        round_ = _new_round(document, number, now, actor, deadline, note)
        _pin_sections(round_, document.id)
        _pin_clauses(round_, document.id)
        _refresh_pin_statistics()
        _count_sections(round_)
        summary = _summary_against_previous(round_)
        unchanged = _is_unchanged(round_, summary)
        if unchanged and not allow_unchanged:
            raise Conflict(gettext("Nothing changed since Rev. %(number)s; circulate it again only if you "
                                   "mean to (allow_unchanged).", number=number - 1), code="unchanged",
                           extra={"latest_round": number - 1})
        held = _gate(document, round_, confirm_findings, findings_seen)
        if require_counts or counts_seen is not None:
            changed = live if summary.get("first_round") else summary.get("clauses_changed", 0)
            check_counts(changed, len(held), counts_seen)
    summary["unchanged"] = unchanged
    if stale:
        summary["to_be_updated"] = stale_counts(stale)
    round_.summary = json.dumps(summary)
    released = _record_releases(round_, document, actor, live if summary.get("first_round")
                                else summary.get("clauses_changed", 0))
    record_event(actor, "round.circulate", round_, process_id=document.process_id,
                 changes={"document_id": document.id, "number": number,
                          "deadline": deadline.isoformat() if deadline else None,
                          "clauses": live, "summary": summary, "released_to": released})
    if held:
        round_.held_findings = len(held)
        record_event(actor, "round.circulate_over_findings", round_, process_id=document.process_id,
                     changes={"document_id": document.id, "number": number, "decision": "circulated",
                              "findings": [{k: h[k] for k in ("id", "clause_id", "version_id", "number", "rule",
                                                              "label", "severity", "state")} for h in held]})
    round_circulated.send(current_app._get_current_object(), round_id=round_.id, actor=actor)
    return round_


def _gate(document: Document, round_: Round, confirmed: bool, seen: str | None) -> list[dict]:
    """The held findings on the wordings this round pins, described; refuses unless the
    mediator confirmed circulating over exactly these."""
    stored = stored_finding_ids(document)
    candidates = held_findings(document)
    if not candidates:
        return []
    pinned = set(db.session.scalars(select(RoundPin.version_id).where(
        RoundPin.round_id == round_.id, RoundPin.version_id.in_({f.version_id for f in candidates}))))
    held = [f for f in candidates if f.version_id in pinned]
    if not held:
        return []
    mark = fingerprint(held)
    described = describe(document, held)
    if confirmed and seen not in (None, "", mark):
        message = ("The findings changed since you were shown them: read them again before you "
                   "confirm circulating over them.")
    elif not confirmed:
        clauses = list(dict.fromkeys(h["article"] for h in described))      # in text order
        message = ngettext("The draft holds %(num)s violation or warning finding no legal adviser has "
                           "reviewed (%(clauses)s): confirm that you circulate it anyway (confirm_findings), "
                           "or ask for a review first.",
                           "The draft holds %(num)s violation or warning findings no legal adviser has "
                           "reviewed (%(clauses)s): confirm that you circulate it anyway (confirm_findings), "
                           "or ask for a review first.", len(held), clauses=", ".join(clauses))
    else:
        return described
    # Findings this check found on wordings no one had checked yet are rolled back with
    # the refusal: they have no id until the findings are next read.
    described = [{**h, "id": h["id"] if h["id"] in stored else None} for h in described]
    raise Conflict(message, code="unreviewed_findings",
                   extra={"findings": described, "findings_fingerprint": mark})


def _new_round(document: Document, number: int, now: datetime, actor, deadline, note) -> Round:
    round_ = Round(document_id=document.id, number=number, circulated_at=now,
                   circulated_by_id=getattr(actor, "id", None), deadline=deadline,
                   note=(note or "").strip()[:2000] or None)
    db.session.add(round_)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise Conflict("Another round of this document was circulated at the same moment.",
                       code="round_exists") from None
    return round_


def _pin_sections(round_: Round, document_id: int) -> None:
    db.session.execute(insert(RoundSection).from_select(
        ["section_id", "title", "position", "round_id"],
        pending_sections(document_id).add_columns(literal(round_.id))))


def _pin_clauses(round_: Round, document_id: int) -> None:
    db.session.execute(insert(RoundPin).from_select(
        ["clause_id", "version_id", "section_id", "position", "round_id"],
        pending_pins(document_id).add_columns(literal(round_.id))))


def _refresh_pin_statistics() -> None:
    """Lets PostgreSQL plan the comparison (and the round's first pages) knowing the new
    pins. Its statistics did not know rows just inserted, so a treaty's new pins were
    planned as one row and joined in nested loops (docs/performance.md, "Measurements
    behind the code"). ANALYZE inside this transaction counts its own new rows; its lock
    makes circulations of two documents take turns at this point."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("ANALYZE round_pins"))


def _count_sections(round_: Round) -> None:
    """Clause and bracket counts per section of the round, from one grouped query."""
    counts = db.session.execute(
        select(RoundPin.section_id, func.count(), func.coalesce(func.sum(ClauseVersion.bracket_count), 0))
        .join(ClauseVersion, ClauseVersion.id == RoundPin.version_id)
        .where(RoundPin.round_id == round_.id).group_by(RoundPin.section_id)).all()
    if counts:
        db.session.execute(update(RoundSection), [
            {"round_id": round_.id, "section_id": sid, "clause_count": n, "bracket_count": int(b)}
            for sid, n, b in counts])


def _summary_against_previous(round_: Round) -> dict:
    previous = db.session.scalar(select(Round).where(Round.document_id == round_.document_id,
                                                     Round.number == round_.number - 1))
    if previous is None:
        return {"first_round": True}
    changes, unchanged = changed_between(previous.id, round_.id)
    round_.changes = stored_changes(changes, unchanged)
    return summary_of(changes)


def _is_unchanged(round_: Round, summary: dict) -> bool:
    if summary.get("first_round"):
        return False
    if summary.get("clauses_changed", 0):
        return False
    titles = select(RoundSection.section_id, RoundSection.title, RoundSection.position)
    now = set(db.session.execute(titles.where(RoundSection.round_id == round_.id)).all())
    before = set(db.session.execute(titles.join(Round, Round.id == RoundSection.round_id).where(
        Round.document_id == round_.document_id, Round.number == round_.number - 1)).all())
    return now == before


def close_round(round_: Round, *, actor) -> None:
    """No more comments on this round. Closing twice is refused, not ignored."""
    # Lock the round first and only then read the clock: a submission holding the lock
    # (comments/operations.py) was accepted before this closing, and the record's times
    # must say so too.
    locked = db.session.scalar(select(Round).where(Round.id == round_.id).with_for_update()
                               .execution_options(populate_existing=True))
    if locked is None or locked.closed_at is not None:
        raise Conflict(gettext("%(round)s is closed already.", round=round_.label), code="round_closed")
    db.session.execute(update(Round).where(Round.id == round_.id)
                       .values(closed_at=utcnow(), closed_by_id=getattr(actor, "id", None))
                       .execution_options(synchronize_session=False))
    db.session.refresh(round_)
    record_event(actor, "round.close", round_, process_id=round_.document.process_id,
                 changes={"number": round_.number})


def recipients_of(document: Document) -> list:
    """Every party and observer group of the process: each receives every round."""

    return list(db.session.scalars(select(Party).where(Party.process_id == document.process_id).order_by(Party.id)))


def round_digest(round_: Round) -> str:
    """SHA-256 of the round's pins in order: the text every recipient reads alike."""
    digest = hashlib.sha256(f"round:{round_.document_id}:{round_.number}\n".encode())
    for row in db.session.execute(select(RoundPin.clause_id, RoundPin.version_id, RoundPin.position)
                                  .where(RoundPin.round_id == round_.id).order_by(RoundPin.position)):
        digest.update(f"{row[0]}:{row[1]}:{row[2]}\n".encode())
    return digest.hexdigest()


def _record_releases(round_: Round, document: Document, actor, changed: int) -> list[str]:
    """A row per recipient of what the circulation released to it (models.Release). Every
    recipient receives the same round, so one digest serves them all; a row each says who
    received it, when, and how much."""
    counts = json.dumps({"clauses": db.session.scalar(select(func.count()).select_from(RoundPin)
                                                      .where(RoundPin.round_id == round_.id)),
                         "sections": db.session.scalar(select(func.count()).select_from(RoundSection)
                                                       .where(RoundSection.round_id == round_.id)),
                         "clauses_changed": changed, "bridging_proposals": 0})
    digest = round_digest(round_)
    parties = recipients_of(document)
    db.session.add_all([Release(round_id=round_.id, party_id=p.id, kind="round", released_at=round_.circulated_at,
                                released_by_id=getattr(actor, "id", None), digest=digest, counts=counts)
                        for p in parties])
    db.session.flush()
    return [p.slug for p in parties]


def record_bridging_release(round_: Round, public_id: str, text_: str, *, actor) -> list[str]:
    """A row per recipient for the release of a mediator's bridging proposal."""
    digest = hashlib.sha256(f"bridging:{public_id}\n{text_}".encode()).hexdigest()
    now = utcnow()
    parties = recipients_of(round_.document)
    db.session.add_all([Release(round_id=round_.id, party_id=p.id, kind="bridging", released_at=now,
                                released_by_id=getattr(actor, "id", None), digest=digest,
                                counts=json.dumps({"bridging_proposals": 1}), items=json.dumps([public_id]))
                        for p in parties])
    db.session.flush()
    return [p.slug for p in parties]


def releases_of(round_: Round) -> list[Release]:
    return list(db.session.scalars(select(Release).where(Release.round_id == round_.id)
                                   .order_by(Release.released_at, Release.id)))


def release_json(release: Release, parties: dict) -> dict:
    party = parties.get(release.party_id)
    return {"recipient": party.slug if party else None, "recipient_name": party.name if party else None,
            "recipient_kind": party.kind.value if party else None, "kind": release.kind,
            "released_at": release.released_at.isoformat(), "digest": release.digest,
            "counts": json.loads(release.counts), "items": json.loads(release.items) if release.items else []}
