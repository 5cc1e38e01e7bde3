"""Every answer of the API is the one its OpenAPI document describes: real traffic, not
only fuzzing. Each role reads every GET operation with real ids; one successful call of
every write operation runs in order; every refusal of refusal_cases.py is sent. Each
response must have a status code the document lists for its operation, the documented
content type, and a body that matches the documented schema (checked by Schemathesis
against /api/v1/openapi.json). Every operation must have been answered 2xx at least once."""
import io
import re

import pytest
import schemathesis

from app.export.jobs import run_pending
from app.extensions import db
from tests.helpers import PASSWORD, pid
from tests.security.refusal_cases import API, scene_group, word_file
from tests.security.scene import build_scene

ROLES = ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer", "outsider", None)


@pytest.fixture
def scene(world, doc):
    return build_scene(world, doc)


class Checker:
    """Validates responses against the document and remembers which operations answered 2xx."""

    def __init__(self, app):
        self.schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        self.document = app.test_client().get("/api/v1/openapi.json").get_json()
        self.templates = [(re.compile("^" + re.sub(r"\{\w+\}", r"[^/]+", path) + "$"), path)
                          for path in self.document["paths"]]
        self.succeeded: set[tuple[str, str]] = set()
        self.problems: list[str] = []

    def template(self, url: str) -> str:
        path = url.split("?", 1)[0].removeprefix("/api/v1")
        matches = [t for regex, t in self.templates if regex.match(path)]
        assert matches, f"{path} is not in the OpenAPI document"
        return min(matches, key=lambda t: t.count("{"))          # a literal segment wins

    def check(self, method: str, url: str, response, why: str = "") -> None:
        path = self.template(url)
        operation = self.document["paths"][path].get(method.lower())
        label = f"{method} {url} ({why}) -> {response.status_code}"
        if operation is None:
            self.problems.append(f"{label}: the method is not documented")
            return
        documented = operation["responses"]
        entry = documented.get(str(response.status_code)) or documented.get("default")
        if entry is None:
            self.problems.append(f"{label}: undocumented status (documented: {', '.join(documented)})")
            return
        content = entry.get("content")
        if content and response.status_code != 204:
            if response.mimetype not in content:
                self.problems.append(f"{label}: content type {response.mimetype}, documented {list(content)}")
                return
        elif response.data and response.status_code != 204 and response.mimetype == "application/json":
            self.problems.append(f"{label}: a JSON body the document does not describe")
        try:
            self.schema[path][method.upper()].validate_response(response)
        except Exception as err:        # FailureGroup: the body does not match the schema
            self.problems.append(f"{label}: {str(err)[:600]}")
            return
        body = response.get_json(silent=True) if response.mimetype == "application/json" else None
        if content and body is not None:
            schema = content["application/json"]["schema"]
            for where in self.undescribed(body, schema, "body"):
                self.problems.append(f"{label}: {where} is not described in the document")
        if 200 <= response.status_code < 300:
            self.succeeded.add((method.upper(), path))

    def undescribed(self, value, schema: dict, where: str):
        """Places in a JSON value that its schema does not describe: an object schema must
        name every key it may carry (or say additionalProperties), an array its items."""
        while "$ref" in schema:
            schema = self.document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        if "oneOf" in schema:       # described if one of the alternatives describes it all
            found = [list(self.undescribed(value, alternative, where)) for alternative in schema["oneOf"]]
            yield from min(found, key=len)
            return
        if isinstance(value, dict):
            if schema.get("type") != "object" and "properties" not in schema:
                return
            properties = schema.get("properties")
            extra = schema.get("additionalProperties")
            if properties is None and extra is None:
                yield f"{where} (an object with no properties described)"
                return
            for key, item in value.items():
                if properties and key in properties:
                    yield from self.undescribed(item, properties[key], f"{where}.{key}")
                elif isinstance(extra, dict):
                    yield from self.undescribed(item, extra, f"{where}.{key}")
                elif not extra:
                    yield f"{where}.{key}"
        elif isinstance(value, list) and isinstance(schema.get("items"), dict) and value:
            yield from self.undescribed(value[0], schema["items"], f"{where}[0]")


def _get_urls(checker, scene):
    values = {"slug": scene.slug, "document_id": scene.document.public_id, "number": 1,
              "clause_id": scene.clauses[1].public_id, "section_id": scene.sections[0].public_id,
              "finding_id": scene.finding.id, "package_id": scene.package.public_id,
              "public_id": scene.a_proposal.public_id, "party_slug": "alpha", "group_id": scene_group(scene),
              "webhook_id": pid("webhook", scene.webhook.id)}
    queries = {"/clauses/{clause_id}/compare": lambda: f"?from={pid('version', scene.clauses[1].current_version_id)}"
                                                       f"&to={pid('version', scene.clauses[1].current_version_id)}",
               "/documents/{document_id}/rounds/{number}/diff": lambda: "?from=1",
               "/search": lambda: "?q=ceasefire"}
    for path, operations in checker.document["paths"].items():
        if "get" in operations:
            filled = re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)
            yield "/api/v1" + filled + queries.get(path, lambda: "")()


def _read_everything(client, world, checker, scene, stage: str):
    for who in ROLES:
        headers = world.headers(who) if who else {}
        for url in _get_urls(checker, scene):
            checker.check("GET", url, client.get(url, headers=headers), f"{who or 'anonymous'}, {stage}")


def happy_path(scene):
    """One successful call of every write operation, in an order in which each works:
    (who, method, url, body or callable(scene, answers), expected status, name)."""
    s = scene
    doc, c = s.document.public_id, [x.public_id for x in s.clauses]
    v = [pid("version", x.current_version_id) for x in s.clauses]
    draft_only, draft_version = s.draft_only.public_id, pid("version", s.draft_only.current_version_id)
    return [
        (None, "POST", "/api/v1/tokens", {"email": "mediator@testland.test", "password": PASSWORD}, 201, "token"),
        ("drafter", "POST", f"/api/v1/processes/{s.slug}/documents", {"title": "Annex talks"}, 201, "document"),
        ("drafter", "POST", f"/api/v1/documents/{doc}/sections", {"title": "Annex"}, 201, "section"),
        ("drafter", "PATCH", f"/api/v1/sections/{s.sections[0].public_id}", {"title": "General"}, 200, "rename"),
        ("drafter", "POST", lambda a: f"/api/v1/sections/{a['section']['id']}/move", {"position": 1}, 200,
         "move section"),
        ("drafter", "DELETE", lambda a: f"/api/v1/sections/{a['section']['id']}", {"reason": "Not needed"}, 200,
         "remove section"),
        ("drafter", "POST", f"/api/v1/documents/{doc}/clauses", {"section_id": s.sections[0].public_id,
                                                                 "text": "A new clause."}, 201, "clause"),
        ("drafter", "PATCH", f"/api/v1/clauses/{c[2]}", {"text": "Forces shall withdraw at once.",
                                                         "base_version_id": v[2]}, 200, "edit"),
        ("drafter", "POST", f"/api/v1/documents/{doc}/languages", {"code": "ar", "authentic": True}, 201, "language"),
        ("drafter", "PATCH", f"/api/v1/clauses/{c[2]}",
         lambda a: {"text": "تنسحب القوات فوراً.", "base_version_id": a["edit"]["version_id"], "language": "ar"},
         200, "edit in Arabic"),
        ("drafter", "POST", f"/api/v1/clauses/{c[2]}/move", {"section_id": s.sections[0].public_id, "position": 1},
         200, "move"),
        ("drafter", "DELETE", f"/api/v1/clauses/{draft_only}", {"base_version_id": draft_version}, 200, "delete"),
        ("drafter", "POST", f"/api/v1/clauses/{draft_only}/restore",
         lambda a: {"version_id": draft_version, "base_version_id": a["delete"]["version_id"]},
         200, "restore"),
        ("drafter", "POST", f"/api/v1/clauses/{c[1]}/revisions",
         {"text": "A ceasefire shall enter into force in 7 days.", "base_version_id": v[1],
          "answers": [s.a_proposal.public_id]}, 201, "revision"),
        ("delegate_a", "POST", "/api/v1/redline", {"old": "in 72 hours", "new": "in 7 days"}, 200, "redline"),
        ("delegate_b", "POST", f"/api/v1/clauses/{c[1]}/comments", {"kind": "question", "body": "Why?"},
         201, "comment"),
        ("delegate_a", "POST", f"/api/v1/submissions/{s.a_draft.public_id}/submit", None, 200, "submit"),
        ("mediator", "POST", f"/api/v1/submissions/{s.a_proposal.public_id}/replies", {"body": "Noted."},
         201, "reply"),
        ("mediator", "POST", f"/api/v1/submissions/{s.a_proposal.public_id}/apply",
         lambda a: {"base_version_id": a["revision"]["version_id"], "reason": "A bridge.",
                    "text": "A ceasefire shall enter into force in 5 days."}, 201, "apply"),
        ("mediator", "POST", f"/api/v1/submissions/{s.a_proposal.public_id}/disposition",
         {"decision": "accepted", "reason": "Seven days it is."}, 201, "disposition"),
        ("mediator", "POST", f"/api/v1/submissions/{s.b_comment.public_id}/share", None, 200, "share"),
        ("delegate_a", "POST", f"/api/v1/submissions/{s.a_draft.public_id}/withdraw", None, 200, "withdraw"),
        ("mediator", "POST", f"/api/v1/clauses/{c[1]}/notes", {"body": "Both can live with 5 days."}, 201, "note"),
        ("delegate_b", "PUT", f"/api/v1/clauses/{c[3]}/positions/beta", {"status": "agreed", "version_id": v[3]},
         200, "position"),
        ("mediator", "POST", f"/api/v1/documents/{doc}/packages", {"name": "Ceasefire and amnesty",
                                                                   "clause_ids": [c[1], c[3]]}, 201, "package"),
        ("mediator", "PUT", f"/api/v1/packages/{s.package.public_id}", {"clause_ids": [c[0], c[2]]}, 200, "repackage"),
        ("delegate_a", "PUT", f"/api/v1/packages/{s.package.public_id}/positions/alpha", {"status": "agreed"},
         200, "package position"),
        ("legal", "POST", f"/api/v1/findings/{s.finding.id}/review",
         {"decision": "escalated", "reason": "For headquarters.", "assignee_id": s.world.users["mediator"].id,
          "note": "Raise it with OLA."}, 201, "review"),
        ("drafter", "POST", f"/api/v1/findings/{s.finding.id}/apply-cure", {"base_version_id": pid("version", s.finding.version_id)},
         201, "apply cure"),
        ("mediator", "GET", f"/api/v1/clauses/{c[1]}/collisions?round=1", None, 200, "collisions"),
        ("drafter", "POST", f"/api/v1/clauses/{c[1]}/merge",
         lambda a: {"round": 1, "fingerprint": a["collisions"]["fingerprint"], "save_as": "bridging",
                    "reason": "A bridge.", "choices": {str(r["region"]): s.a_proposal.public_id
                                                       for r in a["collisions"]["regions"]}}, 201, "merge"),
        ("mediator", "POST", lambda a: f"/api/v1/bridging-proposals/{a['merge']['bridging_proposal']['id']}/release",
         None, 200, "release bridging"),
        ("delegate_b", "GET", lambda a: f"/api/v1/bridging-proposals/{a['merge']['bridging_proposal']['id']}",
         None, 200, "read bridging"),
        ("mediator", "POST", f"/api/v1/documents/{doc}/rounds", {"note": "Rev. 2", "confirm_findings": True},
         201, "circulate"),
        ("mediator", "POST", f"/api/v1/documents/{doc}/rounds/2/close", None, 200, "close"),
        ("mediator", "POST", f"/api/v1/documents/{doc}/rounds/1/archive", None, 202, "archive again"),
        ("delegate_a", "POST", f"/api/v1/documents/{doc}/rounds/1/export?variant=comments", None, 201, "release"),
        ("drafter", "POST", f"/api/v1/documents/{doc}/export", None, 201, "release draft"),
        ("delegate_a", "PUT", f"/api/v1/clauses/{s.stays.public_id}/positions/alpha",
         {"status": "agreed", "version_id": pid("version", s.stays.current_version_id)}, 200, "alpha agrees"),
        ("delegate_a", "POST", lambda a: f"/api/v1/positions/{a['alpha agrees']['id']}/confirm", None, 200,
         "confirm ad referendum"),
        ("delegate_b", "PUT", f"/api/v1/clauses/{s.stays.public_id}/positions/beta",
         {"status": "agreed", "version_id": pid("version", s.stays.current_version_id)}, 200, "beta agrees"),
        ("mediator", "POST", f"/api/v1/documents/{s.closed.public_id}/conclude", None, 200, "conclude"),
        ("mediator", "POST", f"/api/v1/documents/{s.closed.public_id}/reopen", {"reason": "A new issue."}, 200, "reopen"),
        ("mediator", "PATCH", f"/api/v1/processes/{s.slug}/settings", {"joint_mode": True, "confirm_joint_mode": True}, 200, "settings"),
        ("drafter", "POST", f"/api/v1/processes/{s.slug}/documents/import", "word", 201, "import"),
        ("drafter", "POST", f"/api/v1/documents/{doc}/import", "edited", 200, "take back"),
        ("drafter", "POST", f"/api/v1/documents/{doc}/languages/ar/import", "word", 200, "language import"),
        ("legal", "POST", f"/api/v1/processes/{s.slug}/releases/verify", "release", 200, "verify"),
        ("delegate_a", "PUT", "/api/v1/notifications/preferences", {"round_circulated": "digest"}, 200,
         "preferences"),
        ("delegate_a", "POST", lambda answers: f"/api/v1/notifications/{own_notification(s, 'delegate_a')}/read",
         None, 200, "read a notification"),
        ("mediator", "POST", f"/api/v1/processes/{s.slug}/working-groups",
         {"name": "Ceasefire group", "section_ids": [s.sections[0].public_id], "members": ["drafter@testland.test"]},
         201, "group"),
        ("mediator", "PATCH", lambda a: f"/api/v1/working-groups/{a['group']['id']}", {"mandate": "Chapter I"}, 200,
         "group mandate"),
        ("mediator", "POST", lambda a: f"/api/v1/working-groups/{a['group']['id']}/members",
         {"members": ["delegate_a@testland.test"]}, 200, "group members"),
        ("mediator", "DELETE", lambda a: f"/api/v1/working-groups/{a['group']['id']}/members/delegate_a@testland.test",
         None, 200, "group member removed"),
        ("mediator", "PUT", lambda a: f"/api/v1/working-groups/{a['group']['id']}/sections",
         {"section_ids": [s.sections[0].public_id, s.sections[1].public_id]}, 200, "group sections"),
        ("mediator", "POST", f"/api/v1/processes/{s.slug}/scope-grants",
         {"email": "drafter@testland.test", "section_ids": [s.sections[1].public_id]}, 201, "grant"),
        ("mediator", "POST", f"/api/v1/processes/{s.slug}/scope-grants/revoke",
         {"email": "drafter@testland.test", "section_id": s.sections[1].public_id}, 200, "revoke grant"),
        ("delegate_a", "PUT", "/api/v1/account/time-zone", {"time_zone": "Europe/Nicosia"}, 200, "time zone"),
        ("mediator", "POST", f"/api/v1/processes/{s.slug}/webhooks",
         {"url": "http://127.0.0.1:9/other", "events": ["document.concluded"]}, 201, "webhook"),
        ("mediator", "PATCH", lambda a: f"/api/v1/processes/{s.slug}/webhooks/{a['webhook']['id']}",
         {"active": False}, 200, "pause webhook"),
        ("mediator", "DELETE", lambda a: f"/api/v1/processes/{s.slug}/webhooks/{a['webhook']['id']}", None, 204,
         "remove webhook"),
        ("observer", "DELETE", "/api/v1/tokens/current", None, 204, "revoke"),
    ]


def own_notification(scene, who: str) -> str:
    from sqlalchemy import select

    from app.notifications.models import Notification
    from app.public_ids import encode
    return encode("notification", db.session.scalar(
        select(Notification.id).where(Notification.user_id == scene.world.users[who].id)
        .order_by(Notification.id).limit(1)))


def test_every_api_answer_is_the_documented_one(app, client, world, scene):
    checker = Checker(app)
    _read_everything(client, world, checker, scene, "before the writes")

    for endpoint, cases in API.items():
        for case in cases:
            url, body = case.resolve(scene)
            method = next(m for r in app.url_map.iter_rules() if r.endpoint == endpoint
                          for m in r.methods if m not in ("HEAD", "OPTIONS"))
            headers = world.headers(case.who) if case.who else {}
            if case.files:
                data = {k: (io.BytesIO(content), name) for k, (content, name) in case.files(scene).items()}
                data.update(body or {})
                response = client.open(url, method=method, data=data, headers=headers)
            else:
                response = client.open(url, method=method, json=body, headers=headers)
            checker.check(method, url, response, f"refusal: {case.why}")
            db.session.rollback()

    run_pending()                   # Rev. 1's archive is written, so it can be asked for again
    answers = {}
    for who, method, url, body, status, name in happy_path(scene):
        headers = world.headers(who) if who else {}
        url = url(answers) if callable(url) else url
        if body == "release":           # a copy the team is asked to verify
            copy = client.post(f"/api/v1/documents/{scene.document.public_id}/rounds/1/export?variant=clean",
                              headers=world.headers("delegate_a")).data
            response = client.open(url, method=method, headers=headers, data={"file": (io.BytesIO(copy), "x.docx")})
        elif body == "edited":          # the working draft downloaded, edited in Word, taken back
            from tests.export.roundtrip_edit import Edit
            copy = client.post(f"/api/v1/documents/{scene.document.public_id}/export", headers=headers).data
            edited = Edit(copy).retype("commit to peace", "peace", "a lasting peace").save()
            response = client.open(url, method=method, headers=headers,
                                   data={"file": (io.BytesIO(edited), "edited.docx")})
        elif body == "word":
            word = word_file(("Annex", ["1. The Parties shall meet monthly.", "2. Minutes shall be kept."]))
            response = client.open(url, method=method, headers=headers,
                                   data={"file": (io.BytesIO(word), "annex.docx"), "title": "Annex"})
        else:
            response = client.open(url, method=method, headers=headers,
                                   json=body(answers) if callable(body) else body)
        assert response.status_code == status, (name, response.status_code, response.get_data(as_text=True)[:500])
        answers[name] = response.get_json(silent=True)
        checker.check(method, url, response, name)

    _read_everything(client, world, checker, scene, "after the writes")
    assert not checker.problems, "\n".join(checker.problems)
    every = {(m.upper(), path) for path, ops in checker.document["paths"].items() for m in ops}
    assert every - checker.succeeded == set(), "operations never answered 2xx here"
