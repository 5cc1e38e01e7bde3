"""Who manages a process's webhooks: the mediator. The rest of the mediation team are
told they may not (they know the process and its settings exist); a party delegate or
observer gets exactly what a missing process or a missing sub-resource answers (404):
webhooks say which systems of the mission listen, which is the team's business."""
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..processes.permissions import Access
from .models import Webhook


def can_manage_webhooks(access: Access) -> bool:
    return access.is_mediator


def require_webhook_manager(access: Access) -> None:
    if not access.is_team:
        raise NotFound()
    if not can_manage_webhooks(access):
        raise Forbidden("Only the mediator manages the process's webhooks.")


def webhook_or_404(access: Access, webhook_id: int) -> Webhook:
    require_webhook_manager(access)
    webhook = db.session.get(Webhook, webhook_id)
    if webhook is None or webhook.process_id != access.process.id:
        raise NotFound()
    return webhook
