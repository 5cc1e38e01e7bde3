"""Reading our Word files back in tests: parts, and what accepting or rejecting every
revision leaves, paragraph by paragraph (a fast stand-in used for many Hypothesis
examples; LibreOffice, in test_libreoffice.py, is the real reader)."""
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
KIND = {"Heading1": "heading", "Article": "article", "ArticleText": "text", "ArticleLevel1": "text",
        "ArticleLevel2": "text", "ArticleLevel3": "text"}
_NEW = {f"{{{W}}}ins", f"{{{W}}}moveTo"}
_OLD = {f"{{{W}}}del", f"{{{W}}}moveFrom"}


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def xml(data: bytes, name: str = "word/document.xml"):
    return etree.fromstring(part(data, name))


def everything(data: bytes) -> str:
    package = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist() if n.endswith(".xml"))


def _style(p) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(f"{{{W}}}val") if style is not None else None


def _mark(p) -> str | None:
    marks = p.find("w:pPr/w:rPr", NS)
    if marks is None:
        return None
    for child in marks:
        if child.tag in _NEW:
            return "new"
        if child.tag in _OLD:
            return "old"
    return None


def view(data: bytes, side: str) -> list[tuple]:
    """(kind, text) of the body's numbered text after accepting (side "new") or
    rejecting ("old") every change."""
    out = []
    for p in xml(data).find("w:body", NS).iter(f"{{{W}}}p"):
        kind = KIND.get(_style(p))
        mark = _mark(p)
        if kind is None or (mark is not None and mark != side):
            continue
        text = []
        for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText"):
            tags = {a.tag for a in t.iterancestors()}
            if (side == "new" and tags & _OLD) or (side == "old" and tags & _NEW):
                continue
            text.append(t.text or "")
        out.append((kind, "".join(text)))
    return out


def state_view(state) -> list[tuple]:
    """The same from a draft state [(key, title, [(key, text)])]."""
    out = []
    for _, title, clauses in state:
        out.append(("heading", title))
        for _, text in clauses:
            lines = [line for line in text.split("\n") if line.strip()]
            out.append(("article", lines[0]))
            out.extend(("text", line) for line in lines[1:])
    return out
