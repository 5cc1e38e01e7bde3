"""GET /api/v1/search: each reader finds what it may read, and nothing else, not even a count."""
import pytest

from tests.helpers import pid

from tests.db_state import db_state
from tests.search.conftest import found, search, write_a, write_others

TEAM = ("mediator", "drafter", "legal")


def kinds_of(body):
    return sorted((r["kind"], r.get("submission_kind") or "") for r in body["results"])


@pytest.mark.parametrize("who", TEAM)
def test_the_team_finds_the_working_draft_submissions_and_notes(client, world, talks, who):
    draft = found(client, world, who, q="draftonly")
    assert draft["total"] == 1
    hit = draft["results"][0]
    assert hit["kind"] == "clause" and hit["round"] is None and hit["in_working_draft"] is True
    assert hit["number"] == 3 and hit["snippet"][slice(*hit["highlights"][0])] == "draftonly"
    assert found(client, world, who, q="zephyrine")["total"] == 2           # A's proposal, B's reservation
    assert found(client, world, who, q="quokkaland")["total"] == 1
    assert found(client, world, who, q="hushnote")["results"][0]["kind"] == "note"
    assert found(client, world, who, q="watcherword")["total"] == 1
    assert found(client, world, who, q="marmotvale")["total"] == 0            # a party's draft is the party's


def test_a_delegate_finds_its_own_items_and_the_circulated_text(client, world, talks):
    (_, (proposal, draft), _) = talks
    own = found(client, world, "delegate_a", q="zephyrine")
    assert own["total"] == 1 and own["results"][0]["id"] == proposal.public_id
    assert own["results"][0]["party"] == "Alpha Government" and own["results"][0]["round"] == 1
    assert found(client, world, "delegate_a2", q="marmotvale")["results"][0]["id"] == draft.public_id
    text = found(client, world, "delegate_a", q="ceasefire", kind="clause")
    assert text["total"] == 1
    hit = text["results"][0]
    assert hit["round"] == 1 and hit["rounds"] == [1] and hit["in_working_draft"] is False
    assert hit["url"].startswith(f"/documents/{talks[0].document.public_id}/rounds/1")


@pytest.mark.parametrize("who", ("delegate_a", "observer"))
@pytest.mark.parametrize("word", ("quokkaland", "hushnote", "draftonly", "watcherword", "marmotvale"))
def test_what_a_reader_may_not_read_is_not_found(client, world, talks, who, word):
    own = {"observer": {"watcherword"}, "delegate_a": {"marmotvale"}}[who]
    if word in own:
        pytest.skip("its own")
    assert found(client, world, who, q=word) == found(client, world, who, q=word + "x") | {
        "query": word, "terms": [word]}


def test_the_answer_is_the_same_byte_for_byte_whether_hidden_items_exist_or_not(client, world, scene):
    """Party A's answers before and after B, the observers and the team write things that
    match the same queries (counts, order, ids, everything)."""
    write_a(world, scene)
    queries = ["zephyrine", "quokkaland", "hushnote", "draftonly", "ceasefire", "watcherword", "withdraw",
               "forces positions"]
    before = {q: search(client, world, "delegate_a", q=q).data for q in queries}
    write_others(world, scene)
    after = {q: search(client, world, "delegate_a", q=q).data for q in queries}
    assert before == after
    # Without naming the process too, and a page of one.
    assert (client.get("/api/v1/search?q=quokkaland", headers=world.headers("delegate_a")).data
            .replace(b"quokkaland", b"nothingmatches")
            == client.get("/api/v1/search?q=nothingmatches", headers=world.headers("delegate_a")).data)


def test_a_query_matching_own_and_hidden_items_counts_only_the_own(client, world, talks):
    body = found(client, world, "delegate_a", q="zephyrine", limit=1)
    assert body["total"] == 1 and len(body["results"]) == 1
    assert found(client, world, "delegate_b", q="zephyrine")["results"][0]["party"] == "Beta Movement"
    assert found(client, world, "delegate_a", q="ceasefire", kind="submission")["total"] == 1


def test_another_process_finds_nothing_and_cannot_be_named(client, world, talks):
    assert found(client, world, "outsider", q="ceasefire", process=None)["total"] == 0
    hidden = search(client, world, "outsider", q="ceasefire")
    missing = search(client, world, "outsider", q="ceasefire", process="no-such-process")
    assert hidden.status_code == missing.status_code == 404 and hidden.data == missing.data


def test_filters_by_round_section_and_kind(client, world, talks):
    scene = talks[0]
    assert found(client, world, "mediator", q="forces", round="draft")["results"][0]["in_working_draft"]
    round_hit = found(client, world, "mediator", q="forces", round="1")
    assert round_hit["total"] == 1 and round_hit["results"][0]["round"] == 1
    assert round_hit["results"][0]["in_working_draft"] is False          # the draft has moved on
    assert found(client, world, "mediator", q="forces")["total"] == 2     # both wordings
    assert found(client, world, "mediator", q="forces", round="2")["total"] == 0
    assert found(client, world, "delegate_a", q="forces", round="draft")["total"] == 0
    general, security = scene.sections
    assert found(client, world, "mediator", q="ceasefire", section=general.public_id)["total"] == 4
    assert found(client, world, "mediator", q="ceasefire", section=security.public_id)["total"] == 0
    assert kinds_of(found(client, world, "mediator", q="ceasefire")) == [
        ("clause", ""), ("note", ""), ("submission", "proposal"), ("submission", "reservation")]
    assert kinds_of(found(client, world, "mediator", q="ceasefire", kind="note,proposal")) == [
        ("note", ""), ("submission", "proposal")]
    assert found(client, world, "mediator", q="ceasefire", kind="submission")["total"] == 2
    assert found(client, world, "mediator", q="ceasefire", document=pid("document", scene.document.id + 999))["total"] == 0


def test_results_are_ranked_and_paged(client, world, scene):
    from app.drafting.operations import add_clause
    from app.extensions import db
    mediator = world.users["mediator"]
    once = add_clause(scene.document, scene.sections[1], "The commission on truth meets.", actor=mediator)
    thrice = add_clause(scene.document, scene.sections[1],
                        "Truth, the whole truth and nothing but the truth.", actor=mediator)
    db.session.commit()
    body = found(client, world, "mediator", q="truth")
    assert [r["clause_id"] for r in body["results"]] == [thrice.public_id, once.public_id]
    assert len(body["results"][0]["highlights"]) == 3
    second = found(client, world, "mediator", q="truth", limit=1, offset=1)
    assert second["total"] == 2 and [r["clause_id"] for r in second["results"]] == [once.public_id]


@pytest.mark.parametrize("q", ['"ceasefire', 'NEAR(ceasefire force)', "ceasefire*", "ceas*", "(ceasefire)",
                               "ceasefire AND", "ceasefire OR", "NOT ceasefire", "-ceasefire", "ceasefire:",
                               "^ceasefire", "ceasefire'", "c*", "“ceasefire”", "ceasefire)"])
def test_query_syntax_is_never_passed_through(client, world, talks, q):
    r = search(client, world, "delegate_a", q=q)
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert body["total"] in (0, 1, 2)      # the clause and A's own proposal at most


@pytest.mark.parametrize("q", [None, "", "   ", '"', '""', "*", "()", "***", "- : ^", "x" * 201,
                               " ".join(f"w{i}" for i in range(13))])
def test_a_query_with_nothing_to_search_for_is_refused_clearly(client, world, talks, q):
    world.headers("delegate_a")         # the token first: issuing it writes
    before = db_state()
    params = {} if q is None else {"q": q}
    r = search(client, world, "delegate_a", **params)
    assert r.status_code == 400
    body = r.get_json()
    assert body["error"] == "invalid_query" and body["field"] == "q" and body["message"]
    assert db_state() == before


@pytest.mark.parametrize("params", [{"section": "1e9"}, {"document": "9" * 30}, {"section": "sec_forged"}])
def test_a_filter_id_that_names_nothing_finds_nothing(client, world, talks, params):
    """?document= and ?section= take public ids: one that names nothing is a forged id, and
    finds nothing (as a hidden document's would), never a 500."""
    r = search(client, world, "delegate_a", q="ceasefire", **params)
    assert r.status_code == 200 and r.get_json()["total"] == 0


@pytest.mark.parametrize("params", [{"round": "x"}, {"round": "0"}, {"kind": "clause,secret"},
                                    {"limit": "0"}, {"limit": "51"}, {"offset": "-1"}])
def test_bad_filters_answer_422(client, world, talks, params):
    r = search(client, world, "delegate_a", q="ceasefire", **params)
    assert r.status_code == 422 and r.get_json()["field"] in params


def test_anonymous_callers_are_asked_to_log_in(client, world, talks):
    assert client.get("/api/v1/search?q=ceasefire").status_code == 401


def test_prefix_and_phrase(client, world, talks):
    assert found(client, world, "delegate_a", q="ceasef*")["total"] >= 1
    assert found(client, world, "delegate_a", q='"shall enter into force"')["total"] == 2      # the clause and A's proposal
    assert found(client, world, "delegate_a", q='"force into enter"')["total"] == 0


def test_any_text_gives_an_answer_never_a_server_error(client, world, talks):
    """Random text (punctuation, quotes, stars, scripts, control characters) as q."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    headers = world.headers("delegate_a")
    alphabet = st.sampled_from(list('"*()^:-+NEARORAND  \'“”«»\\/%_.,;{}[]<>&|~0123456789aéب中\u200b\t'))

    @settings(max_examples=60, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.text(alphabet, max_size=60), st.text(max_size=210)))
    def check(q):
        r = client.get("/api/v1/search", query_string={"q": q, "process": world.process.slug}, headers=headers)
        assert r.status_code in (200, 400), (q, r.status_code, r.get_data(as_text=True)[:300])
        if r.status_code == 200:
            body = r.get_json()
            assert body["total"] >= len(body["results"])
    check()
