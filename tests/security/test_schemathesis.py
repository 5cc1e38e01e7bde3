"""Fuzzing the JSON API from its own OpenAPI document (Schemathesis), as every role
(the team's three, both parties' delegates, the observer, a member of another process,
anonymous): no 5xx, and every answer has a documented status code, content type,
headers and a body that matches its schema. A smoke run in the default suite; raise
PENHOLDER_FUZZ_EXAMPLES for a long run (see SECURITY.md). test_api_documented.py holds
the same document to real traffic with real ids."""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_headers_conformance,
                                               response_schema_conformance, status_code_conformance)

# Every answer: no 5xx, a status code the document lists for the operation, the content
# type it documents, the headers it documents, and a body that matches its schema.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]

EXAMPLES = int(os.environ.get("PENHOLDER_FUZZ_EXAMPLES", "25"))
ROLES = ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer", "outsider", None)


@pytest.fixture
def sqlite_only(backend):
    if backend != "sqlite" and "PENHOLDER_FUZZ_EXAMPLES" not in os.environ:
        pytest.skip("the fuzzing smoke run uses SQLite only; a long run (PENHOLDER_FUZZ_EXAMPLES) uses both")


@pytest.mark.parametrize("who", ROLES, ids=lambda w: w or "anonymous")
def test_api_fuzz(app, world, doc, sqlite_only, monkeypatch, who):
    # Random logins must not trip the throttle, which would hide other answers.
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_LIMIT", 10**9)
    monkeypatch.setitem(app.config, "LOGIN_ADDRESS_LIMIT", 10**9)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = world.headers(who)
    # Revoking the token (DELETE /tokens/current) goes last.
    operations = sorted((result.ok() for result in schema.get_all_operations()),
                        key=lambda op: op.path == "/tokens/current")
    assert len(operations) >= 4

    failures = []
    for operation in operations:
        # The real process for {slug}, so the 200 answers are exercised too.
        pinned = {"slug": "testland"} if "{slug}" in operation.path else None

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(path_parameters=pinned))
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)
        try:
            check()
        except Exception as err:          # collect every operation's failure, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {err}")
    assert not failures, "\n\n".join(failures)
