"""Articles with a title and a structured body, end to end: the API and the pages write
and show them, a title is wording (a new version, positions lapse), diffs cover titles,
levels, tables and footnotes, and a refused structure changes nothing."""
from app.drafting.models import ClauseVersion
from app.extensions import db
from tests.agreement.test_positions import agree_all, circulate, clause_status, status
from tests.db_state import db_state
from tests.helpers import login, pid

BODY = ("1. The Commission shall:\n(a) investigate violations;{^1}\n(b) report on:\n(i) causes;\n"
        "(ii) victims.\n2. Its members are:\n| Nominated by | Members |\n|---|---|\n"
        "| Government | 3 |\n| Movement | [3 / 4] |\n{^1} Committed since 1 January 2001.")


def current(client, world, clause):
    return client.get(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter")).get_json()


def patch(client, world, clause, **body):
    if isinstance(body.get("base_version_id"), int):
        body["base_version_id"] = pid("version", body["base_version_id"])
    return client.patch(f"/api/v1/clauses/{clause.public_id}", headers=world.headers("drafter"), json=body)


def test_an_article_with_a_title_and_structure_through_the_api(client, world, doc):
    document, sections, _ = doc
    r = client.post(f"/api/v1/documents/{document.public_id}/clauses", headers=world.headers("drafter"),
                    json={"section_id": sections[0].public_id, "title": "  Truth   Commission ", "text": BODY})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["title"] == "Truth Commission" and body["text"] == BODY
    kinds = [(b["type"], b.get("level"), b.get("label")) for b in body["structure"]]
    assert kinds[:6] == [("paragraph", 1, "1."), ("paragraph", 2, "(a)"), ("paragraph", 2, "(b)"),
                         ("paragraph", 3, "(i)"), ("paragraph", 3, "(ii)"), ("paragraph", 1, "2.")]
    assert body["structure"][6] == {"type": "table", "header_rows": 1,
                                    "rows": [["Nominated by", "Members"], ["Government", "3"], ["Movement", "[3 / 4]"]]}
    assert body["structure"][7] == {"type": "footnote", "mark": "1", "text": "Committed since 1 January 2001."}
    assert body["brackets"] == 1 and body["options"] == 2          # one article, one status
    outline = client.get(f"/api/v1/documents/{document.public_id}", headers=world.headers("drafter")).get_json()
    assert outline["sections"][0]["clauses"][-1]["title"] == "Truth Commission"


def test_a_title_is_wording_a_new_version_and_positions_lapse(client, world, doc):
    document, _, clauses = doc
    first = clauses[0]
    circulate(client, world, document)
    agree_all(client, world, first)
    base = current(client, world, first)["version_id"]
    r = patch(client, world, first, text="The Parties commit to peace.", title="Commitment", base_version_id=base)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["title"] == "Commitment" and r.get_json()["version_id"] != base
    # Leaving the title out keeps it; an unchanged title and text is refused.
    before = db_state()
    again = patch(client, world, first, text="The Parties commit to peace.", base_version_id=r.get_json()["version_id"])
    assert again.status_code == 422 and again.get_json()["error"] == "unchanged"
    assert db_state() == before
    number = circulate(client, world, document)
    body = status(client, world, document)
    assert clause_status(body, first)["status"] == "open"
    assert clause_status(body, first)["positions"]["alpha"]["lapsed"] is True
    diff = client.get(f"/api/v1/documents/{document.public_id}/rounds/{number}/diff?changed_only=1",
                      headers=world.headers("delegate_a")).get_json()
    [change] = [c for c in diff["clauses"] if c["clause_id"] == first.public_id]
    assert change["change"] == "modified" and change["ops"] == [[0, "The Parties commit to peace."]]
    assert change["title_ops"] == [[1, "Commitment"]]
    # The round shows the title to the parties.
    page = client.get(f"/api/v1/documents/{document.public_id}?round={number}", headers=world.headers("delegate_a")).get_json()
    assert page["sections"][0]["clauses"][0]["title"] == "Commitment"


def test_removing_a_title_and_the_stale_answer_carry_titles(client, world, doc):
    _, _, clauses = doc
    first = clauses[0]
    base = current(client, world, first)["version_id"]
    titled = patch(client, world, first, text="The Parties commit to peace.", title="Peace", base_version_id=base).get_json()
    before = db_state()
    stale = patch(client, world, first, text="Another.", title="Other", base_version_id=base)
    assert stale.status_code == 409 and stale.get_json()["title"] == "Peace"
    assert db_state() == before
    untitled = patch(client, world, first, text="The Parties commit to peace.", title=None,
                     base_version_id=titled["version_id"])
    assert untitled.status_code == 200 and untitled.get_json()["title"] is None
    compare = client.get(f"/api/v1/clauses/{first.public_id}/compare?from={titled['version_id']}&to={untitled.get_json()['version_id']}",
                         headers=world.headers("drafter")).get_json()
    assert compare["title_ops"] == [[-1, "Peace"]]
    versions = client.get(f"/api/v1/clauses/{first.public_id}/versions", headers=world.headers("drafter")).get_json()["versions"]
    assert [v["title"] for v in versions] == [None, "Peace", None]


def test_a_bracket_spans_the_paragraphs_of_one_article(client, world, doc):
    _, _, clauses = doc
    base = current(client, world, clauses[0])["version_id"]
    r = patch(client, world, clauses[0], text="1. The Parties [shall:\n(a) consult;\n(b) agree.]", base_version_id=base)
    assert r.status_code == 200 and r.get_json()["brackets"] == 1


def test_a_structure_to_fix_or_an_unbalanced_title_is_refused_and_changes_nothing(client, world, doc):
    _, _, clauses = doc
    base = current(client, world, clauses[0])["version_id"]
    before = db_state()
    r = patch(client, world, clauses[0], text="Text with a note.{^1}", base_version_id=base)
    assert r.status_code == 422 and r.get_json()["error"] == "bad_structure"
    assert '{^1}' in r.get_json()["message"]
    r = patch(client, world, clauses[0], text="Fine.", title="[Use of terms", base_version_id=base)
    assert r.status_code == 422 and r.get_json()["error"] == "unbalanced_brackets"
    assert db_state() == before


def test_pages_show_titles_levels_tables_and_footnotes_and_edit_the_title(client, world, doc):
    document, _, clauses = doc
    first = clauses[0]
    login(client, world.users["drafter"])
    r = client.post(f"/clauses/{first.public_id}/edit", data={"text": BODY, "title": "Truth Commission",
                                                       "base_version_id": pid("version", first.current_version_id)})
    assert r.status_code == 303
    version = db.session.get(ClauseVersion, db.session.get(type(first), first.id).current_version_id)
    assert version.title == "Truth Commission" and version.text == BODY
    page = client.get(f"/documents/{document.public_id}").get_data(as_text=True)
    assert '<div class="article-title">Truth Commission</div>' in page
    assert '<div class="para lvl-3"><span class="plabel">(i)</span> causes;</div>' in page
    assert '<th>Nominated by</th>' in page and '<sup class="fn-ref">1</sup>' in page
    assert 'name="title" value="Truth Commission"' in page
    history = client.get(f"/clauses/{first.public_id}/history").get_data(as_text=True)
    assert '<div class="article-title"><ins>Truth Commission</ins></div>' in history
    assert '<div class="para lvl-2"><span class="plabel"><ins>(a) </ins></span>' in history
    # A form without the title field keeps the title.
    r = client.post(f"/clauses/{first.public_id}/edit", data={"text": BODY + " Amended.", "base_version_id": version.public_id})
    assert r.status_code == 303
    assert db.session.get(ClauseVersion, db.session.get(type(first), first.id).current_version_id).title == "Truth Commission"


def test_the_round_page_and_its_diff_render_the_structure(client, world, doc):
    document, _, clauses = doc
    circulate(client, world, document)
    base = current(client, world, clauses[1])["version_id"]
    assert patch(client, world, clauses[1], title="Ceasefire", base_version_id=base,
                 text="A ceasefire shall enter into force:\n(a) [in 72 hours / in 7 days];\n(b) everywhere.").status_code == 200
    number = circulate(client, world, document)
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/{number}").get_data(as_text=True)
    assert '<div class="article-title">Ceasefire</div>' in page
    assert '<div class="para lvl-1"><span class="plabel">(b)</span> everywhere.</div>' in page
    diff = client.get(f"/documents/{document.public_id}/rounds/{number}/diff").get_data(as_text=True)
    assert '<div class="article-title"><ins>Ceasefire</ins></div>' in diff
    assert '<span class="plabel"><ins>(b) </ins></span><ins>everywhere.</ins>' in diff


def test_a_stale_edit_from_the_page_keeps_the_typed_title_beside_the_current_one(client, world, doc):
    _, _, clauses = doc
    first = clauses[0]
    base = first.current_version_id
    assert patch(client, world, first, text="The Parties commit to peace.", title="Peace", base_version_id=base).status_code == 200
    login(client, world.users["mediator"])
    before = db_state()
    r = client.post(f"/clauses/{first.public_id}/edit", data={"text": "Mine.", "title": "My title", "base_version_id": pid("version", base)})
    assert r.status_code == 409
    html = r.get_data(as_text=True)
    assert '<div class="article-title">Peace</div>' in html
    assert 'name="title" value="My title"' in html and ">Mine.</textarea>" in html
    assert db_state() == before
