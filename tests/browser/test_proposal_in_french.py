"""A proposal in French in the browser (issue #22): the government delegate picks French in
the comment form and submits; the mediation team reads it in French beside the clause's
English and Arabic, applies it, and the working draft's side-by-side columns show the new
French text with the English (the lead) to be updated; two columns shown, the Arabic one
right to left. The other party never sees the proposal."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLAUSE = "The post of Vice-President shall be held by a nominee of the Movement."
FRENCH = "Le poste de vice-président est occupé par une personne désignée par le Mouvement."
PROPOSED = "Le poste de vice-président est occupé par une personne désignée d'un commun accord par les Parties."
BODY = "Une désignation conjointe rassurerait les deux Parties."


def latest_round(page):
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/rounds/**")
    return page.url.split("#")[0]


def test_a_delegate_proposes_in_french_the_team_reads_it_beside_the_other_languages_and_applies_it(
        page, login, browser, live_server):
    login(page, "gov@demo.test")
    round_url = latest_round(page)
    clause = page.locator("article.clause", has_text=CLAUSE).first
    clause.locator("summary", has_text="Comment or propose").click()
    form = clause.locator("form.proposal-form")
    expect(form.locator("select[name=language]")).to_be_visible()
    form.locator("select[name=language]").select_option("fr")
    form.locator("select[name=kind]").select_option("proposal")
    form.locator("textarea[name=body]").fill(BODY)
    form.locator("textarea[name=proposed_text]").fill(PROPOSED)
    form.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Submitted to the mediation team.")).to_be_visible()
    mine = page.locator(".submission", has_text=BODY)
    expect(mine.locator('[lang="fr"]', has_text="Proposed wording (fr):")).to_be_visible()

    nlm = browser.new_context(base_url=live_server).new_page()
    login(nlm, "nlm@demo.test")
    nlm.goto(round_url)
    expect(nlm.locator("article.clause", has_text=CLAUSE).first).to_be_visible()
    expect(nlm.get_by_text(BODY)).to_have_count(0)
    expect(nlm.get_by_text("d'un commun accord")).to_have_count(0)
    nlm.context.close()

    team = browser.new_context(base_url=live_server).new_page()
    login(team, "drafter@demo.test")
    team.goto(round_url)
    item = team.locator(".submission", has_text=BODY)
    beside = item.locator(".proposal-beside")
    expect(beside.locator('[lang="fr"]', has_text="Proposed wording (fr):")).to_be_visible()
    expect(beside.locator('[lang="en"]', has_text="The round’s text (en):")).to_contain_text(CLAUSE)
    arabic = beside.locator('[lang="ar"]', has_text="The round’s text (ar):")
    expect(arabic).to_be_visible()
    expect(arabic).to_have_attribute("dir", "rtl")

    item.get_by_role("link", name="Apply to the draft…").click()
    team.wait_for_url("**/apply")
    expect(team.locator("#apply-language")).to_contain_text("Written in French")
    expect(team.locator("#apply-language")).to_contain_text("English, Arabic")
    team.get_by_label("Reason (for the record and for the party)").fill("Désignation conjointe retenue.")
    team.get_by_role("button", name="Accept and apply this wording").click()
    team.wait_for_url("**/rounds/**")
    expect(team.get_by_text("Accepted: the working draft has the new wording")).to_be_visible()

    # The working draft side by side: the French text is the proposal, the English (lead)
    # is to be updated and keeps its wording.
    document = round_url.split("/rounds/")[0]
    team.goto(f"{document}/texts?lang=en&lang=fr")
    row = team.locator("table.side-by-side tr", has_text=CLAUSE).first
    expect(row.locator('td[data-language="fr"]')).to_contain_text(PROPOSED)
    expect(row.locator('td[data-language="en"] .to-update', has_text="To be updated")).to_be_visible()
    expect(row.locator('td[data-language="fr"] .to-update')).to_have_count(0)

    # Two columns, the Arabic right to left.
    team.goto(f"{document}/texts?lang=en&lang=ar")
    row = team.locator("table.side-by-side tr", has_text=CLAUSE).first
    expect(row.locator("td[data-language]")).to_have_count(2)
    cell = row.locator('td[data-language="ar"]')
    expect(cell).to_have_attribute("dir", "rtl")
    expect(cell).to_have_css("direction", "rtl")
    expect(row.locator('td[data-language="en"]')).to_have_css("direction", "ltr")
    team.context.close()
