"""The OpenAPI document describes every /api/v1 route the app serves."""
import re

from openapi_spec_validator import validate

from app.api.contract import described
from app.api.openapi import build_openapi


def _documented(spec):
    return {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops}


def test_openapi_document_is_valid_and_complete(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    documented = _documented(spec)
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule == "/api/v1/openapi.json":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len("/api/v1"):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served.add((path, method))
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes that do not exist"


def test_every_api_route_is_described_by_its_view(app):
    """No hand-written part is left: each route's description is the `operation` on its
    view, with the pydantic models it answers with."""
    undescribed = sorted(rule.rule for rule in app.url_map.iter_rules()
                         if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json"
                         and described(app.view_functions[rule.endpoint]) is None)
    assert undescribed == []
    spec = build_openapi(app)
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith("2") and status != "204":
                    assert answer.get("content"), f"{method.upper()} {path} answers {status} without a schema"
