"""What each caller is shown of a clause's status and how it is labelled: the team and
whoever sees every party's position (a shared matrix) the real status, any other party its
own view (rule.party_status); "provisionally agreed" while nothing is agreed until
everything is agreed."""
from ..processes.permissions import Access
from .permissions import sees_real_status
from .rule import AGREED, RESERVATION, party_status


def party_view(access: Access, clause) -> str:
    """The status a party may be shown: another party's reservation is not its business."""
    own = clause.positions.get(access.party_id)
    return party_status(clause.status, clause.brackets,
                        own is not None and own.counts and own.stance == RESERVATION,
                        stale=bool(clause.stale_languages))


def shown_to(access: Access, clause) -> str:
    """The status a reader is shown: the real one to those who see every party's position
    (the team, a shared matrix), else the party's own view."""
    return clause.status if sees_real_status(access) else party_view(access, clause)


def nauea_applies(status) -> bool:
    return status.document.process.nauea and not status.document.is_concluded


def label_of(status_value: str, nauea: bool) -> str:
    return "provisionally agreed" if status_value == AGREED and nauea else status_value
