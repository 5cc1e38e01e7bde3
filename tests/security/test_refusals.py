"""A refusal changes nothing, through every door: for every write route (HTML and API,
walked from the URL map), each refusal the route has (refusal_cases.py) and the
refusals every route shares (anonymous, a body that is not JSON, JSON nested 1,000
deep) are sent, and the database must be exactly as before: the rows of every table
(content, not only counts) and the audit chain's head. An HTML form's refusal flashes
its message and brings back what the user typed."""
import hashlib
import html
import io
import re

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db
from tests.helpers import login
from tests.security.refusal_cases import API, CASES, HTML
from tests.security.routes import write_routes
from tests.security.scene import build_scene

DEEP_JSON = "[" * 1000 + "]" * 1000


def database_state() -> dict:
    """Each table's row count and a digest of its rows, and the audit chain's head."""
    state = {}
    for table in db.metadata.sorted_tables:
        rows = sorted(repr(tuple(row)) for row in db.session.execute(select(table)).all())
        state[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    head = db.session.execute(select(AuditEntry.seq, AuditEntry.entry_hash)
                              .order_by(AuditEntry.id.desc()).limit(1)).first()
    state["audit head"] = tuple(head) if head else None
    return state


def changed_tables(before: dict, after: dict) -> dict:
    return {name: (before.get(name), after.get(name)) for name in after if before.get(name) != after.get(name)}


@pytest.fixture
def scene(world, doc):
    return build_scene(world, doc)


def test_every_write_route_has_refusal_cases(app):
    """A new write route fails here until its refusals are in refusal_cases.py."""
    routes = {endpoint for endpoint, _, _ in write_routes(app)}
    missing = sorted(routes - set(CASES))
    stale = sorted(set(CASES) - routes)
    assert not missing, f"write routes without refusal cases: {missing}"
    assert not stale, f"refusal cases for routes that no longer exist: {stale}"
    for endpoint, cases in CASES.items():
        assert any(case.who is not None for case in cases) or endpoint in (
            "auth.login", "auth.logout", "api.auth_api.create_token", "api.auth_api.revoke_current_token"), endpoint


def _method(app, endpoint: str) -> str:
    methods = {m for e, m, _ in write_routes(app) if e == endpoint}
    assert len(methods) == 1, (endpoint, methods)
    return methods.pop()


def _send(client, world, method, url, body, case, api: bool, scene=None):
    if api:
        headers = world.headers(case.who) if case.who else {}
        if case.files:
            data = {k: (io.BytesIO(content), name) for k, (content, name) in case.files(scene).items()}
            data.update(body or {})
            return client.open(url, method=method, data=data, headers=headers, content_type="multipart/form-data")
        return client.open(url, method=method, json=body, headers=headers)
    data = dict(body or {})
    if case.files:
        data.update({k: (io.BytesIO(content), name) for k, (content, name) in case.files(scene).items()})
        data["csrf_token"] = client.csrf_token()
        return client.open(url, method=method, data=data, content_type="multipart/form-data")
    return client.open(url, method=method, data=data)


@pytest.mark.parametrize("endpoint", sorted(CASES))
def test_refusals_change_nothing(app, make_client, world, scene, endpoint):
    method = _method(app, endpoint)
    api = endpoint in API
    for case in CASES[endpoint]:
        client = make_client()
        if case.who and not api:
            login(client, world.users[case.who])
        if case.who and api:
            world.token(case.who)
        url, body = case.resolve(scene)
        before = database_state()
        response = _send(client, world, method, url, body, case, api, scene)
        after = database_state()
        label = f"{endpoint}: {case.why}"
        assert response.status_code == case.status, (label, response.status_code,
                                                     response.get_data(as_text=True)[:600])
        expected = dict(before)
        for table, grown in case.keeps.items():
            assert after[table][0] == before[table][0] + grown, (label, table)
            expected[table] = after[table]
        if case.keeps:
            expected["audit head"] = after["audit head"]
        assert changed_tables(expected, after) == {}, label
        if api:
            answer = response.get_json()
            assert answer is not None and answer["error"] and answer["message"], label
        elif response.status_code == 303:
            page = client.get(response.headers["Location"]).get_data(as_text=True)
            assert "flash-error" in page, label
            for typed in case.kept:
                assert html.escape(typed, quote=True) in page, (label, typed)
        elif case.kept:
            page = response.get_data(as_text=True)
            for typed in case.kept:
                assert html.escape(typed, quote=False) in page, (label, typed)


def _takes_json(app, endpoint: str) -> bool:
    """Whether the route's OpenAPI description has a JSON request body."""
    from app.api.openapi import build_openapi
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    path = re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", rule.rule).removeprefix("/api/v1")
    operation = build_openapi(app)["paths"][path][_method(app, endpoint).lower()]
    return "application/json" in operation.get("requestBody", {}).get("content", {})


@pytest.mark.parametrize("endpoint", sorted(CASES))
def test_shared_refusals_change_nothing(app, make_client, world, scene, endpoint):
    """Anonymous callers; and where a route reads a JSON body, one that is not JSON, not
    an object, or nested 1,000 deep (at the top or inside), sent by a caller who may use
    the route."""
    method = _method(app, endpoint)
    url = CASES[endpoint][0].resolve(scene)[0]
    attempts = []
    # Routes open to anonymous callers (the language menu works before logging in too).
    if endpoint not in ("auth.login", "auth.language", "api.auth_api.create_token"):
        attempts.append(("anonymous", None, {"json": {}} if endpoint in API else {}, 401 if endpoint in API else 302))
    if endpoint in API and _takes_json(app, endpoint):
        who = next((case.who for case in CASES[endpoint] if case.who), None)
        attempts += [("not JSON", who, {"data": "{not json", "content_type": "application/json"}, 400),
                     ("a JSON list", who, {"json": [1, 2]}, 400),
                     ("nested 1,000 deep", who, {"data": DEEP_JSON, "content_type": "application/json"}, 400),
                     ("nested inside an object", who, {"data": '{"title": ' + DEEP_JSON + "}",
                                                       "content_type": "application/json"}, 400)]
    for why, who, kwargs, status in attempts:
        client = make_client()
        headers = world.headers(who) if who else {}
        before = database_state()
        response = client.open(url, method=method, headers=headers, **kwargs)
        assert response.status_code == status, (endpoint, why, response.status_code,
                                                response.get_data(as_text=True)[:300])
        assert changed_tables(before, database_state()) == {}, (endpoint, why)
        if endpoint in API:
            assert response.get_json()["error"], (endpoint, why)


def test_the_scene_has_what_the_cases_need(scene):
    """The refusal cases rely on these facts of the scene."""
    from app.export.models import ExportJob
    assert db.session.scalar(select(func.count()).select_from(ExportJob)) >= 1
    assert scene.closed_round.closed_at is not None
    assert scene.a_draft.status.value == "draft" and scene.a_proposal.status.value == "submitted"


def test_no_view_catches_a_refusal():
    """Refusals go to the one handler at the boundary (app/requests.py), which rolls back
    before it answers; a view that caught one could answer 303 and commit what the
    refused operation had flushed. Views declare where a refusal goes: on_refusal()."""
    import ast
    from pathlib import Path

    import app as package
    refusals = {"DomainError", "NotFound", "Conflict", "Invalid", "Forbidden", "Unauthorized", "TooManyLogins"}
    offenders = []
    for path in Path(package.__file__).parent.rglob("*.py"):
        if path.name not in ("views.py", "api.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)} | \
                        {n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)}
                if names & refusals:
                    offenders.append(f"{path.parent.name}/{path.name}:{node.lineno}")
    assert offenders == []
