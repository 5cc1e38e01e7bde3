"""Hostile input answers a clear 4xx and changes nothing (it used to end in a 500):
deep JSON, numbers beyond 64 bits in the query, a non-number where a round is asked
for, lone surrogates, a chunked body over the JSON limit; and the one rule for control
characters (app/textinput.py), applied to every text field of the HTML forms and the API."""
import io
import zipfile

import pytest

from app.public_ids import decode
from sqlalchemy import select

from app.config import MAX_REQUEST_BYTES
from app.drafting.models import ClauseVersion, Section
from app.extensions import db
from app.textinput import normalise_text
from tests.helpers import login, pid
from tests.security.scene import build_scene
from tests.security.test_refusals import changed_tables, database_state

DEEP = "[" * 1000 + "]" * 1000
BEYOND_64_BITS = str(2**64 + 1)


@pytest.fixture
def scene(world, doc):
    return build_scene(world, doc)


def refused_with_nothing_changed(call, status: int):
    before = database_state()
    response = call()
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:400])
    assert changed_tables(before, database_state()) == {}
    return response


def test_json_nested_1000_deep_even_to_the_anonymous_token_login(client, world):
    for body in (DEEP, '{"email": ' + DEEP + ', "password": "x"}'):
        response = refused_with_nothing_changed(
            lambda: client.post("/api/v1/tokens", data=body, content_type="application/json"), 400)
        assert response.get_json()["error"] == "bad_request" and "nested" in response.get_json()["message"]


def test_a_section_number_beyond_64_bits_on_the_status_api_and_page(client, make_client, world, scene):
    """?section= takes a public id: a number (beyond 64 bits or not) names no section and
    answers as a forged public id does, never a 500, nothing written."""
    from tests.helpers import without_csrf
    forged = pid("section", 987_654_321)
    doc = scene.document.public_id
    headers = world.headers("mediator")

    def same(get, path):
        big = refused_with_nothing_changed(lambda: get(path.format(BEYOND_64_BITS)), get(path.format(forged)).status_code)
        assert big.status_code < 500
        assert without_csrf(big.get_data()) == without_csrf(get(path.format(forged)).get_data()), path

    same(lambda u: client.get(u, headers=headers), f"/api/v1/documents/{doc}/status?section={{}}")
    login(client, world.users["delegate_a"])
    same(client.get, f"/documents/{doc}/status?section={{}}")
    same(client.get, f"/documents/{doc}/rounds/1?section={{}}")
    refused_with_nothing_changed(lambda: client.get(f"/documents/{doc}/rounds/1/diff?from={BEYOND_64_BITS}"), 422)
    team = make_client()
    login(team, world.users["mediator"])
    same(team.get, f"/documents/{doc}?section={{}}")


@pytest.mark.parametrize("prefix", ["/api/v1", ""])
def test_an_export_from_a_round_that_is_not_a_number(client, world, scene, prefix):
    url = f"{prefix}/documents/{scene.document.public_id}/rounds/1/export?variant=redline&from=abc"
    if prefix:
        headers = world.headers("mediator")
        response = refused_with_nothing_changed(lambda: client.get(url, headers=headers), 422)
        assert response.get_json()["field"] == "from"
    else:
        login(client, world.users["mediator"])
        refused_with_nothing_changed(lambda: client.get(url), 422)


def test_a_chunked_json_body_over_the_limit_is_refused(client, world, scene):
    """Without a Content-Length the limit held nowhere: the body was read whole."""
    body = b'{"title": "' + b"a" * (MAX_REQUEST_BYTES + 10) + b'"}'
    token = world.headers("mediator")
    response = refused_with_nothing_changed(lambda: client.post(
        "/api/v1/processes/testland/documents", input_stream=io.BytesIO(body),
        headers={**token, "Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input_terminated": True}), 413)
    assert response.get_json()["error"] == "too_large"
    small = b'{"title": "Chunked but small"}'
    ok = client.post("/api/v1/processes/testland/documents", input_stream=io.BytesIO(small),
                     headers={**world.headers("mediator"), "Transfer-Encoding": "chunked",
                              "Content-Type": "application/json"},
                     environ_overrides={"wsgi.input_terminated": True})
    assert ok.status_code == 201 and ok.get_json()["title"] == "Chunked but small"


def _json_text_routes(app):
    """(method, path template, string fields) of every API operation with a JSON body."""
    from app.api.openapi import build_openapi
    document = build_openapi(app)
    schemas = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is None:
                continue
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
            fields = [name for name, prop in schema.get("properties", {}).items() if prop.get("type") == "string"]
            yield method.upper(), path, fields


def test_a_lone_surrogate_in_any_json_text_field_is_refused(app, client, world, scene):
    from tests.security.refusal_cases import API
    from tests.security.test_refusals import _method
    import re
    rules = {(re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", r.rule.removeprefix("/api/v1")), m): r.endpoint
             for r in app.url_map.iter_rules() for m in r.methods}
    checked = 0
    for method, path, fields in _json_text_routes(app):
        endpoint = rules[(path, method)]
        case = next(c for c in API[endpoint] if c.who or endpoint == "api.auth_api.create_token")
        url = case.resolve(scene)[0]
        assert _method(app, endpoint) == method
        headers = world.headers(case.who) if case.who else {}
        for name in fields:
            response = refused_with_nothing_changed(lambda: client.open(
                url, method=method, json={name: "text \ud800 here"}, headers=headers), 422)
            assert response.get_json()["error"] == "invalid_text" and response.get_json()["field"] == name, \
                (endpoint, name)
            checked += 1
    assert checked > 20


def test_the_control_character_rule():
    assert normalise_text("Line one\x0bline two\x0cthree\r\nfour\rfive\u2028six\x85seven") == \
        "Line one\nline two\nthree\nfour\nfive\nsix\nseven"
    assert normalise_text("tab\tand\nnew line stay") == "tab\tand\nnew line stay"
    assert normalise_text("bell\x07 escape\x1b delete\x7f c1\x9b null\x00 gone") == \
        "bell escape delete c1 null gone"
    plain = "Nothing to do here, نص عربي, 漢字."
    assert normalise_text(plain) is plain


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


def test_control_characters_through_the_api_are_stored_as_every_page_and_export_shows_them(client, world, scene):
    section = scene.sections[0]
    response = client.post(f"/api/v1/documents/{scene.document.public_id}/clauses", headers=world.headers("drafter"),
                           json={"section_id": section.public_id, "text": "First line\x0bsecond line\x01."})
    assert response.status_code == 201
    clause = response.get_json()
    assert clause["text"] == "First line\nsecond line."
    stored = db.session.scalar(select(ClauseVersion.text).where(ClauseVersion.id == decode("version", clause["version_id"])))
    assert stored == "First line\nsecond line."
    docx = client.post(f"/api/v1/documents/{scene.document.public_id}/export", headers=world.headers("drafter"))
    assert docx.status_code == 201
    xml = _docx_text(docx.data)
    # (a clause's lines are paragraphs in Word: the line break kept, not a dropped character)
    assert '<w:t xml:space="preserve">First line</w:t></w:r></w:p>' in xml
    assert '<w:pStyle w:val="ArticleText"/></w:pPr><w:r><w:t xml:space="preserve">second line.</w:t>' in xml


def test_control_characters_through_every_html_form_follow_the_same_rule(client, world, scene):
    login(client, world.users["drafter"])
    response = client.post(f"/documents/{scene.document.public_id}/sections", data={"title": "Annex\x0b\x07 A"})
    assert response.status_code == 303
    titles = db.session.scalars(select(Section.title).where(Section.document_id == scene.document.id)).all()
    assert "Annex A" in titles          # a title is one line: its line break became a space
    edit = client.post(f"/clauses/{scene.clauses[0].public_id}/edit",
                       data={"text": "The Parties\x0bcommit\x1b to peace.",
                             "base_version_id": pid("version", scene.clauses[0].current_version_id)})
    assert edit.status_code == 303
    db.session.expire_all()
    text = db.session.scalar(select(ClauseVersion.text).join(
        type(scene.clauses[0]), type(scene.clauses[0]).current_version_id == ClauseVersion.id)
        .where(type(scene.clauses[0]).id == scene.clauses[0].id))
    assert text == "The Parties\ncommit to peace."
