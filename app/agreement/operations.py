"""Writes for positions, packages, conclusion and reopening. They flush, never commit.

A position names the version it is given on; anything but the wording the latest round
pins is refused, so an agreement can never attach to words the party has not seen.
"""
from flask import current_app
from sqlalchemy import func, select, update
from flask_babel import gettext, ngettext

from ..audit.operations import record_event
from ..drafting.models import Clause, ClauseVersion, Document
from ..drafting.operations import clean_text
from ..errors import N_, Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from ..models_base import utcnow
from ..processes.models import Party
from ..processes.permissions import Access, can_edit_text
from ..rounds.models import Round, RoundPin
from ..rounds.queries import latest_round
from . import tallies
from .permissions import binding_packages, can_conclude, records_on_behalf, require_position_for
from .signals import agreement_lapsed
from .models import Conclusion, Package, PackageAgreement, PackageClause, Position, Stance
from .status import document_status


def _stance(value) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        raise Invalid("'status' must be one of: open, reservation, agreed.") from None


def _current_round(document: Document) -> Round:
    if document.is_concluded:
        raise Conflict("The text is concluded; positions can change only after the mediator reopens it.",
                       code="concluded")
    round_ = latest_round(document.id)
    if round_ is None:
        raise NotFound()
    # The round row is the lock, as for submissions: a position racing a new circulation
    # is either on the old round's wording (and lapses) or refused as stale.
    db.session.execute(select(Round.id).where(Round.id == round_.id).with_for_update())
    return round_


def set_position(access: Access, clause: Clause, party: Party, stance: str, version_id, note: str | None,
                 *, actor, package_agreement_id: int | None = None) -> Position:
    require_position_for(access, party)
    stance = _stance(stance)
    document = db.session.get(Document, clause.document_id)
    round_ = _current_round(document)
    pin = db.session.get(RoundPin, (round_.id, clause.id))
    if pin is None:
        raise NotFound()
    if version_id != pin.version_id:
        raise Conflict(gettext("A position is given on the wording circulated in %(round)s; "
                               "reload the clause and look at it again.", round=round_.label), code="stale_version")
    note = clean_text(note, what=N_("The note")) if note else None
    if stance == Stance.reservation and not note:
        raise Invalid("A reservation needs a reason.")
    if stance == Stance.agreed and package_agreement_id is None and binding_packages(access, clause):
        raise Invalid("This clause belongs to a package: agree the package as a whole, under Packages on the "
                      "document's status page.")
    db.session.execute(update(Position).where(Position.clause_id == clause.id, Position.party_id == party.id,
                                              Position.current.is_(True)).values(current=False)
                       .execution_options(synchronize_session=False))
    position = Position(document_id=document.id, clause_id=clause.id, version_id=pin.version_id,
                        party_id=party.id, stance=stance, note=note, set_by_id=actor.id,
                        on_behalf=records_on_behalf(access), package_agreement_id=package_agreement_id)
    db.session.add(position)
    db.session.flush()
    tallies.recount_clause(document.id, clause.id)
    record_event(actor, "position.set", position, process_id=access.process.id,
                 changes={"clause_id": clause.id, "version_id": pin.version_id, "party": party.slug,
                          "status": stance.value, "note": note, "on_behalf": position.on_behalf})
    return position


def bracket_notice(position: Position) -> str | None:
    """What agreeing a wording that still holds square brackets means, said to whoever
    records it: the party accepts the wording as it stands, but the clause stays contested
    until the team resolves the brackets, and the wording that resolves them is a new one
    that needs the party's agreement again (a position attaches to one wording)."""
    if position.stance != Stance.agreed:
        return None
    brackets = db.session.scalar(select(ClauseVersion.bracket_count).where(ClauseVersion.id == position.version_id))
    if not brackets:
        return None
    return ngettext("Recorded. This wording still holds %(num)s bracketed passage: the clause stays "
                    "contested until the brackets are resolved, and the wording that resolves them "
                    "will need this party's agreement again.",
                    "Recorded. This wording still holds %(num)s bracketed passages: the clause stays "
                    "contested until the brackets are resolved, and the wording that resolves them "
                    "will need this party's agreement again.", brackets)


def create_package(access: Access, document: Document, name: str, clause_ids: list[int], *, actor) -> Package:
    if not can_edit_text(access):
        raise Forbidden("Only the mediator and drafters link clauses into packages.")
    name = clean_text(name, what=N_("The package name"))[:300]
    _check_package_clauses(document.id, clause_ids)     # before the package row exists
    package = Package(document_id=document.id, name=name)
    db.session.add(package)
    db.session.flush()
    set_package_clauses(access, package, clause_ids, actor=actor, action="package.create")
    return package


def _check_package_clauses(document_id: int, clause_ids: list[int]) -> list[int]:
    ids = sorted(set(clause_ids))
    if len(ids) < 2:
        raise Invalid("A package links at least two clauses.")
    found = set(db.session.scalars(select(Clause.id).where(Clause.id.in_(ids),
                                                           Clause.document_id == document_id)))
    if found != set(ids):
        raise Invalid("Every clause of a package must belong to its document.")
    return ids


def set_package_clauses(access: Access, package: Package, clause_ids: list[int], *, actor,
                        action: str = "package.update") -> None:
    """Changing what a package holds lapses every agreement to it (their versions no
    longer match its membership)."""
    if not can_edit_text(access):
        raise Forbidden("Only the mediator and drafters link clauses into packages.")
    ids = _check_package_clauses(package.document_id, clause_ids)
    package.clauses = [PackageClause(clause_id=cid) for cid in ids]
    db.session.flush()
    record_event(actor, action, package, process_id=access.process.id,
                 changes={"name": package.name, "clause_ids": ids})


def agree_package(access: Access, package: Package, party: Party, stance: str, *, actor,
                  note: str | None = None) -> PackageAgreement | None:
    """A party agrees (or stops agreeing) the package as a whole, on the wordings of the
    latest round."""
    require_position_for(access, party)
    stance = _stance(stance)
    if stance == Stance.reservation:
        raise Invalid("Reservations are entered on clauses; a package is agreed or left open.")
    document = db.session.get(Document, package.document_id)
    round_ = _current_round(document)
    pins = dict(db.session.execute(select(RoundPin.clause_id, RoundPin.version_id).where(
        RoundPin.round_id == round_.id, RoundPin.clause_id.in_(package.clause_ids))).all())
    if set(pins) != set(package.clause_ids):
        raise Conflict("A clause of this package is not in the circulated text.", code="not_circulated")
    agreement = None
    if stance == Stance.agreed:
        agreement = PackageAgreement(package_id=package.id, party_id=party.id,
                                     versions={str(cid): vid for cid, vid in pins.items()})
        db.session.add(agreement)
        db.session.flush()
    for cid, vid in sorted(pins.items()):
        clause = db.session.get(Clause, cid)
        set_position(access, clause, party, stance.value, vid, note, actor=actor,
                     package_agreement_id=agreement.id if agreement else None)
    record_event(actor, "package.position", package, process_id=access.process.id,
                 changes={"party": party.slug, "status": stance.value})
    return agreement


def conclude(access: Access, document: Document, *, actor) -> Conclusion:
    if not can_conclude(access):
        raise Forbidden("Only the mediator concludes a text.")
    db.session.execute(select(Document.id).where(Document.id == document.id).with_for_update())
    if document.is_concluded:
        raise Conflict("The text is concluded already.", code="concluded")
    status = document_status(document)
    if not status.agreed:
        reasons = []
        if status.counts["agreed"] < len(status.clauses) or not status.clauses:
            reasons.append(ngettext("%(num)s clause is not agreed by every party",
                                    "%(num)s clauses are not agreed by every party",
                                    len(status.clauses) - status.counts["agreed"]))
        if not status.draft_matches_round:
            reasons.append(gettext("the working draft differs from the circulated text"))
        if status.blocking_findings:
            reasons.append(ngettext("%(num)s confirmed amnesty-norm violation is open",
                                    "%(num)s confirmed amnesty-norm violations are open", status.blocking_findings))
        raise Conflict(gettext("The text cannot be concluded: %(reasons)s.", reasons="; ".join(reasons)),
                       code="not_agreed")
    document.concluded_at = utcnow()
    document.concluded_round_number = status.round.number
    entry = Conclusion(document_id=document.id, action="concluded", round_number=status.round.number,
                       actor_id=actor.id)
    db.session.add(entry)
    db.session.flush()
    record_event(actor, "document.conclude", document, process_id=access.process.id,
                 changes={"round": status.round.number})
    return entry


def reopen(access: Access, document: Document, reason: str | None, *, actor) -> Conclusion:
    """Unlocks the text; every position given so far lapses."""
    if not can_conclude(access):
        raise Forbidden("Only the mediator reopens a text.")
    db.session.execute(select(Document.id).where(Document.id == document.id).with_for_update())
    if not document.is_concluded:
        raise Conflict("The text is not concluded.", code="not_concluded")
    last = db.session.scalar(select(func.coalesce(func.max(Position.id), 0))
                             .where(Position.document_id == document.id))
    document.concluded_at = None
    # Whose own agreement lapses: the users who recorded a current "agreed" themselves.
    agreed_by = set(db.session.scalars(select(Position.set_by_id).where(
        Position.document_id == document.id, Position.current.is_(True), Position.stance == Stance.agreed,
        Position.on_behalf.is_(False), Position.set_by_id.is_not(None))))
    db.session.execute(update(Position).where(Position.document_id == document.id, Position.current.is_(True))
                       .values(current=False).execution_options(synchronize_session=False))
    tallies.lapse_all(document.id)
    entry = Conclusion(document_id=document.id, action="reopened", round_number=document.concluded_round_number,
                       last_position_id=last, reason=(reason or "").strip() or None, actor_id=actor.id)
    db.session.add(entry)
    db.session.flush()
    record_event(actor, "document.reopen", document, process_id=access.process.id,
                 changes={"reason": entry.reason, "positions_lapsed_up_to": last})
    agreement_lapsed.send(current_app._get_current_object(), document_id=document.id, user_ids=agreed_by)
    return entry


def confirm_position(access: Access, position: Position, *, actor) -> Position:
    """The party's principals confirm an agreement given ad referendum (its delegate, or
    the mediator on its behalf): app/agreement/confirmation.py says what it means."""
    require_position_for(access, position.party)
    if not position.current:
        raise Conflict("This position is no longer the party's current one: confirm the current one.",
                       code="not_current")
    if position.stance != Stance.agreed:
        raise Conflict("Only an agreement (ad referendum) is confirmed.", code="not_agreed")
    if position.confirmed_at is not None:
        raise Conflict("This agreement is confirmed already.", code="confirmed_already")
    position.confirmed_at = utcnow()
    db.session.flush()
    record_event(actor, "position.confirm", position, process_id=access.process.id,
                 changes={"clause_id": position.clause_id, "party": position.party.slug})
    return position
