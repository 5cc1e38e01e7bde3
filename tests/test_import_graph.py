"""The features' dependencies show and go one way (app/features.py DEPENDENCY_ORDER, the
README's layout): read from the source with ast, without importing it.

- A feature's inner modules import only the features before it, and the audit log
  (below every feature: every write records into it).
- Its outer ring (views.py, api.py, cli.py: pages, routes, commands) may also read any
  feature's inner modules; nothing imports another feature's outer ring.
- Imports sit at the top of their module, except the few in ALLOWED_INNER below.
"""
import ast
from pathlib import Path

from app.features import DEPENDENCY_ORDER, FEATURES

APP = Path(__file__).resolve().parents[1] / "app"
OUTER_RING = {"views", "api", "cli"}
AUDIT_LOG = {"app.audit.models", "app.audit.operations", "app.audit.chain"}

# (module, imported module): why the import stays inside a function.
ALLOWED_INNER = {
    ("app", "app.api.body"): "create_app: the package's __init__ runs on any import of app.*; "
                             "importing the application's parts at its top would load every feature "
                             "whenever one module is imported (and make models import the features)",
    ("app", "app.public_ids"): "create_app, as above",
    ("app", "app.templating"): "create_app, as above",
    ("app", "app.i18n"): "create_app, as above",
    ("app", "app.database"): "create_app, as above",
    ("app", "app.models"): "create_app, as above",
    ("app", "werkzeug.middleware.proxy_fix"): "create_app, as above",
    ("app", "app.api"): "create_app, as above",
    ("app", "app.errors"): "create_app, as above",
    ("app", "app.home"): "create_app, as above",
    ("app", "app.listeners"): "create_app, as above",
    ("app", "app.requests"): "create_app, as above",
    ("app", "app.cli"): "create_app, as above",
}


def _modules():
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        package = parts[:-1]
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, package, ast.parse(path.read_text(), str(path))


def _imports(package, tree):
    """(imported module, lineno, at the top?) for every import of the module."""
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[:len(package) - node.level + 1])
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            # `from ..rounds import links` names a module of the package
            folder = APP.parent.joinpath(*module.split("."))
            names = [f"{module}.{a.name}" if (folder / f"{a.name}.py").exists() else module for a in node.names]
            for target in names:
                yield target, node.lineno, id(node) in top


def _feature(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "app" and parts[1] in FEATURES else None


def _ring(module: str) -> bool:
    parts = module.split(".")
    return len(parts) > 2 and parts[2] in OUTER_RING


def test_every_feature_has_a_place_in_the_dependency_order():
    assert sorted(DEPENDENCY_ORDER) == sorted(FEATURES)


def test_features_import_only_features_before_them():
    rank = {f: i for i, f in enumerate(DEPENDENCY_ORDER)}
    wrong = []
    for name, package, tree in _modules():
        source = _feature(name)
        if source is None:
            continue
        for target, line, _ in _imports(package, tree):
            feature = _feature(target)
            if feature is None or feature == source or target in AUDIT_LOG:
                continue
            if _ring(target):
                wrong.append(f"{name}:{line} imports {target}, another feature's page, route or command")
            elif not _ring(name) and rank[feature] > rank[source]:
                wrong.append(f"{name}:{line} imports {target}: {feature} comes after {source}")
    assert not wrong, "\n".join(wrong)


def test_imports_are_at_the_top_of_their_module():
    inner = []
    for name, package, tree in _modules():
        for target, line, at_top in _imports(package, tree):
            if not at_top and (name, target) not in ALLOWED_INNER:
                inner.append(f"{name}:{line} imports {target} inside a function")
    assert not inner, "\n".join(inner)
