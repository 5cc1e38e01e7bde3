"""Reading a Word draft: headings start sections; numbered paragraphs (Word's automatic
numbering, or typed labels such as "Article 12.", "12." or "(a)") start clauses, with the
label stripped; other paragraphs attach to the clause before them. Tracked changes are
read as if accepted (and reported); title-page paragraphs (Title, Subtitle), tables,
footnotes and empty headings are left out and reported.

Untrusted input: the zip is checked before anything is decompressed (size, ratio,
member count) and the XML is parsed without entities or network access."""
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_TOTAL = 200 * 1024 * 1024       # uncompressed bytes in the whole package
MAX_RATIO = 200                     # uncompressed/compressed for any member
MAX_MEMBERS = 5_000
_LABEL = re.compile(
    r"^\s*(?:(?:article|art\.|section|clause|paragraph|para\.|artículo|artigo)\s+[0-9IVXLCivxlc]+[A-Za-z]?"
    r"(?:\.\d+)*\s*[.:)\-—]?|\(?\d+(?:\.\d+)*[.)]|\([a-z]{1,3}\)|[a-z]\))\s+", re.IGNORECASE)


class DocxImportError(ValueError):
    """The file cannot be read as a Word draft; the message says why."""


@dataclass
class ParsedDraft:
    sections: list = field(default_factory=list)        # [(title, [clause text])]
    notes: list = field(default_factory=list)           # what was ignored or changed, for the report


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _open(data: bytes) -> tuple[bytes, bytes | None, int]:
    """(document.xml, styles.xml or None, number of footnotes) after the safety checks."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise DocxImportError("the file is encrypted (password-protected) or an old .doc file: "
                              "save it as an unprotected .docx first")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise DocxImportError("the file is not a .docx (Word) file or it is damaged") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocxImportError("the package has too many parts")
        if sum(m.file_size for m in members) > MAX_TOTAL:
            raise DocxImportError("the file would expand beyond 200 MB")
        for m in members:
            if m.compress_size and m.file_size / m.compress_size > MAX_RATIO and m.file_size > 1_000_000:
                raise DocxImportError(f"the part {m.filename} is compressed suspiciously well (a zip bomb?)")
        names = {m.filename for m in members}
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
            raise DocxImportError("the file contains macros; save it as a plain .docx without macros")
        try:
            styles = archive.read("word/styles.xml") if "word/styles.xml" in names else None
            footnotes = archive.read("word/footnotes.xml").count(b"<w:footnote ") if "word/footnotes.xml" in names else 0
            return archive.read("word/document.xml"), styles, footnotes
        except KeyError:
            raise DocxImportError("the package has no word/document.xml: is it a Word file?") from None
        except (zipfile.BadZipFile, EOFError, OSError) as err:
            raise DocxImportError(f"the package is damaged ({err})") from None


def _parse(xml: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as err:
        raise DocxImportError(f"word/document.xml is not well-formed XML ({err.msg})") from None


def _style_and_level(p) -> tuple[str, int | None]:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return "", None
    style = ppr.find(_w("pStyle"))
    outline = ppr.find(_w("outlineLvl"))
    return (style.get(_w("val"), "") if style is not None else "",
            int(outline.get(_w("val"))) if outline is not None and (outline.get(_w("val")) or "").isdigit() else None)


def _text(p) -> str:
    """The paragraph as if all changes were accepted: w:ins read, w:del skipped."""
    out = []
    for el in p.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
        if any(a.tag == _w("del") for a in el.iterancestors()):
            continue
        out.append(el.text or "" if el.tag == _w("t") else ("\t" if el.tag == _w("tab") else "\n"))
    return "".join(out).strip()


def strip_label(text: str) -> str:
    stripped = _LABEL.sub("", text, count=1)
    return stripped if stripped.strip() else text


def _numbered_styles(styles_xml: bytes | None) -> set[str]:
    """Paragraph styles that carry automatic numbering (List Number and the like)."""
    if not styles_xml:
        return set()
    root = _parse(styles_xml)
    return {style.get(_w("styleId"), "") for style in root.iter(_w("style"))
            if style.find(f"{_w('pPr')}/{_w('numPr')}") is not None}


def read_docx(data: bytes, *, max_clauses: int = 60_000) -> ParsedDraft:
    xml, styles_xml, footnotes = _open(data)
    root = _parse(xml)
    body = root.find(_w("body"))
    if body is None:
        raise DocxImportError("word/document.xml has no body")
    numbered_styles = _numbered_styles(styles_xml)
    draft = ParsedDraft()
    count = tables = empty_headings = tracked = 0
    open_clause = False
    for p in body.iter(_w("p")):
        if any(a.tag == _w("tbl") for a in p.iterancestors()):
            continue
        if p.find(f".//{_w('ins')}") is not None or p.find(f".//{_w('del')}") is not None:
            tracked += 1
        if p.find(f"{_w('pPr')}/{_w('rPr')}/{_w('del')}") is not None:
            continue                      # a deleted paragraph, as if accepted
        style, level = _style_and_level(p)
        text = _text(p)
        if style in ("Title", "Subtitle"):
            continue
        if style.lower().startswith("heading") or level is not None:
            if not text:
                empty_headings += 1
                continue
            draft.sections.append((re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", text)[:500], []))
            open_clause = False
            continue
        if not text:
            continue
        if not draft.sections:
            draft.sections.append(("Preamble", []))
        clauses = draft.sections[-1][1]
        auto = p.find(f"{_w('pPr')}/{_w('numPr')}") is not None or style in numbered_styles
        typed = _LABEL.match(text) is not None
        if auto or typed or not open_clause or not clauses:
            clauses.append([strip_label(text)])
            open_clause = True
            count += 1
            if count > max_clauses:
                raise DocxImportError(f"the file holds more than {max_clauses} paragraphs")
        else:
            clauses[-1].append(text)        # a further paragraph of the same clause
    # Each clause's paragraphs are joined once: appending to the clause's string for every
    # continuation paragraph copied it each time (quadratic: 40,000 paragraphs took minutes).
    draft.sections = [(title, ["\n".join(parts) for parts in clauses]) for title, clauses in draft.sections]
    tables = len(body.findall(f".//{_w('tbl')}"))
    if tables:
        draft.notes.append(f"{tables} table(s) left out")
    if footnotes > 2:                     # Word keeps two separator "footnotes"
        draft.notes.append(f"{footnotes - 2} footnote(s) left out")
    if empty_headings:
        draft.notes.append(f"{empty_headings} empty heading(s) ignored")
    if tracked:
        draft.notes.append(f"{tracked} paragraph(s) with tracked changes read as if all changes were accepted")
    return draft


def parse_docx(data: bytes, *, max_clauses: int = 60_000) -> list[tuple[str, list[str]]]:
    return read_docx(data, max_clauses=max_clauses).sections
