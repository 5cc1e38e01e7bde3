"""Drafts made by other tools, converted in the test by the tools themselves: a
LibreOffice document (flat ODF with LibreOffice's own list style "Article 1." / "(a)" /
"(i)", a footnote, a comment, a table with a header row) saved as .docx by soffice, and a
Markdown draft made into .docx by pandoc (headings, ordered and lettered lists, a
footnote, a pipe table)."""
import shutil
import subprocess
from pathlib import Path

import pytest

from app.export.word import read_docx
from tests.conftest import skip_or_fail

MATERIAL = Path(__file__).with_name("material")


def outline(draft):
    return [(s.title, [(c.label, c.title, c.text) for c in s.clauses]) for s in draft.sections]


@pytest.fixture(scope="module")
def libreoffice_docx(tmp_path_factory) -> bytes:
    if shutil.which("soffice") is None:
        skip_or_fail("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("soffice")
    source = folder / "agreement.fodt"
    source.write_bytes((MATERIAL / "libreoffice-agreement.fodt").read_bytes())
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "docx", "--outdir", str(folder), str(source)],
                   check=True, timeout=180, capture_output=True)
    return (folder / "agreement.docx").read_bytes()


@pytest.fixture(scope="module")
def pandoc_docx(tmp_path_factory) -> bytes:
    if shutil.which("pandoc") is None:
        skip_or_fail("pandoc is not installed")
    target = tmp_path_factory.mktemp("pandoc") / "agreement.docx"
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(target),
                    str(MATERIAL / "pandoc-agreement.md")], check=True, timeout=120, capture_output=True)
    return target.read_bytes()


def test_a_libreoffice_draft_with_its_own_article_list(libreoffice_docx):
    draft = read_docx(libreoffice_docx)
    assert outline(draft) == [
        ("General provisions", [("Article 1", "Use of terms",
                                 "(a) “Parties” means the signatories;\n(b) “forces” means:\n(i) regular forces;{^1}\n"
                                 "(ii) irregular forces.\n{^1} Including reserves.")]),
        ("Security", [("Article 2", "Withdrawal",
                       "Forces withdraw as follows:\n| Zone | By |\n|---|---|\n| North | [1 March / 1 April] |")]),
    ]
    [note] = draft.sections[1].clauses[0].notes
    assert (note.author, note.text) == ("Amira Haddad", "Ask about the timetable.")


def test_a_pandoc_draft(pandoc_docx):
    draft = read_docx(pandoc_docx)
    assert outline(draft) == [
        ("Part I. Transitional justice", [
            ("Article 1", "Truth Commission",
             "1. A Truth Commission is established.{^1}\n2. The Commission shall:\n(a) investigate violations;\n"
             "(b) report to the Parties.\n| Nominated by | Members |\n|---|---|\n| Government | 3 |\n"
             "| Movement | [3 / 4] |\n{^1} As agreed in Geneva on 1 March."),
            ("Article 2", "Reparations", "Victims have a right to reparation.")]),
        ("Part II. Final provisions", [("Article 3", "Entry into force",
                                        "This Agreement enters into force on signature.")]),
    ]
