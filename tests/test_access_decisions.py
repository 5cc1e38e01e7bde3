"""One place decides access: each feature's permissions.py.

Outside the permission modules no code reads a caller's role to decide something: not
`access.is_team` (or is_mediator, is_delegate, is_observer), not `x.role` in a test or a
comparison, not a comparison with `Role.*` or a set of roles. Views, API handlers,
queries, serialisers, operations and exports ask a named function of permissions.py
instead (`sees_team_status`, `can_see_archive`, `compilation_or_404`, ...), so a rule is
written once and every door asks the same one.

The test parses every module under app/ (ast, no import). It also holds every public
function of a permissions.py to being used somewhere in app/: a rule nothing asks is a
rule some door decides inline instead.
"""
import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"

# The properties of Access (and Membership) that name a role.
ROLE_PROPERTIES = {"is_team", "is_mediator", "is_delegate", "is_observer", "is_drafter", "is_legal_adviser"}
ROLE_SETS = {"TEAM_ROLES", "ESCALATION_ROLES"}

# Modules that may read a role, each for a reason that is not an access decision.
ALLOWED = {
    # add_member checks that a new membership's role fits its party's kind (a delegate
    # belongs to a party, an observer to an observer group: the database's CHECK
    # constraint holds the same rule); it decides what a membership is, not what anyone
    # may see or do.
    "processes/operations.py",
}
# Folders that have no Access at all: the pure DOCX writers and reader, where `role` is a
# paragraph's role in the document ("title", "article"), not a person's.
ALLOWED_FOLDERS = ("export/word/",)


def _modules():
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP).as_posix()
        if path.name in ("permissions.py", "models.py"):   # where roles are defined and mapped
            continue
        if rel in ALLOWED or rel.startswith(ALLOWED_FOLDERS):
            continue
        yield rel, path.read_text()


def _is_role_constant(node) -> bool:
    return ((isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role")
            or (isinstance(node, ast.Name) and node.id in ROLE_SETS))


def _parents(tree):
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _decides(node, parents) -> bool:
    """Whether an expression is used to decide: inside a comparison, a boolean operation,
    `not`, the test of an if / while / conditional expression / comprehension, a subscript
    or a dict lookup (`{...}.get(role)`)."""
    child, parent = node, parents.get(node)
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, (ast.Compare, ast.BoolOp)) or (isinstance(parent, ast.UnaryOp)
                                                              and isinstance(parent.op, ast.Not)):
            return True
        if isinstance(parent, ast.IfExp) and child is parent.test:
            return True
        if isinstance(parent, ast.comprehension) and child in parent.ifs:
            return True
        if isinstance(parent, ast.Subscript) and child is parent.slice:
            return True
        if (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr == "get"
                and child in parent.args):
            return True
        if isinstance(parent, ast.Dict) and child in parent.keys:
            return True
        child, parent = parent, parents.get(parent)
    return isinstance(parent, (ast.If, ast.While, ast.Assert)) and child is parent.test


def role_decisions(source: str) -> list[str]:
    """Every place in the source that decides by a role itself, as "line: what"."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if node.attr in ROLE_PROPERTIES:
                found.append(f"{node.lineno}: .{node.attr}")
            elif node.attr == "role" and _decides(node, parents):
                found.append(f"{node.lineno}: .role")
        if _is_role_constant(node) and _decides(node, parents):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_outside_permissions_decides_by_role():
    offenders = {rel: hits for rel, source in _modules() if (hits := role_decisions(source))}
    assert not offenders, ("These modules decide access by reading a role themselves; ask a named "
                           f"function of the feature's permissions.py instead: {offenders}")


def test_the_check_sees_what_it_is_for():
    """A deliberately inline decision of each kind is caught; passing a role on is not."""
    caught = [
        "if access.is_team:\n    pass",
        "x = 1 if not access.is_mediator else 2",
        "ok = access.is_delegate or access.is_mediator",
        "shown = [s for s in rows if s.visible and access.is_observer]",
        "if membership.role == Role.mediator:\n    pass",
        "allowed = access.role in TEAM_ROLES",
        "if access.role in (Role.mediator, Role.drafter):\n    pass",
        "kind = {Role.delegate: 1}.get(access.role)",
        "team = membership.is_team",
    ]
    for source in caught:
        assert role_decisions(source), source
    not_caught = [
        "data = summary(process, access.role)",          # the caller's own role, reported
        "rows = select(Membership.user_id, Membership.role)",
        "access = Access(0, process, Role.mediator, None)",
        "style = self.styles.role(name)",
    ]
    for source in not_caught:
        assert not role_decisions(source), source


def test_every_permission_is_asked_somewhere():
    """A public function of a permissions.py that nothing in app/ calls is either dead or
    decided inline somewhere else (the issue found can_manage_process and
    can_view_working_draft so)."""
    sources = {path: path.read_text() for path in APP.rglob("*.py")}
    names = {n.id for s in sources.values() for n in ast.walk(ast.parse(s)) if isinstance(n, ast.Name)}
    names |= {n.attr for s in sources.values() for n in ast.walk(ast.parse(s)) if isinstance(n, ast.Attribute)}
    unused = []
    for path in sorted(APP.glob("*/permissions.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and node.name not in names:
                unused.append(f"{path.relative_to(APP)}: {node.name}")
    assert not unused, f"Permission functions nothing asks: {unused}"
