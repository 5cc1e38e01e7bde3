"""Who may export what, and whose copy it is.

- The team exports any variant of any round (and the working draft), as its own copy or
  as a party copy ("Copy for: <party>", that party's items only).
- A delegate or observer exports clean, redline and comments of circulated rounds, always
  as its own group's copy; the matrix and other groups' copies do not exist for them.
"""
from sqlalchemy import select

from ..errors import Invalid, NotFound
from ..extensions import db
from ..processes.models import Party
from ..processes.permissions import Access

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


def can_verify_releases(access: Access) -> bool:
    """Who a release went to is the team's knowledge: parties and observers have no such
    page (404, as for anything they may not see)."""
    return access.is_team
