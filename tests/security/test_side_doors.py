"""Side doors, as an attacker inside one party: for every page and endpoint that takes an
object id (walked from the URL map), the answer for an object the caller may not see
(another party's submission, a working-draft clause, a never-circulated document, a
package holding an uncirculated clause, the team's sections and findings, another
process) must be byte for byte the answer for an id that does not exist: status, body
(CSRF tokens blanked), headers, Location. Each is asked as a delegate of each party and
as the observer, with an empty form or body (validation must not run before the access
check) and with a plausible one."""
import json
import re

import pytest

from app.agreement.operations import create_package
from app.drafting.operations import add_clause, add_section, create_document
from app.extensions import db
from app.models_base import new_public_id
from tests.db_state import db_state
from tests.helpers import login, pid, without_csrf
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
        self.unknown_public_id = new_public_id()     # the observer has no submission of its own
        self.secret_doc = create_document(team, "Secret side letter", actor=mediator)
        section = add_section(self.secret_doc, "Annex", actor=mediator)
        self.secret_clause = add_clause(self.secret_doc, section, "A never-circulated clause.", actor=mediator)
        add_clause(self.secret_doc, section, "Another never-circulated clause.", actor=mediator)
        # A package of a circulated clause and a working-draft one.
        self.mixed_package = create_package(team, scene.document, "Mixed",
                                            [scene.clauses[1].id, scene.draft_only.id], actor=mediator)
        # Working groups: one of both parties' delegates (and the mediator), holding the
        # sections of a submission the other party makes; one of the team only.
        from app.groups.operations import create_group
        emails = {k: u.email for k, u in world.users.items()}
        self.own_group = create_group(team, name="Both parties", section_ids=[s.id for s in scene.sections],
                                      members=[emails["mediator"], emails["delegate_a"], emails["delegate_b"]],
                                      actor=mediator)
        self.team_group = create_group(team, name="Team only", section_ids=[scene.sections[1].id],
                                       members=[emails["mediator"]], actor=mediator)
        # Each party's agreement (ad referendum) on the ceasefire clause, to confirm.
        from app.agreement.operations import set_position
        clause = scene.clauses[1]
        self.positions = {who: set_position(access(world, who), clause, world.parties[key], "agreed",
                                            clause.current_version_id, None, actor=world.users[who])
                          for who, key in (("delegate_a", "a"), ("delegate_b", "b"))}
        db.session.commit()

    def visible(self, who: str) -> dict:
        s = self.scene
        own = {"delegate_a": s.a_proposal.public_id, "delegate_b": s.b_comment.public_id}.get(who)
        return {"document_id": s.document.public_id, "number": s.round.number, "clause_id": s.clauses[0].public_id,
                "package_id": s.package.public_id, "section_id": s.sections[0].public_id, "finding_id": s.finding.id,
                "public_id": own or self.unknown_public_id, "slug": s.slug, "variant": "clean", "token": "x" * 32,
                "code": "ar",
                "group_id": (self.team_group if who == "observer" else self.own_group).public_id,
                "email": "mediator@testland.test",
                "position_id": self.positions.get(who, self.positions["delegate_a"]).public_id,
                "webhook_id": pid("webhook", s.webhook.id)}

    def hidden(self, who: str) -> dict:
        """argument: [hidden values]: each is compared with the missing value."""
        s = self.scene
        others = {"delegate_a": [s.b_comment], "delegate_b": [s.a_proposal, s.a_draft],
                  "observer": [s.a_proposal, s.a_draft, s.b_comment]}[who]
        return {"document_id": [self.secret_doc.public_id],
                "clause_id": [s.draft_only.public_id, self.secret_clause.public_id],
                "package_id": [self.mixed_package.public_id],
                "section_id": [s.sections[0].public_id],
                "finding_id": [s.finding.id],
                "public_id": [o.public_id for o in others],
                "group_id": [self.team_group.public_id] + ([self.own_group.public_id] if who == "observer" else []),
                "position_id": [p.public_id for w, p in self.positions.items() if w != who],
                # The team's webhooks: a party gets what a missing webhook (or process) answers.
                "webhook_id": [pid("webhook", s.webhook.id)],
                "slug": [s.world.other_process.slug]}

    @staticmethod
    def missing(arg: str):
        kinds = {"document_id": "document", "clause_id": "clause", "package_id": "package", "section_id": "section",
                 "group_id": "group", "position_id": "position",
                 "webhook_id": "webhook"}
        if arg in kinds:
            return pid(kinds[arg], MISSING_INT)
        return {"public_id": new_public_id(), "slug": "no-such-process"}.get(arg, MISSING_INT)


def form_bodies(hidden: Hidden, who: str, clause_version: int) -> list[dict]:
    party = OWN_PARTY[who]
    filled = {"party": party, "status": "agreed", "version_id": str(clause_version), "note": "Why not.",
                 "kind": "comment", "body": "A view.", "text": "New words.", "title": "T", "name": "N",
                 "numbers": "1, 2", "decision": "accepted", "reason": "Because.", "action": "",
                 "base_version_id": str(clause_version), "position": "1", "section_id": pid("section", 1)}
    # The caller's own party with values a form check refuses: no check may run before access.
    return [{}, filled, {**filled, "status": "maybe", "version_id": "x", "kind": "rumour", "decision": "?"}]


def json_bodies(who: str, clause_version: int) -> list[dict]:
    filled = {"status": "agreed", "version_id": clause_version, "note": "Why not.", "kind": "comment",
              "body": "A view.", "text": "New words.", "base_version_id": clause_version, "title": "T",
              "name": "N", "clause_ids": [pid("clause", 1), pid("clause", 2)], "decision": "confirmed", "reason": "Because."}
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


# WTForms writes its token field as id=... name=... type=... value=...
_WTF_TOKEN = re.compile(rb'(name="csrf_token" type="hidden" value=")[^"]*')


def snapshot(response) -> tuple:
    headers = sorted((k, v) for k, v in response.headers.items() if k not in VOLATILE)
    return response.status_code, headers, _WTF_TOKEN.sub(rb"\1", without_csrf(response.get_data()))


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
    version = pid("version", hidden.scene.clauses[0].current_version_id)
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
                    if not api:
                        # A form refused before left typed values in the session for the next
                        # page: let a neutral page take them, so both asks start the same.
                        client.get("/")
                    seen = _ask(client, method, url_for_rule(rule, {**values, arg: value}), api=api, body=body,
                                headers=bearer if api else {})
                    gone = _ask(client, method, url_for_rule(rule, {**values, arg: hidden.missing(arg)}),
                                api=api, body=body, headers=bearer if api else {})
                    if snapshot(seen) != snapshot(gone):
                        differences.append(f"{method} {rule.rule} {arg}={value} body={bodies.index(body)}: "
                                           f"{seen.status_code} {seen.headers.get('Location', '')} "
                                           f"vs missing {gone.status_code}")
    assert not differences, "\n".join(differences)


# --- The confirmed cases of issue 17, one by one ------------------------------------
def _signed_in(client, user):
    """Logged in, and past the first page: the first page after a login writes the new
    session's CSRF secret into the cookie (a Set-Cookie no later page repeats)."""
    login(client, user)
    client.get("/")
    return client


def _client(make_client, world, who):
    return _signed_in(make_client(), world.users[who])


def _put_position(client, world, who, clause, party, stance, note=None):
    body = {"status": stance, "version_id": pid("version", clause.current_version_id), **({"note": note} if note else {})}
    return client.put(f"/api/v1/clauses/{clause.public_id}/positions/{party}", headers=world.headers(who), json=body)


def _settings(client, world, **values):
    r = client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=world.headers("mediator"),
                     json=values)
    assert r.status_code == 200, r.get_json()


@pytest.mark.parametrize("who", WHO)
def test_the_position_form_checks_what_its_api_twin_checks_first(make_client, world, hidden, who):
    """Point 1: a refused form value must not tell a working-draft or uncirculated clause
    (and its document and round) from a missing one."""
    c = _client(make_client, world, who)
    form = {"party": OWN_PARTY[who], "status": "maybe", "version_id": pid("version", 1)}
    world.headers(who)
    before = db_state()
    for clause in (hidden.scene.draft_only, hidden.secret_clause):
        seen = c.post(f"/clauses/{clause.public_id}/position", data=form)
        gone = c.post(f"/clauses/{pid('clause', MISSING_INT)}/position", data=form)
        assert seen.status_code == 404 and "Location" not in seen.headers
        assert snapshot(seen) == snapshot(gone)
        api = [c.put(f"/api/v1/clauses/{cid}/positions/{OWN_PARTY[who]}", headers=world.headers(who),
                     json={"status": "maybe", "version_id": pid("version", 1)})
               for cid in (clause.public_id, pid("clause", MISSING_INT))]
        assert api[0].status_code == 404 and snapshot(api[0]) == snapshot(api[1])
    assert db_state() == before


def test_a_package_with_an_uncirculated_clause_is_not_the_partys(client, make_client, world, hidden):
    """Point 2: the mixed package shows on no clause for parties, they can agree its
    circulated clause, and its address answers as a missing one."""
    s, mixed = hidden.scene, hidden.mixed_package
    shared = s.clauses[1]           # circulated, in the mixed package only
    team = client.get(f"/api/v1/documents/{s.document.public_id}/status", headers=world.headers("mediator")).get_json()
    assert mixed.public_id in next(c for c in team["clauses"] if c["clause_id"] == shared.public_id)["packages"]
    for who in WHO:
        body = client.get(f"/api/v1/documents/{s.document.public_id}/status", headers=world.headers(who))
        if who == "observer":
            assert body.status_code == 404      # point 6: not shared with observers by default
            continue
        items = {c["clause_id"]: c for c in body.get_json()["clauses"]}
        assert items[shared.public_id]["packages"] == []
        assert items[s.clauses[0].public_id]["packages"] == [s.package.public_id]     # a package wholly circulated shows
        listed = client.get(f"/api/v1/documents/{s.document.public_id}/packages", headers=world.headers(who)).get_json()
        assert [p["id"] for p in listed["packages"]] == [s.package.public_id]
        page = _client(make_client, world, who).get(f"/documents/{s.document.public_id}/rounds/{s.round.number}")
        text = page.get_data(as_text=True)
        shared_block = text[text.index(f'id="clause-{shared.public_id}"'):text.index(f'id="clause-{s.clauses[2].public_id}"')]
        assert "in a package" not in shared_block
        r = _put_position(client, world, who, shared, OWN_PARTY[who], "agreed")
        assert r.status_code == 200, r.get_json()
        seen = client.put(f"/api/v1/packages/{mixed.public_id}/positions/{OWN_PARTY[who]}", headers=world.headers(who),
                          json={"status": "agreed"})
        gone = client.put(f"/api/v1/packages/{pid('package', MISSING_INT)}/positions/{OWN_PARTY[who]}", headers=world.headers(who),
                          json={"status": "agreed"})
        assert seen.status_code == 404 and snapshot(seen) == snapshot(gone)
    # The team still knows the clause is bound by its package.
    r = _put_position(client, world, "mediator", shared, "alpha", "agreed")
    assert r.status_code == 422 and "package" in r.get_json()["message"]


@pytest.mark.parametrize("who", ["delegate_a", "observer"])
def test_a_shared_matrix_shares_current_positions_only(client, make_client, world, hidden, who):
    """Point 4: with the matrix shared, another party's current position, not who set it
    nor what it said before; the party itself keeps its whole history."""
    s = hidden.scene
    clause = s.clauses[3]
    assert _put_position(client, world, "delegate_b", clause, "beta", "reservation", "Superseded-beta-reason").status_code == 200
    assert _put_position(client, world, "delegate_b", clause, "beta", "reservation", "Current-beta-reason").status_code == 200
    _settings(client, world, status_matrix_shared=True,
              **({"status_shared_with_observers": True} if who == "observer" else {}))
    r = client.get(f"/api/v1/clauses/{clause.public_id}/positions", headers=world.headers(who))
    raw = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Superseded-beta-reason" not in raw and world.users["delegate_b"].name not in raw
    [beta] = r.get_json()["positions"]
    assert beta["party"] == "beta" and beta["note"] == "Current-beta-reason" and beta["set_by"] is None
    assert "created_at" not in beta
    own = client.get(f"/api/v1/clauses/{clause.public_id}/positions", headers=world.headers("delegate_b")).get_json()
    assert [p["note"] for p in own["positions"]] == ["Superseded-beta-reason", "Current-beta-reason"]
    assert own["positions"][0]["set_by"] == world.users["delegate_b"].name
    # The HTML twin (the matrix on the round page) says no more.
    page = _client(make_client, world, who).get(f"/documents/{s.document.public_id}/rounds/{s.round.number}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Superseded-beta-reason" not in text
    assert world.users["delegate_b"].name not in text


def test_uncirculated_documents_are_not_listed_to_parties_or_observers(client, make_client, world, hidden):
    """Point 5: a document never circulated is not listed, and its addresses answer as
    a missing document's (the walk above compares every one)."""
    secret = hidden.secret_doc
    for who in ("mediator", "drafter", "legal", *WHO):
        body = client.get(f"/api/v1/processes/{world.process.slug}", headers=world.headers(who)).get_json()
        ids = [d["id"] for d in body["documents"]]
        page = _client(make_client, world, who).get(f"/p/{world.process.slug}").get_data(as_text=True)
        team = who in ("mediator", "drafter", "legal")
        assert (secret.public_id in ids) is team and ("Secret side letter" in page) is team
        assert hidden.scene.document.public_id in ids
    for path in ("/api/v1/documents/{}/status", "/api/v1/documents/{}/rounds", "/api/v1/documents/{}/packages",
                 "/api/v1/documents/{}", "/documents/{}", "/documents/{}/rounds", "/documents/{}/status"):
        seen = client.get(path.format(secret.public_id), headers=world.headers("delegate_a"))
        gone = client.get(path.format(pid("document", MISSING_INT)), headers=world.headers("delegate_a"))
        if not path.startswith("/api/"):
            c = _client(make_client, world, "delegate_a")
            seen, gone = c.get(path.format(secret.public_id)), c.get(path.format(pid("document", MISSING_INT)))
        assert seen.status_code == 404 and snapshot(seen) == snapshot(gone), path


def test_observers_hear_of_agreement_only_if_the_mediator_shares_it(client, make_client, world, hidden):
    """Point 6: both parties agree a clause; the observer reads the same circulated text
    and no status until the mediator turns the setting on (through the form: audited)."""
    from sqlalchemy import select
    from app.audit.models import AuditEntry

    s = hidden.scene
    observer = _client(make_client, world, "observer")
    round_page = f"/documents/{s.document.public_id}/rounds/{s.round.number}"
    before = without_csrf(observer.get(round_page).get_data())
    for who, party in (("delegate_a", "alpha"), ("delegate_b", "beta")):
        assert _put_position(client, world, who, s.clauses[3], party, "agreed").status_code == 200
    assert without_csrf(observer.get(round_page).get_data()) == before       # nothing moved for the observer
    assert b"provisionally agreed" not in before and b"/status" not in before
    for path in (f"/api/v1/documents/{s.document.public_id}/status", f"/api/v1/documents/{s.document.public_id}/status?clauses=0",
                 f"/api/v1/clauses/{s.clauses[3].public_id}/positions"):
        seen = client.get(path, headers=world.headers("observer"))
        gone = client.get(path.replace(s.document.public_id, pid("document", MISSING_INT)).replace(
            s.clauses[3].public_id, pid("clause", MISSING_INT)), headers=world.headers("observer"))
        assert seen.status_code == 404 and snapshot(seen) == snapshot(gone), path
    assert observer.get(f"/documents/{s.document.public_id}/status").status_code == 404
    assert client.get(f"/api/v1/documents/{s.document.public_id}", headers=world.headers("observer")).status_code == 200
    # The mediator shares it, in the settings form.
    mediator = _client(make_client, world, "mediator")
    form = mediator.get(f"/p/{world.process.slug}").get_data(as_text=True)
    assert 'name="status_shared_with_observers"' in form
    current = client.get(f"/api/v1/processes/{world.process.slug}", headers=world.headers("mediator")).get_json()
    values = {k: "1" for k, v in current["settings"].items() if v is True}
    values.update({k: v for k, v in current["settings"].items() if isinstance(v, str)})
    r = mediator.post(f"/p/{world.process.slug}/settings", data={**values, "status_shared_with_observers": "1"})
    assert r.status_code == 303
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "process.settings")
                               .order_by(AuditEntry.id.desc())).first()
    assert json.loads(entry.changes) == {"status_shared_with_observers": [False, True]}
    shared = client.get(f"/api/v1/documents/{s.document.public_id}/status", headers=world.headers("observer")).get_json()
    assert next(c for c in shared["clauses"] if c["clause_id"] == s.clauses[3].public_id)["label"] == "provisionally agreed"
    assert b"provisionally agreed" in observer.get(round_page).get_data()
    assert "positions" not in shared["clauses"][0]        # the matrix is a setting of its own


# --- Record, let others act, compare ------------------------------------------------
SKIP_GETS = ("/export", "/akn", "/archive", "/openapi", "/logout", "/import/")


def _every_get(app, client, world, hidden, who) -> dict:
    """Every page and endpoint the caller can GET, with the ids it may see."""
    values = {**hidden.visible(who), "party_slug": OWN_PARTY[who]}
    answers = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in (rule.methods or ()) or any(s in rule.rule for s in SKIP_GETS):
            continue
        url = url_for_rule(rule, values)
        api = rule.rule.startswith("/api/")
        r = client.get(url, headers=world.headers(who) if api else {})
        answers[url] = snapshot(r)
    # Searches (the page and the API) for words of what the test writes in private, and of
    # what the caller may read: results, counts and order must stay as they were.
    for q in SEARCHES:
        for url, headers in ((f"/api/v1/search?q={q}", world.headers(who)), (f"/p/{world.process.slug}/search?q={q}", {})):
            answers[url] = snapshot(client.get(url, headers=headers))
    return answers


SEARCHES = ("private", "private wording", "edited", "amnesty", "internal note", "working-draft clause",
            "side letter", "ceasefire", "seventy-two", "idea inside party")


@pytest.mark.parametrize("who", ["delegate_a", "observer"])
def test_what_others_do_in_private_changes_nothing_the_caller_gets(app, client, world, hidden, who):
    """The other party comments, drafts and takes positions; the team answers the other
    party's proposal (a reply and a disposition: its author is notified), edits the
    working draft, adds a clause, a document, a package with a draft clause, an internal
    note: not one answer the caller can get changes (the notification centre included)."""
    from app.comments.operations import add_note, add_reply, create_submission, set_disposition
    from app.drafting.operations import edit_clause

    s = hidden.scene
    _signed_in(client, world.users[who])
    world.headers(who)          # its API token exists before anything is recorded (/account lists it)
    before = _every_get(app, client, world, hidden, who)
    mediator, team = world.users["mediator"], access(world, "mediator")
    other = "delegate_b" if who == "delegate_a" else "delegate_a"
    proposal = create_submission(access(world, other), s.clauses[2], kind="proposal", body="Private thoughts.",
                                 proposed_text="Private wording.", draft=False, actor=world.users[other])
    db.session.commit()
    add_reply(team, proposal, "A private answer.", actor=mediator)
    set_disposition(team, proposal, "deferred", "Later.", actor=mediator)
    create_submission(access(world, other), s.clauses[2], kind="comment", body="A private draft.",
                      proposed_text=None, draft=True, actor=world.users[other])
    db.session.commit()
    assert _put_position(client, world, other, s.clauses[3], OWN_PARTY[other], "reservation",
                         "A private reason.").status_code == 200
    edit_clause(s.clauses[3].id, "An edited amnesty clause nobody outside has seen.",
                s.clauses[3].current_version_id, actor=mediator)
    add_clause(s.document, s.sections[0], "Another working-draft clause.", actor=mediator)
    later = create_document(team, "Another side letter", actor=mediator)
    add_section(later, "Only", actor=mediator)
    create_package(team, s.document, "Later mix", [s.clauses[3].id, s.draft_only.id], actor=mediator)
    add_note(team, s.clauses[0], "An internal note.", actor=mediator)
    db.session.commit()
    from sqlalchemy import func, select

    from app.notifications.models import Notification
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == world.users[other].id, Notification.kind == "submission_answered")) == 2
    after = _every_get(app, client, world, hidden, who)
    changed = [url for url in before if before[url] != after[url]]
    assert not changed, changed


def test_the_listings_agree_with_the_single_object_rules(world, hidden):
    """visible_documents (SQL) lists exactly what can_see_document allows; visible_packages
    exactly what can_see_package allows, for every role."""
    from app.agreement.models import Package
    from app.agreement.permissions import can_see_package, visible_packages
    from app.drafting.models import Document
    from app.rounds.permissions import can_see_document, visible_documents
    from sqlalchemy import select

    documents = list(db.session.scalars(select(Document).where(Document.process_id == world.process.id)
                                        .order_by(Document.id)))
    packages = list(db.session.scalars(select(Package).where(Package.document_id == hidden.scene.document.id)
                                       .order_by(Package.id)))
    for who in ("mediator", "drafter", "legal", *WHO):
        a = access(world, who)
        assert visible_documents(a) == [d for d in documents if can_see_document(a, d)], who
        assert visible_packages(a, hidden.scene.document.id) == [p for p in packages if can_see_package(a, p)], who
    party = access(world, "delegate_a")
    assert hidden.secret_doc not in visible_documents(party) and hidden.mixed_package not in visible_packages(
        party, hidden.scene.document.id)
