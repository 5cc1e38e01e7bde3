"""Ids a party or observer sees are opaque (issue 17, point 3).

Sequential ids count other people's activity: a delegate whose two positions got ids 47
and 51 learns that three positions were recorded in between, and gaps in clause, version,
section and document ids reveal the team's working draft. Every id a party or observer
can see (API fields, URLs, page anchors, form values, links) is a public id
(app/public_ids.py), and an integer id names nothing anywhere public."""
import json
import re

import pytest

from app.agreement.models import Position
from app.extensions import db
from app.public_ids import encode
from tests.helpers import login, without_csrf
from tests.security.scene import build_scene

WHO = ("delegate_a", "delegate_b", "observer")
MISSING_INT = 987_654_321


@pytest.fixture
def scene(world, doc):
    return build_scene(world, doc)


def _position(client, world, who, party, clause, stance="agreed"):
    status = client.get(f"/api/v1/documents/{_doc_pid(clause)}/status", headers=world.headers(who)).get_json()
    version = next(c["version_id"] for c in status["clauses"] if c["clause_id"] == clause.public_id)
    answer = client.put(f"/api/v1/clauses/{clause.public_id}/positions/{party}",
                        json={"status": stance, "version_id": version}, headers=world.headers(who))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()["id"]


def _doc_pid(clause) -> str:
    return encode("document", clause.document_id)


def test_consecutive_positions_reveal_nothing(client, world, scene):
    """Party A records a position, party B three, party A another: A's two ids carry
    no count (not integers, not numbers, not neighbours)."""
    # (Clauses 1 and 3 are in a package: positions on them go through the package.)
    first = _position(client, world, "delegate_a", "alpha", scene.clauses[1])
    for clause, stance in ((scene.clauses[1], "agreed"), (scene.clauses[3], "agreed"), (scene.clauses[1], "open")):
        _position(client, world, "delegate_b", "beta", clause, stance)
    second = _position(client, world, "delegate_a", "alpha", scene.clauses[3])
    ids = sorted(db.session.scalars(db.select(Position.id)))
    assert len(ids) >= 5
    for seen in (first, second):
        assert isinstance(seen, str) and seen.startswith("pos_") and not seen[4:].isdigit()
        assert seen not in {str(i) for i in ids}
    # Neighbouring rows do not have neighbouring ids: no shared prefix beyond the kind's.
    assert first != second and first[4:8] != second[4:8]
    # The history the delegate reads carries the same opaque ids and no integer.
    history = client.get(f"/api/v1/clauses/{scene.clauses[3].public_id}/positions",
                         headers=world.headers("delegate_a")).get_json()
    assert [p["id"] for p in history["positions"]] == [second]
    assert not _integer_ids(history)


def _integer_ids(data, path="") -> list[str]:
    """Paths of JSON fields that name an object by an integer."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}"
            if key in ("id", "packages", "clause_ids") or key.endswith("_id") or key.endswith("_ids"):
                values = value if isinstance(value, list) else [value]
                if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
                    found.append(here)
            found += _integer_ids(value, here)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _integer_ids(value, f"{path}[{i}]")
    return found


def _api_urls(scene) -> list[str]:
    d, c = scene.document.public_id, scene.clauses[1].public_id
    return [f"/api/v1/processes/{scene.slug}", f"/api/v1/documents/{d}", f"/api/v1/documents/{d}?round=1",
            f"/api/v1/documents/{d}/status", f"/api/v1/documents/{d}/status?clauses=0",
            f"/api/v1/documents/{d}/rounds", f"/api/v1/documents/{d}/packages",
            f"/api/v1/clauses/{c}/comments", f"/api/v1/clauses/{c}/positions",
            f"/api/v1/documents/{scene.closed.public_id}/rounds/2/diff",
            f"/api/v1/documents/{d}/rounds/1/numbers"]


# Integer ids in a page: in addresses, anchors, query strings and form values.
_PAGE_INTS = re.compile(rb'/(?:documents|clauses|sections|packages)/\d+|id="(?:clause|section|status|version)-\d+"'
                        rb'|[?&](?:respond|section)=\d+|#clause-\d+|name="(?:version_id|base_version_id|section_id)"'
                        rb' value="\d+"|data-version="\d+"')


@pytest.mark.parametrize("who", WHO)
def test_no_integer_id_reaches_a_party_or_observer(app, client, world, scene, who):
    _position(client, world, "delegate_a", "alpha", scene.clauses[1])
    for url in _api_urls(scene):
        answer = client.get(url, headers=world.headers(who))
        if who == "observer" and answer.status_code == 404 and ("/status" in url or "/positions" in url):
            continue                # the agreement status is not shared with observers here
        assert answer.status_code == 200, (url, answer.status_code)
        assert not _integer_ids(answer.get_json()), (url, _integer_ids(answer.get_json()))
    login(client, world.users[who])
    d = scene.document.public_id
    pages = [f"/p/{scene.slug}", f"/documents/{d}/rounds", f"/documents/{d}/rounds/1",
             f"/documents/{d}/rounds/1?respond={scene.clauses[0].public_id}",
             f"/documents/{d}/status", f"/documents/{scene.closed.public_id}/rounds/2/diff"]
    for url in pages:
        page = client.get(url)
        if who == "observer" and page.status_code == 404 and url.endswith("/status"):
            continue
        assert page.status_code == 200, (url, page.status_code)
        body = page.get_data()
        assert not _PAGE_INTS.findall(body), (url, _PAGE_INTS.findall(body)[:5])
        # The links and anchors name the clauses by their public ids.
        if url.startswith(f"/documents/{d}/rounds/1"):
            assert f'id="clause-{scene.clauses[0].public_id}"'.encode() in body
    # The session cookie (readable by its holder) keeps no integer id either.
    login(client, world.users[who])
    client.post(f"/clauses/{scene.clauses[0].public_id}/comments", data={"kind": "rumour", "body": ""})
    cookie = client.get_cookie("session")
    if cookie is not None:
        assert not re.search(rf"(comment|position|note)-{scene.clauses[0].id}\b", _cookie_text(cookie.value))


def _cookie_text(value: str) -> str:
    import base64
    import zlib
    raw = value.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    if value.startswith("."):
        data = zlib.decompress(data)
    return data.decode(errors="replace")


@pytest.mark.parametrize("who", WHO)
def test_integer_and_forged_ids_answer_as_missing(app, client, world, scene, who):
    """The integer id of a visible clause, a forged public id, another kind's public id,
    an uncirculated clause's public id and a missing one: the same bytes."""
    visible = scene.clauses[0]
    candidates = {
        "missing public id": encode("clause", MISSING_INT),
        "integer id of a visible clause": str(visible.id),
        "uncirculated clause": scene.draft_only.public_id,
        "another kind's id": encode("document", visible.id),
        "altered id": visible.public_id[:-2] + ("AA" if not visible.public_id.endswith("AA") else "BB"),
        "garbage": "cl_not-an-id",
    }

    def answers(url_of):
        out = {}
        for name, value in candidates.items():
            r = client.get(url_of(value), headers=world.headers(who))
            out[name] = (r.status_code, r.get_data())
        return out

    got = answers(lambda v: f"/api/v1/clauses/{v}/comments")
    assert len(set(got.values())) == 1, got
    assert next(iter(got.values()))[0] == 404
    # The visible clause itself answers (so the comparison above is not of two errors by chance).
    assert client.get(f"/api/v1/clauses/{visible.public_id}/comments",
                      headers=world.headers(who)).status_code == 200
    # Documents: the integer id of the caller's document and a forged one answer as missing.
    docs = {(r.status_code, r.get_data()) for r in (
        client.get(f"/api/v1/documents/{v}", headers=world.headers(who))
        for v in (str(scene.document.id), encode("document", MISSING_INT), "doc_x")) }
    assert len(docs) == 1 and next(iter(docs))[0] == 404
    # And the HTML form: a position on a clause by its integer id is refused as a missing one.
    login(client, world.users[who])
    forms = {}
    for name in ("missing public id", "integer id of a visible clause", "uncirculated clause"):
        r = client.post(f"/clauses/{candidates[name]}/position", data={"party": "alpha", "status": "agreed"})
        forms[name] = (r.status_code, without_csrf(r.get_data()), r.headers.get("Location"))
    assert len(set(forms.values())) == 1, forms


def test_ids_differ_by_key_and_kind(app):
    """The same row has different ids under different keys, and kinds do not collide."""
    with app.app_context():
        ids = [encode(kind, 7) for kind in ("document", "section", "clause", "version", "position", "package")]
        assert len({i.split("_", 1)[1] for i in ids}) == len(ids)
        run = [encode("position", n) for n in range(47, 52)]
        assert len(set(run)) == 5 and all(not r.split("_", 1)[1].isdigit() for r in run)
        assert json.dumps(run).count("47") <= 1
