"""Listeners are wired by the app factory in one visible step (app/listeners.py), not by
importing a module: importing every module of the app connects nothing, create_app()
connects each listener once (however many apps a process makes), and every signal the
app sends has a receiver."""
import json
import subprocess
import sys
from pathlib import Path

from blinker import Namespace, Signal

from app.listeners import SESSION_LISTENERS, SIGNAL_RECEIVERS

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import importlib, json, pkgutil
import app
from sqlalchemy import event
from sqlalchemy.orm import Session
from app.listeners import SESSION_LISTENERS, SIGNAL_RECEIVERS
def state():
    return {"signals": [bool(list(s.receivers_for(None))) for s, _ in SIGNAL_RECEIVERS],
            "session": [event.contains(Session, n, f) for n, f in SESSION_LISTENERS]}
for m in pkgutil.walk_packages(app.__path__, "app."):
    if ".demo" not in m.name:
        importlib.import_module(m.name)
imported = state()
from app import create_app
for _ in range(2):
    a = create_app({"SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite://", "RUN_JOBS_IN_THREAD": False})
created = state()
counts = [len(s.receivers) for s, _ in SIGNAL_RECEIVERS]
print(json.dumps({"imported": imported, "created": created, "counts": counts}))
"""


def test_importing_connects_nothing_and_the_factory_connects_each_listener_once():
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["imported"] == {"signals": [False] * len(SIGNAL_RECEIVERS), "session": [False] * len(SESSION_LISTENERS)}
    assert seen["created"] == {"signals": [True] * len(SIGNAL_RECEIVERS), "session": [True] * len(SESSION_LISTENERS)}
    # Three receivers of round_circulated, one of submission_answered, of
    # submission_submitted, of agreement_lapsed, of finding_escalated, of the audit's
    # event_recorded and of findings_opened, each once although two apps were created.
    assert seen["counts"] == [3, 3, 3, 1, 1, 1, 1, 1, 1]


def test_every_signal_the_app_defines_has_a_receiver(app):
    import importlib
    import pkgutil

    import app as package
    signals = []
    for module in pkgutil.walk_packages(package.__path__, "app."):
        if module.name.endswith(".signals"):
            values = vars(importlib.import_module(module.name)).values()
            signals += [(module.name, s) for s in values if isinstance(s, Signal) and not isinstance(s, Namespace)]
    assert signals
    for name, signal in signals:
        assert signal.receivers, f"{name}.{signal.name} is sent but nothing receives it"


def test_drafting_asks_rounds_what_was_circulated_through_the_factory(app):
    """The one question a lower feature puts to a higher one (who may hear of a document or
    a clause) is connected by create_app, not by an import."""
    from app.drafting.permissions import _CIRCULATION
    from app.rounds.permissions import can_hear_of_clause, can_see_document, heard_languages
    assert _CIRCULATION == {"document": can_see_document, "clause": can_hear_of_clause,
                            "languages": heard_languages}
