"""Continuation paragraphs (unnumbered paragraphs after an article) join their article
in order, and the pathological 40,000-paragraph article of the benchmarks (tests/perf:
"read a DOCX of 40,000 continuation paragraphs", which the reader once joined in
quadratic time) reads into one article of 40,001 lines, each kept once."""
import io

from docx import Document as WordDocument

from app.export.word import read_docx
from tests.perf.generate import continuation_docx


def _outline(draft):
    return [(s.title, [c.text for c in s.clauses]) for s in draft.sections]


def test_continuation_paragraphs_join_their_article_in_order():
    document = WordDocument()
    document.add_heading("Security", level=1)
    for text in ("1. Forces shall withdraw.", "Within 30 days.", "Under monitoring.",
                 "2. Weapons shall be stored.", "In agreed sites."):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    assert _outline(read_docx(out.getvalue())) == [
        ("Security", ["Forces shall withdraw.\nWithin 30 days.\nUnder monitoring.",
                      "Weapons shall be stored.\nIn agreed sites."])]


def test_the_pathological_article_reads_whole_and_in_order():
    data = continuation_docx(40_000)
    assert 300_000 < len(data) < 400_000                  # the 0.36 MB file of the issue
    [(title, [article])] = _outline(read_docx(data))
    lines = article.split("\n")
    assert title == "General provisions" and lines[0] == "The Parties agree as follows:"
    assert len(lines) == 40_001 and all(line.endswith((".", ":")) for line in lines)
    assert read_docx(data).sections[0].clauses[0].lines == lines     # kept as lines, joined once when read
