"""The mediator's webhooks page: register an address and its events (the secret is
shown once, on the page the registration answers), pause, remove, and read each
webhook's latest deliveries and their log."""
from flask import Blueprint, render_template, redirect, request, url_for
from flask_login import current_user, login_required

from ..processes.permissions import process_access_or_404
from ..requests import on_refusal
from .events import EVENT_NAMES
from .operations import create_webhook, delete_webhook, update_webhook
from .permissions import require_webhook_manager, webhook_or_404
from .queries import deliveries_of, webhooks_of

bp = Blueprint("webhooks", __name__)
SHOWN_ON_PAGE = 20


def _page(access, created=None, status=200):
    hooks = webhooks_of(access.process.id)
    return render_template("webhooks/index.html", process=access.process, webhooks=hooks,
                           deliveries={w.id: deliveries_of(w, SHOWN_ON_PAGE) for w in hooks},
                           event_names=EVENT_NAMES, created=created), status


@bp.get("/p/<slug>/webhooks")
@login_required
def index(slug: str):
    access = process_access_or_404(current_user, slug)
    require_webhook_manager(access)
    return _page(access)


@bp.post("/p/<slug>/webhooks")
@login_required
def create(slug: str):
    access = process_access_or_404(current_user, slug)
    require_webhook_manager(access)
    on_refusal(url_for("webhooks.index", slug=slug), form="webhook-new", keep=("url",))
    webhook = create_webhook(access, request.form.get("url", ""), request.form.getlist("events"),
                             actor=current_user)
    return _page(access, created=webhook, status=201)


@bp.post("/p/<slug>/webhooks/<webhook:webhook_id>/active")
@login_required
def set_active(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    webhook = webhook_or_404(access, webhook_id)
    on_refusal(url_for("webhooks.index", slug=slug))
    update_webhook(access, webhook, {"active": request.form.get("active") == "1"}, actor=current_user)
    return redirect(url_for("webhooks.index", slug=slug)), 303


@bp.post("/p/<slug>/webhooks/<webhook:webhook_id>/delete")
@login_required
def delete(slug: str, webhook_id: int):
    access = process_access_or_404(current_user, slug)
    webhook = webhook_or_404(access, webhook_id)
    on_refusal(url_for("webhooks.index", slug=slug))
    delete_webhook(access, webhook, actor=current_user)
    return redirect(url_for("webhooks.index", slug=slug)), 303
