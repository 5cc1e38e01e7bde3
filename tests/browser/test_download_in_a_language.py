"""A party delegate picks Arabic on the round page and downloads the round's clean text
in Arabic: a Word file right to left, made out to the delegate's party."""
import io
import zipfile

import pytest

pytestmark = pytest.mark.browser


def test_delegate_downloads_the_arabic_copy_from_the_round_page(page, login):
    login(page, "nlm@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    form = page.locator("form.language-copy")
    form.locator("select[name=language]").select_option("ar")
    form.locator("select[name=variant]").select_option("clean")
    with page.expect_download() as info:
        form.get_by_role("button", name="Download in that language").click()
    download = info.value
    assert download.suggested_filename.endswith("-clean-nlm-ar.docx")
    package = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))
    styles = package.read("word/styles.xml").decode()
    body = package.read("word/document.xml").decode()
    assert "<w:bidi/>" in styles and "<w:rtl/>" in styles
    assert any("\u0600" <= ch <= "\u06ff" for ch in body)          # Arabic text
    assert "Northland Liberation Movement" in body
