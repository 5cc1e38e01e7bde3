"""Who may read the audit log: the mediation team, for its own process. Parties and
observers get 404, as for anything internal."""
from ..errors import NotFound
from ..processes.permissions import Access, can_view_internal, process_access_or_404


def can_view_audit(access: Access) -> bool:
    return can_view_internal(access)


def audit_access_or_404(user, slug: str) -> Access:
    access = process_access_or_404(user, slug)
    if not can_view_audit(access):
        raise NotFound()
    return access
