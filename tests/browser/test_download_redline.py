"""A party delegate downloads the redline of the latest round from the round page and
gets a Word file with real revision marks, made out to the delegate's party."""
import io
import zipfile

import pytest

pytestmark = pytest.mark.browser


def test_delegate_downloads_the_redline_from_the_round_page(page, login):
    login(page, "nlm@demo.test")
    page.get_by_role("link", name="Northland Peace Talks").first.click()
    page.get_by_role("link", name="Comprehensive Peace Agreement for Northland").click()
    page.wait_for_url("**/documents/**")
    with page.expect_download() as info:
        page.get_by_role("button", name="Redline against").click()
    download = info.value
    assert download.suggested_filename.endswith("-redline-nlm.docx")
    data = open(download.path(), "rb").read()
    package = zipfile.ZipFile(io.BytesIO(data))
    body = package.read("word/document.xml").decode()
    assert "<w:ins " in body and "<w:del " in body and 'w:author="Mediation team"' in body
    assert "Copy for: Northland Liberation Movement" in "".join(
        package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
    assert "word/comments.xml" not in package.namelist()
