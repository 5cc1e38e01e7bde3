"""A real client reads the exports: LibreOffice (headless, through its UNO bridge)
accepts and rejects every tracked change of a redline and must land exactly on the newer
and the older round as the API gives them, paragraph by paragraph, each heading in the
heading style with its automatic number and each article numbered as the API numbers it.

The property test drives the product as a team does (through the API): a text of
several sections, then rounds of edit scripts of every kind (clause edits, paragraphs
added and removed, clauses added, deleted, moved within and across sections; sections
renamed, added, removed and reordered), each round circulated; then the redline of the
last round against every earlier one. The cases it found worst are kept below as
ordinary tests. LibreOffice is slow, so one instance serves the whole session and the
number of examples is bounded (EXAMPLES; about a minute on the CI machine)."""
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.export.docgen import apply_edit, edit_scripts, first_drafts
from tests.export.libreoffice import body, convert, expected_body

EXAMPLES = int(os.environ.get("PENHOLDER_REDLINE_EXAMPLES", "25"))

pytestmark = pytest.mark.usefixtures("sqlite_backend_only")


@pytest.fixture
def sqlite_backend_only(backend):
    if backend != "sqlite":
        pytest.skip("the files are the same on both databases; LibreOffice is slow")


class ApiEditor:
    """A drafter working through the API; `state()` is the working draft as the API
    gives it: [(section id, title, [(clause id, text)])]."""

    def __init__(self, client, world, document_id: int):
        self.client, self.world, self.id = client, world, document_id
        self.headers = world.headers("drafter")

    def call(self, method, url, json=None, ok=(200, 201)):
        response = self.client.open(f"/api/v1{url}", method=method, headers=self.headers, json=json)
        assert response.status_code in ok, (method, url, json, response.status_code, response.get_json())
        return response.get_json()

    def state(self) -> list:
        data = self.call("GET", f"/documents/{self.id}")
        return [(s["id"], s["title"], [(c["id"], c["text"]) for c in s["clauses"]]) for s in data["sections"]]

    def _version(self, clause_id):
        return self.call("GET", f"/clauses/{clause_id}")["version_id"]

    def edit(self, clause_id, text):
        current = self.call("GET", f"/clauses/{clause_id}")
        if current["text"] != text:
            self.call("PATCH", f"/clauses/{clause_id}", {"text": text, "base_version_id": current["version_id"]})

    def delete(self, clause_id):
        self.call("DELETE", f"/clauses/{clause_id}", {"base_version_id": self._version(clause_id)})

    def move(self, clause_id, section_id, position):
        self.call("POST", f"/clauses/{clause_id}/move", {"section_id": section_id, "position": position})

    def add(self, section_id, text, position):
        clause = self.call("POST", f"/documents/{self.id}/clauses", {"section_id": section_id, "text": text})
        self.move(clause["id"], section_id, position)

    def rename(self, section_id, title):
        self.call("PATCH", f"/sections/{section_id}", {"title": title})

    def add_section(self, title, position):
        section = self.call("POST", f"/documents/{self.id}/sections", {"title": title})
        self.move_section(section["id"], position)

    def remove_section(self, section_id):
        self.call("DELETE", f"/sections/{section_id}", {"reason": "Agenda item dropped"})

    def move_section(self, section_id, position):
        self.call("POST", f"/sections/{section_id}/move", {"position": position})

    def circulate(self) -> int:
        if not any(clauses for _, _, clauses in self.state()):
            first = self.state()[0][0]
            self.call("POST", f"/documents/{self.id}/clauses", {"section_id": first, "text": "The Parties agree."})
        response = self.client.post(f"/api/v1/documents/{self.id}/rounds", headers=self.world.headers("mediator"),
                                    json={"allow_unchanged": True, "confirm_findings": True})
        assert response.status_code == 201, response.get_json()     # (random words may read as an amnesty)
        return response.get_json()["number"]


def new_document(client, world, sections, title="Framework Agreement") -> ApiEditor:
    headers = world.headers("drafter")
    document = client.post(f"/api/v1/processes/{world.process.slug}/documents", headers=headers,
                           json={"title": title}).get_json()
    editor = ApiEditor(client, world, document["id"])
    for _, section_title, clauses in sections:
        section = editor.call("POST", f"/documents/{editor.id}/sections", {"title": section_title})
        for _, text in clauses:
            editor.call("POST", f"/documents/{editor.id}/clauses", {"section_id": section["id"], "text": text})
    return editor


def round_sections(client, world, document_id, number) -> list:
    data = client.get(f"/api/v1/documents/{document_id}?round={number}", headers=world.headers("mediator")).get_json()
    assert data["round"] == number
    return data["sections"]


def check_redline(libreoffice, client, world, document_id, old, new, who="delegate_a"):
    """Accept All gives round `new`, Reject All round `old`, as the API gives them."""
    query = f"variant=redline&from={old}"
    response = client.post(f"/api/v1/documents/{document_id}/rounds/{new}/export?{query}", headers=world.headers(who))
    assert response.status_code == 201
    seen = libreoffice.open(response.data, ("accept", "reject"))
    assert seen["accept_left"] == 0 and seen["reject_left"] == 0
    assert body(seen["accept"]) == expected_body(round_sections(client, world, document_id, new)), "accept all"
    assert body(seen["reject"]) == expected_body(round_sections(client, world, document_id, old)), "reject all"
    return seen


def run_rounds(client, world, first, scripts) -> tuple[ApiEditor, int]:
    editor = new_document(client, world, first)
    editor.circulate()
    last = 1
    for script in scripts:
        for edit in script:
            apply_edit(edit, editor.state(), editor)
        last = editor.circulate()
    return editor, last


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(first=first_drafts(), scripts=st.lists(edit_scripts(max_edits=6), min_size=1, max_size=3))
def test_redlines_accept_and_reject_exactly_in_libreoffice(libreoffice, client, world, first, scripts):
    editor, last = run_rounds(client, world, first, scripts)
    for older in range(1, last):
        check_redline(libreoffice, client, world, editor.id, older, last)


# -- the nastiest cases, kept -------------------------------------------------------------

def _scripted(client, world, first, rounds):
    editor = new_document(client, world, [(None, t, [(None, x) for x in cs]) for t, cs in first])
    editor.circulate()
    for round_ in rounds:
        round_(editor, editor.state())
        editor.circulate()
    return editor


def test_deleting_the_last_article_of_a_section_and_adding_one_at_the_top_of_the_next(libreoffice, client, world):
    """The case that duplicated headings and renumbered every later section."""
    def edits(e, state):
        e.delete(state[1][2][-1][0])
        e.add(state[2][0], "A new first article of the third section.", 1)
    editor = _scripted(client, world, [("Preamble", ["The Parties meet."]), ("Ceasefire", ["Fire ceases.", "Forces halt."]),
                                       ("Power sharing", ["A council is formed."]), ("Elections", ["Polls are held."])],
                       [edits])
    check_redline(libreoffice, client, world, editor.id, 1, 2)


def test_the_redline_ends_with_an_annex_of_corresponding_article_numbers(libreoffice, client, world):
    """Instructions from capitals cite numbers: the redline's annex says which article of
    Rev. 1 each renumbered one of Rev. 2 was, as LibreOffice shows the table, after the
    text and outside its tracked changes (accepting and rejecting still give each round)."""
    def edits(e, state):
        e.delete(state[1][2][1][0])                              # Article 3, "Forces halt."
        e.add(state[0][0], "A new first article.", 1)            # becomes Article 1
    editor = _scripted(client, world, [("Preamble", ["The Parties meet."]), ("Ceasefire", ["Fire ceases.", "Forces halt."]),
                                       ("Power sharing", ["A council is formed."]), ("Elections", ["Polls are held."])],
                       [edits])
    seen = check_redline(libreoffice, client, world, editor.id, 1, 2)
    for action in ("accept", "reject"):
        texts = [p["text"] for p in seen[action]]
        assert "Annex: corresponding article numbers, Rev. 1 and Rev. 2" in texts
        tables = [p["rows"] for p in seen[action] if p["style"] == "(table)"]
        assert tables[-1] == [["Rev. 1", "Rev. 2"], ["Articles 1\u20132", "Articles 2\u20133"],
                              ["\u2014", "Article 1 (new)"], ["Article 3 (removed)", "\u2014"]], action
    unchanged = _scripted(client, world, [("Preamble", ["The Parties meet."]), ("Ceasefire", ["Fire ceases."])],
                          [lambda e, state: e.edit(state[1][2][0][0], "Fire ceases at once.")])
    seen = check_redline(libreoffice, client, world, unchanged.id, 1, 2)
    assert not any(p["text"].startswith("Annex:") for p in seen["accept"])     # no number moved: no annex


def test_a_heading_after_a_deleted_article_and_after_an_inserted_one_stays_a_heading(libreoffice, client, world):
    def edits(e, state):
        e.delete(state[0][2][-1][0])
        e.add(state[1][0], "Inserted at the end of the second section.", 9)
    editor = _scripted(client, world, [("One", ["First.", "Last of one."]), ("Two", ["Second."]), ("Three", ["Third."])],
                       [edits])
    seen = check_redline(libreoffice, client, world, editor.id, 1, 2)
    assert [p["style"] for p in seen["accept"] if p["text"] in ("Two", "Three")] == ["Heading 1", "Heading 1"]


def test_section_renames_additions_removals_reorders_and_moves_across_them(libreoffice, client, world):
    def edits(e, state):
        e.rename(state[0][0], "General provisions and [principles]")
        e.move(state[1][2][0][0], state[2][0], 1)            # an article into the next section
        e.remove_section(state[3][0])
        e.move_section(state[2][0], 1)
        e.add_section("Implementation", 2)
        e.add(e.state()[1][0], "An implementation commission is established.\nIt reports monthly.", 1)
    def more(e, state):
        e.edit(state[0][2][0][0], state[0][2][0][1] + "\nA second paragraph.")
        e.move(state[-1][2][0][0], state[0][0], 1)
    editor = _scripted(client, world, [("General", ["The Parties [agree / commit] to peace."]),
                                       ("Security", ["Forces withdraw.\nWithin 30 days.", "Monitors deploy."]),
                                       ("Power sharing", ["A council is formed."]), ("Annex", ["Maps."])],
                       [edits, more])
    check_redline(libreoffice, client, world, editor.id, 1, 2)
    check_redline(libreoffice, client, world, editor.id, 2, 3)
    check_redline(libreoffice, client, world, editor.id, 1, 3, who="mediator")


def test_a_moved_and_reworded_article_and_a_whole_moved_section(libreoffice, client, world):
    def edits(e, state):
        e.edit(state[0][2][0][0], "The Parties firmly [agree / commit] to a just peace.")
        e.move(state[0][2][0][0], state[1][0], 2)
        e.move_section(state[2][0], 1)
    editor = _scripted(client, world, [("A", ["The Parties [agree / commit] to peace.", "Two."]),
                                       ("B", ["Three.", "Four."]), ("C", ["Five.", "Six.", "Seven."])], [edits])
    seen = check_redline(libreoffice, client, world, editor.id, 1, 2)
    assert seen["changes"] > 0


def test_changes_at_the_very_end_and_a_section_moved_and_renamed(libreoffice, client, world):
    """Found while building the redline: a tracked block right before an empty paragraph
    (the end of the text) kept the block's style on reject, and a moved heading whose title
    changed, written as moved text plus inserted words, split wrongly. The end line is not
    empty, and a tracked paragraph holds one kind of change only."""
    def edits(e, state):
        e.delete(state[-1][2][-1][0])                        # the last article of the text
        e.rename(state[0][0], "Opening provisions")
        e.move_section(state[0][0], 3)                        # ... and moved
        e.add_section("Final provisions", 9)                  # a section at the very end
        e.add(e.state()[-1][0], "This Agreement enters into force on signature.\nIt is registered.", 1)
    editor = _scripted(client, world, [("Opening", ["The Parties meet."]), ("Middle", ["Two.", "Three."]),
                                       ("Close", ["Four.", "The last article."])], [edits])
    check_redline(libreoffice, client, world, editor.id, 1, 2)


def test_structured_articles_titles_and_sub_paragraphs(libreoffice, client, world):
    """Articles with titles and sub-paragraphs at their levels ((a), (i), 1.1): titles
    changed, added and removed, sub-paragraphs added, removed and reworded."""
    editor = new_document(client, world, [(None, "Definitions", [])])
    state = editor.state()
    h = editor.headers
    first = editor.call("POST", f"/documents/{editor.id}/clauses", {
        "section_id": state[0][0], "title": "Use of terms",
        "text": "For the purposes of this Agreement:\n(a) \"Parties\" means the signatories;\n"
                "(b) \"Mission\" means [the United Nations mission / the monitoring mission]."})
    second = editor.call("POST", f"/documents/{editor.id}/clauses", {
        "section_id": state[0][0], "text": "1. The Commission shall:\n(a) investigate;\n(i) hear victims;\n(b) report."})
    editor.circulate()
    version = editor.call("GET", f"/clauses/{first['id']}")["version_id"]
    editor.call("PATCH", f"/clauses/{first['id']}", {
        "title": "Definitions and use of terms", "base_version_id": version,
        "text": "For the purposes of this Agreement:\n(a) \"Parties\" means the Government and the Movement;\n"
                "(b) \"Mission\" means [the monitoring mission];\n(c) \"Day\" means a calendar day."})
    version = editor.call("GET", f"/clauses/{second['id']}")["version_id"]
    editor.call("PATCH", f"/clauses/{second['id']}", {
        "title": "Truth Commission", "base_version_id": version,
        "text": "1. The Commission shall:\n(a) investigate;\n(b) report to the Parties."})
    editor.circulate()
    seen = check_redline(libreoffice, client, world, editor.id, 1, 2)
    styles = {p["text"]: p["style"] for p in seen["accept"]}
    assert styles['(c) "Day" means a calendar day.'] == "Article Level 1"
    assert styles["Definitions and use of terms"] == "Article"
    rejected = {p["text"]: p["style"] for p in seen["reject"]}
    assert rejected["(i) hear victims;"] == "Article Level 3"      # 1. then (a) then (i)


def test_the_demo_after_renaming_adding_removing_sections_and_moving_clauses(libreoffice, app, client):
    """The demo's own process (two circulated rounds and a working draft moving towards
    Rev. 3), then the drafter renames, adds and removes sections and moves clauses
    across them, and the mediator circulates Rev. 3: every redline between the three
    rounds accepts and rejects exactly."""
    from app.demo import DEMO_PASSWORD, seed_demo
    from app.extensions import db
    assert seed_demo()
    db.session.commit()

    def token(email):
        return {"Authorization": "Bearer " + client.post("/api/v1/tokens", json={
            "email": email, "password": DEMO_PASSWORD}).get_json()["token"]}

    class Demo:
        process = type("P", (), {"slug": "northland"})

        def headers(self, who):
            return token({"drafter": "drafter@demo.test", "mediator": "mediator@demo.test",
                          "delegate_a": "nlm@demo.test"}[who])

    demo = Demo()
    document_id = client.get("/api/v1/processes/northland", headers=demo.headers("mediator")).get_json()["documents"][0]["id"]
    editor = ApiEditor(client, demo, document_id)
    state = editor.state()
    editor.rename(state[0][0], state[0][1] + " and principles")
    editor.add_section("Transitional arrangements", 3)
    editor.move(state[1][2][0][0], editor.state()[2][0], 1)          # ceasefire article into the new section
    editor.move(state[-1][2][-1][0], state[0][0], 1)                 # last article to the very top
    editor.remove_section(state[-2][0])
    editor.move_section(state[-1][0], 2)
    assert editor.circulate() == 3
    for older in (1, 2):
        seen = check_redline(libreoffice, client, demo, document_id, older, 3)
        title_page = [p["text"] for p in seen["accept"] if p["style"].startswith("Title")]
        assert "Northland Peace Talks\tNL/CPA/Rev.3" in title_page
        assert f"Changes from Rev. {older} to Rev. 3" in [p["text"] for p in seen["accept"]]


def test_clean_export_numbers_as_the_api_and_converts_to_pdf(libreoffice, client, world, tmp_path):
    editor = _scripted(client, world, [("One", ["First.\nSecond paragraph.", "Next."]), ("Two", ["Last."])], [])
    response = client.post(f"/api/v1/documents/{editor.id}/rounds/1/export?variant=clean",
                          headers=world.headers("delegate_b"))
    seen = libreoffice.open(response.data, ("read",))
    assert body(seen["read"]) == expected_body(round_sections(client, world, editor.id, 1))
    pdf = convert(response.data, "pdf")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 2


def test_comments_show_in_libreoffice_with_their_dates_authors_and_replies(client, world, talks):
    """LibreOffice 7.4 shows each reply as a comment of its own on the same text (it reads
    the thread's link only from 7.5 on; Word shows it as a thread)."""
    import re
    data = client.post(f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=comments",
                      headers=world.headers("mediator")).data
    flat = convert(data, "fodt").decode("utf-8")
    notes = re.findall(r"<office:annotation .*?<dc:creator>(.*?)</dc:creator>\s*<dc:date>(.*?)</dc:date>.*?"
                       r"<text:p[^>]*>(.*?)</text:p>", flat, re.S)
    authors = {author for author, _, _ in notes}
    assert {"Alpha Government (Delegate A)", "Beta Movement (Delegate B)", "Mediation team"} <= authors
    submitted = talks.a_proposal.submitted_at.strftime("%Y-%m-%dT%H:%M")
    assert any(author.startswith("Alpha") and date.startswith(submitted) for author, date, _ in notes)
    assert any(author == "Mediation team" and "Team-reply-to-alpha" in text for author, _, text in notes)


from tests.comments.conftest import talks  # noqa: E402,F401  (fixture)
