"""Side doors, as an attacker inside one party: for every page and endpoint that takes an
object id (walked from the URL map), the answer for an object the caller may not see
(another party's submission, a working-draft clause, a never-circulated document, a
package holding an uncirculated clause, the team's sections and findings, another
process) must be byte for byte the answer for an id that does not exist: status, body
(CSRF tokens blanked), headers, Location. Each is asked as a delegate of each party and
as the observer, with an empty form or body (validation must not run before the access
check) and with a plausible one."""
import re

import pytest

from app.agreement.operations import create_package
from app.drafting.operations import add_clause, add_section, create_document
from app.extensions import db
from app.models_base import new_public_id
from tests.helpers import login, without_csrf
from tests.security.scene import access, build_scene

MISSING_INT = 987_654_321
WHO = ("delegate_a", "delegate_b", "observer")
OWN_PARTY = {"delegate_a": "alpha", "delegate_b": "beta", "observer": "watchers"}
# Headers that differ between any two answers whatever they say.
VOLATILE = {"Date"}


class Hidden:
    """The scene with what a party may not see, and the ids each route argument takes."""

    def __init__(self, scene):
        world, mediator = scene.world, scene.world.users["mediator"]
        team = access(world, "mediator")
        self.scene = scene
        self.secret_doc = create_document(team, "Secret side letter", actor=mediator)
        section = add_section(self.secret_doc, "Annex", actor=mediator)
        self.secret_clause = add_clause(self.secret_doc, section, "A never-circulated clause.", actor=mediator)
        add_clause(self.secret_doc, section, "Another never-circulated clause.", actor=mediator)
        # A package of a circulated clause and a working-draft one.
        self.mixed_package = create_package(team, scene.document, "Mixed",
                                            [scene.clauses[1].id, scene.draft_only.id], actor=mediator)
        db.session.commit()

    def visible(self, who: str) -> dict:
        s = self.scene
        own = {"delegate_a": s.a_proposal.public_id, "delegate_b": s.b_comment.public_id}.get(who)
        return {"document_id": s.document.id, "number": s.round.number, "clause_id": s.clauses[0].id,
                "package_id": s.package.id, "section_id": s.sections[0].id, "finding_id": s.finding.id,
                "public_id": own or new_public_id(), "slug": s.slug, "variant": "clean", "token": "x" * 32}

    def hidden(self, who: str) -> dict:
        """argument: [hidden values]: each is compared with the missing value."""
        s = self.scene
        others = {"delegate_a": [s.b_comment], "delegate_b": [s.a_proposal, s.a_draft],
                  "observer": [s.a_proposal, s.a_draft, s.b_comment]}[who]
        return {"document_id": [self.secret_doc.id],
                "clause_id": [s.draft_only.id, self.secret_clause.id],
                "package_id": [self.mixed_package.id],
                "section_id": [s.sections[0].id],
                "finding_id": [s.finding.id],
                "public_id": [o.public_id for o in others],
                "slug": [s.world.other_process.slug]}

    @staticmethod
    def missing(arg: str):
        return {"public_id": new_public_id(), "slug": "no-such-process"}.get(arg, MISSING_INT)


def form_bodies(hidden: Hidden, who: str, clause_version: int) -> list[dict]:
    party = OWN_PARTY[who]
    filled = {"party": party, "status": "agreed", "version_id": str(clause_version), "note": "Why not.",
                 "kind": "comment", "body": "A view.", "text": "New words.", "title": "T", "name": "N",
                 "numbers": "1, 2", "decision": "accepted", "reason": "Because.", "action": "",
                 "base_version_id": str(clause_version), "position": "1", "section_id": "1"}
    # The caller's own party with values a form check refuses: no check may run before access.
    return [{}, filled, {**filled, "status": "maybe", "version_id": "x", "kind": "rumour", "decision": "?"}]


def json_bodies(who: str, clause_version: int) -> list[dict]:
    filled = {"status": "agreed", "version_id": clause_version, "note": "Why not.", "kind": "comment",
              "body": "A view.", "text": "New words.", "base_version_id": clause_version, "title": "T",
              "name": "N", "clause_ids": [1, 2], "decision": "confirmed", "reason": "Because."}
    return [{}, filled, {**filled, "status": "maybe", "version_id": "x", "kind": "rumour", "decision": "?"}]


_ARG = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")


def rules_with_ids(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.arguments:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method


def url_for_rule(rule, values: dict) -> str:
    return _ARG.sub(lambda m: str(values[m.group(1)]), rule.rule)


def snapshot(response) -> tuple:
    headers = sorted((k, v) for k, v in response.headers.items() if k not in VOLATILE)
    return response.status_code, headers, without_csrf(response.get_data())


def party_slug_url(url: str, who: str) -> str:
    return url.replace("<party_slug>", OWN_PARTY[who])


@pytest.fixture
def hidden(world, doc):
    return Hidden(build_scene(world, doc))


def _ask(client, method, url, *, api, body, headers):
    if api:
        return client.open(url, method=method, json=body if method != "GET" else None, headers=headers)
    return client.open(url, method=method, data=body if method != "GET" else None)


@pytest.mark.parametrize("who", WHO)
def test_hidden_objects_answer_as_missing_ones(app, client, world, hidden, who):
    """Every route with an object id, every object the caller may not see."""
    login(client, world.users[who])
    bearer = world.headers(who)
    version = hidden.scene.clauses[0].current_version_id
    differences = []
    for rule, method in rules_with_ids(app):
        api = rule.rule.startswith("/api/")
        bodies = json_bodies(who, version) if api else form_bodies(hidden, who, version)
        if method == "GET":
            bodies = [None]
        for arg in rule.arguments:
            for value in hidden.hidden(who).get(arg, []):
                for body in bodies:
                    values = {**hidden.visible(who), "party_slug": OWN_PARTY[who]}
                    seen = _ask(client, method, url_for_rule(rule, {**values, arg: value}), api=api, body=body,
                                headers=bearer if api else {})
                    gone = _ask(client, method, url_for_rule(rule, {**values, arg: hidden.missing(arg)}),
                                api=api, body=body, headers=bearer if api else {})
                    if snapshot(seen) != snapshot(gone):
                        differences.append(f"{method} {rule.rule} {arg}={value} body={bodies.index(body)}: "
                                           f"{seen.status_code} {seen.headers.get('Location', '')} "
                                           f"vs missing {gone.status_code}")
    assert not differences, "\n".join(differences)
