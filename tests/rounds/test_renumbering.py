"""References that survive renumbering: "Article 2 (formerly Article 1 in Rev. 1)" on the
round page, and an old -> new table per round, held to a naive comparison of the two
rounds' texts."""
import pytest

from app.drafting.operations import add_clause, delete_clause, move_clause
from app.extensions import db
from app.rounds.operations import circulate_round
from app.rounds.queries import round_outline
from app.rounds.renumbering import renumbering
from tests.helpers import login, without_csrf


def numbers_by_clause(round_):
    return {c.clause_id: c.number for s in round_outline(round_) for c in s.clauses}


def expand(table) -> dict[int, int]:
    pairs = {}
    for run in table["runs"]:
        assert run["old_to"] - run["old_from"] == run["new_to"] - run["new_from"]
        for k in range(run["old_to"] - run["old_from"] + 1):
            pairs[run["old_from"] + k] = run["new_from"] + k
    return pairs


@pytest.fixture
def renumbered(world, doc):
    """Rev. 1 of three articles; then a new article at the top, the last one deleted, and
    Rev. 2 circulated: old 1-2 are new 2-3, new 1 is added, old 3 is removed."""
    document, sections, clauses = doc
    mediator = world.users["mediator"]
    first = circulate_round(document, actor=mediator)
    new = add_clause(document, sections[0], "The Parties recall the Preamble.", actor=mediator)
    move_clause(new.id, sections[0].id, 1, actor=mediator)
    delete_clause(clauses[2].id, clauses[2].current_version_id, actor=mediator)
    second = circulate_round(document, actor=mediator)
    db.session.commit()
    return document, first, second, clauses, new


def test_the_table_gives_runs_added_and_removed(client, world, renumbered):
    document, first, second, clauses, new = renumbered
    body = client.get(f"/api/v1/documents/{document.public_id}/rounds/2/numbers",
                      headers=world.headers("delegate_a")).get_json()
    assert body == {"from": 1, "runs": [{"old_from": 1, "old_to": 2, "new_from": 2, "new_to": 3}],
                    "added": [1], "removed": [3]}
    assert client.get(f"/api/v1/documents/{document.public_id}/rounds/1/numbers",
                      headers=world.headers("delegate_a")).get_json() == {
        "from": None, "runs": [], "added": [], "removed": []}


def test_the_table_agrees_with_comparing_the_two_texts(world, renumbered):
    _, first, second, _, _ = renumbered
    old, now = numbers_by_clause(first), numbers_by_clause(second)
    table = renumbering(second).as_json()
    assert expand(table) == {old[c]: now[c] for c in old if c in now and old[c] != now[c]}
    assert table["added"] == sorted(now[c] for c in now if c not in old)
    assert table["removed"] == sorted(old[c] for c in old if c not in now)


def test_a_long_shift_is_one_run(world, doc):
    document, sections, _ = doc
    mediator = world.users["mediator"]
    for i in range(40):
        add_clause(document, sections[1], f"Provision {i} on security arrangements.", actor=mediator)
    circulate_round(document, actor=mediator)
    top = add_clause(document, sections[0], "A new first article.", actor=mediator)
    move_clause(top.id, sections[0].id, 1, actor=mediator)
    second = circulate_round(document, actor=mediator)
    db.session.commit()
    table = renumbering(second)
    assert [(r.old_from, r.old_to, r.new_from, r.new_to) for r in table.runs] == [(1, 43, 2, 44)]


def test_the_round_page_says_formerly_and_links_the_table(client, world, renumbered):
    document, *_ = renumbered
    login(client, world.users["delegate_b"])
    page = client.get(f"/documents/{document.public_id}/rounds/2").get_data(as_text=True)
    assert "(formerly Article 1 in Rev. 1)" in page and "(formerly Article 2 in Rev. 1)" in page
    assert page.count("formerly Article") == 2                  # the new article has no former number
    assert f"/documents/{document.public_id}/rounds/2/numbers" in page
    table = client.get(f"/documents/{document.public_id}/rounds/2/numbers").get_data(as_text=True)
    assert "Articles 1–2" in table and "Articles 2–3" in table
    assert "New in Rev. 2: Article 1." in table and "No longer in the text: Article 3 of Rev. 1." in table


@pytest.mark.parametrize("who", ["delegate_a", "observer", "outsider"])
def test_a_missing_round_and_a_foreign_document_answer_as_missing(client, world, renumbered, who):
    document, *_ = renumbered
    h = world.headers(who)
    missing = client.get(f"/api/v1/documents/{document.public_id}/rounds/9/numbers", headers=h)
    assert missing.status_code == 404
    if who == "outsider":
        theirs = client.get(f"/api/v1/documents/{document.public_id}/rounds/2/numbers", headers=h)
        nothing = client.get("/api/v1/documents/99999/rounds/2/numbers", headers=h)
        assert theirs.status_code == 404 and theirs.get_data() == nothing.get_data()
        login(client, world.users[who])
        page = client.get(f"/documents/{document.public_id}/rounds/2/numbers")
        none = client.get("/documents/99999/rounds/2/numbers")
        assert page.status_code == 404 and without_csrf(page.get_data()) == without_csrf(none.get_data())
