"""Who may export what, and whose copy it is.

- The team exports any variant of any round (and the working draft), as its own copy or
  as a party copy ("Copy for: <party>", that party's items only).
- A delegate or observer exports clean, redline and comments of circulated rounds, always
  as its own group's copy; the matrix and other groups' copies do not exist for them.
"""
from sqlalchemy import select

from ..drafting.languages import languages_of
from ..drafting.permissions import languages_heard_of, require_editor
from ..errors import Invalid, NotFound
from ..extensions import db
from ..processes.models import Party, Role
from ..processes.permissions import Access, can_view_working_draft, reads_as_team

VARIANTS = ("clean", "redline", "comments", "matrix")


def check_variant(variant: str | None) -> str:
    if variant not in VARIANTS:
        raise Invalid("'variant' must be one of: " + ", ".join(VARIANTS) + ".")
    return variant


def recipient_for(access: Access, variant: str, party_slug: str | None) -> Party | None:
    """The party whose copy this is (None: the team's own copy)."""
    if not access.is_team:
        if variant == "matrix":
            raise NotFound()
        own = db.session.get(Party, access.party_id)
        if party_slug not in (None, "", own.slug):
            raise NotFound()
        return own
    if not party_slug:
        return None
    party = db.session.scalar(select(Party).where(Party.process_id == access.process.id, Party.slug == party_slug))
    if party is None:
        raise NotFound()
    if variant == "matrix":
        raise Invalid("The comment matrix is the team's working document; it has no party copies.")
    return party


def copy_language(access: Access, document, code: str | None):
    """The language a copy is asked in (issue #22): None for the lead. The team asks for
    any of the document's languages; a party or observer for those a circulated round
    carried (rounds/permissions.heard_languages). A language only the working draft has
    answers exactly as a language the document lacks: the same 404, the same body."""
    languages = languages_heard_of(access, document, languages_of(document))
    if code in (None, ""):
        return None
    language = next((lang for lang in languages if lang.code == code), None)
    if language is None:
        raise NotFound("The document has no such language.")
    return None if language.lead else language


def require_language_importer(access: Access) -> None:
    """Importing a language version from Word writes texts: the mediator and drafters
    (drafting.permissions.require_editor); parties and observers get 404, as for a
    missing document, the rest of the team 403."""
    require_editor(access)


def can_verify_releases(access: Access) -> bool:
    """Who a release went to is the team's knowledge: parties and observers have no such
    page (404, as for anything they may not see)."""
    return access.is_team


def is_team_copy(access: Access, recipient: Party | None) -> bool:
    """The team's own copy (marked as the team's, with the anchors that bring an edited
    copy back): asked by the team, or by the system writing the team's files (the
    archive, the command line's export), for no party."""
    return reads_as_team(access) and recipient is None


def copy_scope(access: Access, recipient: Party | None) -> Access:
    """Whose eyes a copy's submissions are gathered with: a party copy sees exactly what a
    delegate of that party would, whoever asked for it."""
    return access if recipient is None else Access(access.user_id, access.process, Role.delegate, recipient.id)


def can_export_working_draft(access: Access) -> bool:
    return can_view_working_draft(access)


def can_make_party_copies(access: Access) -> bool:
    """Copies for a named party (the round page's list of parties): the team."""
    return access.is_team


def bilingual_table_or_404(access: Access) -> None:
    """The side-by-side table of a document's languages (issue #22) is the team's working
    file for now: a party's copy would need a release record, as every party copy has."""
    if not access.is_team:
        raise NotFound()


def can_see_archive(access: Access) -> bool:
    """A round's archive (its state, its files): the team's record."""
    return access.is_team


def archive_or_404(access: Access) -> None:
    if not can_see_archive(access):
        raise NotFound()


def archive_languages(access: Access, document, recipient: Party | None) -> list:
    """The languages of a round archive's copy for `recipient` (None: the team's own): the
    team's copies in every language of the document; a party's (or observer group's) in
    those that party may hear of (copy_language's rule for its delegates), so its archived
    copies hold nothing its own downloads could not."""
    languages = languages_of(document)
    if recipient is None:
        return languages
    return languages_heard_of(copy_scope(access, recipient), document, languages)


def can_export_interchange(access: Access) -> bool:
    """The Akoma Ntoso file is the team's to pass on (the command line's `export-akn` writes
    it for the team); a party's copy is its marked Word file."""
    return reads_as_team(access)


def interchange_or_404(access: Access) -> None:
    if not can_export_interchange(access):
        raise NotFound()


def told_why_not_released(access: Access) -> bool:
    """A copy not released to the caller: the team is told why; for a party it answers
    exactly as a missing document."""
    return access.is_team
