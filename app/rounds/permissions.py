"""What parties and observers may hear of: only what a circulated round has carried.

A document the team has created or imported but never circulated, and a clause no round
has pinned (the working draft's), do not exist for them: every door answers as for an id
that does not exist (404, the same body). The team hears of everything in its process.

Circulating and closing rounds: for a party or observer these actions do not exist
(404, before any check of the draft, its findings or the circulation gate); the rest of
the team may know the draft exists but only the mediator circulates (403).
"""
from sqlalchemy import exists, select
from flask_babel import gettext

from ..drafting.models import Document
from ..errors import N_, Forbidden, NotFound
from ..extensions import db
from ..processes.permissions import Access, can_circulate, can_view_working_draft
from .models import Round, RoundPin
from .queries import circulated_language_codes, latest_round, pending_language_codes, round_or_404


def document_was_circulated(document_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(Round.document_id == document_id))))


def clause_was_circulated(clause_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(RoundPin.clause_id == clause_id))))


def can_see_document(access: Access, document) -> bool:
    return access.is_team or document_was_circulated(document.id)


def can_hear_of_clause(access: Access, clause) -> bool:
    return access.is_team or clause_was_circulated(clause.id)


def heard_languages(access: Access, document, languages: list) -> list:
    """The document's languages a caller may hear of: the team all of them; a party or
    an observer the lead and those a circulated round carried a text in (a language added
    to the working draft is the draft's news, like any edit)."""
    if access.is_team:
        return languages
    codes = circulated_language_codes(document.id, [lang.code for lang in languages if not lang.lead])
    return [lang for lang in languages if lang.lead or lang.code in codes]


def languages_received(document, languages: list) -> list:
    """The languages a party or an observer will hear of once the next round is circulated
    (heard_languages' rule, the next round counted): the lead and those some circulated
    round or the next one carries a text in."""
    others = [lang.code for lang in languages if not lang.lead]
    codes = circulated_language_codes(document.id, others)
    codes |= pending_language_codes(document.id, [code for code in others if code not in codes])
    return [lang for lang in languages if lang.lead or lang.code in codes]


def visible_documents(access: Access) -> list:
    """The process's documents the caller may hear of, in order (SQL twin of can_see_document)."""
    query = select(Document).where(Document.process_id == access.process.id).order_by(Document.id)
    if not access.is_team:
        query = query.where(exists().where(Round.document_id == Document.id))
    return list(db.session.scalars(query))


_ONLY_THE_MEDIATOR = {"circulates a round": N_("Only the mediator circulates a round."),
                      "closes a round": N_("Only the mediator closes a round.")}


def require_circulator(access: Access, what: str = "circulates a round") -> None:
    if not access.is_team:
        raise NotFound()
    if not can_circulate(access):
        raise Forbidden(gettext(_ONLY_THE_MEDIATOR.get(what, N_("Only the mediator does this."))))


def can_preview_circulation(access: Access) -> bool:
    """The preview of the next round shows the working draft and its findings: the team's."""
    return access.is_team


def require_previewer(access: Access) -> None:
    """For a party or observer the preview does not exist: 404, as for a missing document."""
    if not can_preview_circulation(access):
        raise NotFound()


def sees_releases(access: Access) -> bool:
    """The record of what each party and observer group was released: the team's (a party
    would learn of the others' releases, and of bridging proposals not yet its own)."""
    return access.is_team


def releases_or_404(access: Access) -> None:
    if not sees_releases(access):
        raise NotFound()


def round_to_read(access: Access, document_id: int, number: int | None) -> Round | None:
    """What a reader of a document reads: the round asked for (404 if none), else the
    working draft (None) for those who may see it, else the latest round: a party never
    falls through to the draft."""
    if number is not None:
        return round_or_404(document_id, number)
    if can_view_working_draft(access):
        return None
    found = latest_round(document_id)
    if found is None:
        raise NotFound()
    return found
