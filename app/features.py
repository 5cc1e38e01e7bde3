"""The feature packages, in the order data flows (a feature may import the ones before
it, never one after it: tests/test_import_graph.py holds that), and the one way to find
a feature's module of a kind (views, api, models, cli)."""
import importlib
from types import ModuleType

FEATURES = ("auth", "processes", "drafting", "rounds", "comments", "agreement",
            "compliance", "export", "audit", "search", "workbench", "notifications", "groups",
            "webhooks", "maintenance")


def feature_modules(kind: str) -> list[ModuleType]:
    """Each feature's `app.<feature>.<kind>` module, in FEATURES order, where it has one.
    An import error inside an existing module is raised, not taken for a missing one."""
    found = []
    for feature in FEATURES:
        name = f"app.{feature}.{kind}"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return found
