"""Reading a Word draft as sections and articles, keeping what a negotiating team needs.

The parts, each in its module:

* read_package.py: the upload opened safely (zip limits, macros, encryption, XXE), the
  main document found through the package relationships, Strict Open XML mapped;
* read_styles.py / read_numbering.py: heading levels, title-page styles, emphasis, and
  Word's automatic numbering drawn as Word draws it ("Article 1.", "1.1", "(a)");
* read_paragraphs.py: each paragraph's text with every tracked change accepted (moves
  read once), content controls, text boxes and field results read, footnote markers;
* read_outline.py: what is a heading, an article, its title and its body (the rules
  are stated there), and the report of what was kept, changed or left out.

The result is a ParsedDraft: sections of ParsedClauses (title, body lines in
structure.py's notation, Word comments), with the notes for the report. Nothing here
touches the database: importing.py creates the document from it.
"""
from .read_numbering import Numbering
from .read_outline import ParsedClause, ParsedDraft, ParsedSection, WordComment, OutlineBuilder
from .read_package import DocxImportError, open_package, w
from .read_paragraphs import BodyReader, WordParagraph, WordTable, footnote_numbers
from .read_styles import Styles

__all__ = ["DocxImportError", "ParsedClause", "ParsedDraft", "ParsedSection", "WordComment",
           "parse_docx", "read_docx"]


class _Stats:
    """What the report counts over the whole body."""

    def __init__(self, reader: BodyReader, blocks: list):
        paragraphs = [b for b in blocks if isinstance(b, WordParagraph)]
        tables = [b for b in blocks if isinstance(b, WordTable)]
        self.tracked = reader.tracked + sum(1 for t in tables if t.tracked)
        self.deleted_paragraphs = reader.deleted_paragraphs
        self.moves = reader.moves
        self.controls = reader.controls
        self.text_boxes = reader.text_boxes
        self.fields = reader.fields
        self.images = sum(p.images for p in paragraphs)
        self.equations = sum(p.equations for p in paragraphs)
        self.tables = sum(1 for t in tables if any(any(c.strip() for c in row) for row in t.rows))
        self.merged_cells = sum(t.merged for t in tables)


def read_comments(root) -> dict:
    """Comment id -> WordComment, for comments that say something."""
    found = {}
    if root is None:
        return found
    reader = BodyReader(None, Styles(None), {})
    for comment in root.iter(w("comment")):
        parts = []
        for p in comment.iter(w("p")):
            read, _ = reader.paragraph(p)
            if read.text:
                parts.append(read.text)
        text = "\n".join(parts).strip()
        if text:
            found[comment.get(w("id"))] = WordComment(
                author=(comment.get(w("author")) or "").strip()[:200] or "Word user",
                initials=(comment.get(w("initials")) or "").strip()[:20],
                date=comment.get(w("date")), text=text)
    return found


def read_docx(data: bytes, *, max_clauses: int = 60_000) -> ParsedDraft:
    package = open_package(data)
    body = package.document.find(w("body"))
    if body is None:
        raise DocxImportError("word/document.xml has no body")
    styles = Styles(package.styles)
    numbering = Numbering(package.numbering, styles)
    numbers, texts = footnote_numbers(package)
    reader = BodyReader(package, styles, numbers)
    blocks = list(reader.blocks(body))
    reader.place_moved_bookmarks()
    builder = OutlineBuilder(numbering, read_comments(package.comments), texts, numbers)
    draft = builder.build(builder.classify(builder.tokens(blocks)), max_clauses)
    builder.report(_Stats(reader, blocks), package)
    draft.properties = dict(package.properties)
    return draft


def parse_docx(data: bytes, *, max_clauses: int = 60_000) -> list[tuple[str, list[str]]]:
    """(section title, [clause text]) pairs: the shape of a draft without its titles and notes."""
    return [(s.title, [c.text for c in s.clauses]) for s in read_docx(data, max_clauses=max_clauses).sections]
