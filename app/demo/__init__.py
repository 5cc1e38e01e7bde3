"""The demo process `northland`, built through the same operations users call.

Each feature adds its part in a module of this package; `seed_demo` runs them in the
order data flows. Logins are created only here, never by migrations or the app.
"""
import importlib

from sqlalchemy import select

from ..extensions import db
from ..processes.models import Process

DEMO_SLUG = "northland"
DEMO_PASSWORD = "demo-password"
# email, name, role, party slug
DEMO_USERS = [
    ("mediator@demo.test", "Mariam Okafor (Mediator)", "mediator", None),
    ("drafter@demo.test", "Daniel Lindqvist (Drafter)", "drafter", None),
    ("legal@demo.test", "Lucía Fernández (Legal adviser)", "legal_adviser", None),
    ("gov@demo.test", "Gregor Varga (Government delegate)", "delegate", "government"),
    ("nlm@demo.test", "Nadia Lamine (NLM delegate)", "delegate", "nlm"),
    ("observer@demo.test", "Olu Mensah (Civil society)", "observer", "civil-society"),
]
# Feature steps, in the order data flows; each module has `seed(ctx)`.
STEPS = ("people", "drafting", "comments", "agreement", "compliance", "groups")


def seed_demo() -> bool:
    """Creates the demo; returns False (changing nothing) if it exists already."""
    if db.session.scalar(select(Process.id).where(Process.slug == DEMO_SLUG)):
        return False
    ctx: dict = {}
    for step in STEPS:
        try:
            module = importlib.import_module(f"app.demo.{step}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.demo.{step}":
                raise
            continue
        module.seed(ctx)
    return True
