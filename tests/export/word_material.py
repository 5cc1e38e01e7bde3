"""Word files built the way Word builds them, for the reader's tests.

The package starts from python-docx's template (made by Word: its styles.xml names the
built-in styles "heading 1", "Title", "List Number" as Word does) and gets the parts
a drafter's file has: a body written as Word writes it (runs, tabs after typed numbers,
tracked changes with authors and dates, comment ranges, content controls, a text box
with its VML fallback, fields), numbering.xml with multilevel lists (`w:abstractNum`
with `w:nsid`, `w:multiLevelType`, levels linked to heading styles, a `w:num` with a
`w:lvlOverride`/`w:startOverride` where the drafter chose "Restart at 1"), footnotes.xml
with Word's separator notes, and comments.xml.
"""
import io
import re
import zipfile
from xml.sax.saxutils import escape

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"')
WHEN = "2026-11-28T09:15:00Z"


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text: str, *, b=False, i=False, caps=False) -> str:
    props = ("<w:b/><w:bCs/>" if b else "") + ("<w:i/><w:iCs/>" if i else "") + ("<w:caps/>" if caps else "")
    rpr = f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>{props}</w:rPr>'
    body = "".join(("<w:tab/>" if k else "") + (t(piece) if piece else "") for k, piece in enumerate(text.split("\t")))
    return f"<w:r>{rpr}{body}</w:r>"


def p(content: str = "", *, style=None, num=None, ilvl=0, jc=None, para_id=None, mark="") -> str:
    """A paragraph: `content` is runs (or text, made one run); `num` a numId."""
    if content and not content.lstrip().startswith("<"):
        content = r(content)
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    if mark:
        ppr += f"<w:rPr>{mark}</w:rPr>"
    attrs = f' w14:paraId="{para_id}" w14:textId="77777777"' if para_id else ""
    return f'<w:p{attrs}><w:pPr>{ppr}</w:pPr>{content}</w:p>' if ppr else f"<w:p{attrs}>{content}</w:p>"


def ins(runs: str, rid: int, author="Amira Haddad") -> str:
    return f'<w:ins w:id="{rid}" w:author="{author}" w:date="{WHEN}">{runs}</w:ins>'


def dele(text: str, rid: int, author="Amira Haddad") -> str:
    return (f'<w:del w:id="{rid}" w:author="{author}" w:date="{WHEN}"><w:r><w:delText xml:space="preserve">'
            f"{escape(text)}</w:delText></w:r></w:del>")


def table(rows, *, header_rows=0, merged_first_row=False) -> str:
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
    out += ['<w:gridCol w:w="3000"/>'] * max(len(row) for row in rows)
    out.append("</w:tblGrid>")
    for n, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if n < header_rows else ""
        out.append(f"<w:tr>{trpr}")
        for k, cell in enumerate(row):
            tcpr = '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' if merged_first_row and n == 0 and k == 0 else ""
            out.append(f"<w:tc>{tcpr}{p(r(cell) if cell else '')}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def footnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def comment_around(runs: str, cid: int) -> str:
    return (f'<w:commentRangeStart w:id="{cid}"/>{runs}<w:commentRangeEnd w:id="{cid}"/>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>')


def level(ilvl, fmt, text, *, start=1, style=None, restart=None, legal=False) -> str:
    extra = (f'<w:pStyle w:val="{style}"/>' if style else "") + \
            (f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else "") + ("<w:isLgl/>" if legal else "")
    return (f'<w:lvl w:ilvl="{ilvl}" w:tplc="0409000F"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{extra}<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>')


def abstract(aid, levels, nsid="1A2B3C4D") -> str:
    return (f'<w:abstractNum w:abstractNumId="{aid}" w15:restartNumberingAfterBreak="0">'
            f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0409001D"/>'
            + "".join(levels) + "</w:abstractNum>")


def num(num_id, aid, restart_levels=()) -> str:
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="1"/></w:lvlOverride>'
                        for lvl in restart_levels)
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def numbering(*parts) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>{"".join(parts)}</w:numbering>'


def footnotes(notes: dict) -> str:
    """Word's footnotes part: the two separator notes, then the footnotes."""
    body = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    for note_id, text in notes.items():
        body += (f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                 f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                 f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>{body}</w:footnotes>'


def comments(items: dict) -> str:
    body = ""
    for cid, (author, text) in items.items():
        initials = "".join(part[0] for part in author.split())
        body += (f'<w:comment w:id="{cid}" w:author="{escape(author)}" w:date="{WHEN}" w:initials="{initials}">'
                 f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
                 f'</w:rPr><w:annotationRef/></w:r>{r(text)}</w:p></w:comment>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>{body}</w:comments>'


_LINKED_HEADINGS = {"Heading1": 0, "Heading2": 1, "Heading3": 2}


def package(body: str, *, numbering_xml=None, footnotes_xml=None, comments_xml=None,
            link_headings_to=None) -> bytes:
    """A .docx with this body (w:p and w:tbl elements) and these parts. With
    `link_headings_to=numId`, Heading 1-3 carry that list's levels 0-2 (Word's "Link
    level to style"), as their style's w:numPr."""
    template = io.BytesIO()
    docx.Document().save(template)
    source = zipfile.ZipFile(template)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" '
                'w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>')
    parts = {"word/document.xml": document.encode()}
    rels = source.read("word/_rels/document.xml.rels").decode()
    types = source.read("[Content_Types].xml").decode()
    styles = source.read("word/styles.xml").decode()
    if link_headings_to is not None:
        for style_id, ilvl in _LINKED_HEADINGS.items():
            styles = re.sub(rf'(<w:style w:type="paragraph" w:styleId="{style_id}">.*?<w:pPr>)',
                            rf'\1<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{link_headings_to}"/></w:numPr>',
                            styles, count=1, flags=re.DOTALL)
    parts["word/styles.xml"] = styles.encode()
    if numbering_xml is not None:
        parts["word/numbering.xml"] = numbering_xml.encode()
    for name, xml, kind, content_type in (
            ("footnotes", footnotes_xml, "footnotes", "footnotes"),
            ("comments", comments_xml, "comments", "comments")):
        if xml is None:
            continue
        parts[f"word/{name}.xml"] = xml.encode()
        rels = rels.replace("</Relationships>",
                            f'<Relationship Id="rId9{name}" Type="http://schemas.openxmlformats.org/officeDocument/'
                            f'2006/relationships/{kind}" Target="{name}.xml"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/{name}.xml" ContentType="application/'
                                          f'vnd.openxmlformats-officedocument.wordprocessingml.{content_type}+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, parts.pop(item.filename, None) or source.read(item.filename))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


_STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
}


def as_strict(data: bytes) -> bytes:
    """The package as Word saves "Strict Open XML Document": the same parts in the ISO
    Strict namespaces, relationship types included."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                for old, new in _STRICT.items():
                    content = content.replace(old, new)
            target.writestr(item.filename, content)
    return out.getvalue()


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
