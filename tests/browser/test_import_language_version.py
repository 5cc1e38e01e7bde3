"""The drafter uploads a French version from Word on the working draft page and reads
the alignment report (a preview: the shared demo stays as it is)."""
import pytest

from tests.export.word_material import abstract, level, num, numbering, p, package
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_drafter_previews_a_french_version_from_word(page, login):
    login(page, "drafter@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    document = page.url.split("/rounds/")[0].rstrip("/")
    page.goto(document)
    articles = abstract(5, [level(0, "decimal", "Article %1.")])
    body = (p("Dispositions générales", style="Heading1") + p("Les Parties s'engagent en faveur de la paix.", num=7)
            + p("Article 9000", style="Heading2") + p("Un article que le texte n'a pas."))
    data = package(body, numbering_xml=numbering(articles, num(7, 5)))
    form = page.locator("#language-import form")
    form.locator("select[name=language]").select_option("fr")
    form.locator("input[type=file]").set_input_files(
        {"name": "fr.docx", "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "buffer": data})
    assert form.locator("input[name=dry_run]").is_checked()
    form.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Preview only: nothing was changed.")).to_be_visible()
    expect(page.get_by_role("heading", name="Paragraphs of the file that aligned with nothing")).to_be_visible()
    expect(page.get_by_text("Article 9000").first).to_be_visible()
    expect(page.get_by_role("heading", name="Articles of the document without a counterpart in the file")).to_be_visible()
