"""The feature packages, in the order their pages, routes, commands and OpenAPI paths are
registered (FEATURES; a page's panels come in this order too); the order they depend on
each other (DEPENDENCY_ORDER: tests/test_import_graph.py holds it); and the one way to
find a feature's module of a kind (views, api, models, cli)."""
import importlib
from types import ModuleType

FEATURES = ("auth", "processes", "drafting", "rounds", "comments", "agreement",
            "compliance", "export", "audit", "search", "workbench", "notifications", "groups",
            "webhooks", "maintenance")

# A feature's modules import only features before it here (and the audit log, below
# them all); its pages, routes and commands (views.py, api.py, cli.py: the outer ring)
# may also read any feature's inner modules, never another feature's outer ring. README's
# layout section says what each holds.
DEPENDENCY_ORDER = ("auth", "processes", "drafting", "compliance", "rounds", "comments", "agreement",
                    "export", "search", "workbench", "notifications", "groups", "audit", "webhooks",
                    "maintenance")


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
