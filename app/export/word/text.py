"""Text into WordprocessingML runs, safely: characters XML 1.0 forbids are dropped,
tabs and line breaks become w:tab and w:br, and user text is only ever w:t content, so
nothing a party types can become a field, a hyperlink or markup."""
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BRACKETS = re.compile(r"\[[^\[\]]*\]")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def xml_safe(text: str) -> str:
    return _FORBIDDEN.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def make_run(text: str, *, bold=False, italic=False, highlight=None, strike=False, underline=False,
             deleted=False, size=None) -> etree._Element:
    """One w:r; `deleted` writes w:delText (inside a w:del)."""
    run = OxmlElement("w:r")
    if bold or italic or highlight or strike or underline or size:
        props = etree.SubElement(run, qn("w:rPr"))
        if bold:
            etree.SubElement(props, qn("w:b"))
        if italic:
            etree.SubElement(props, qn("w:i"))
        if strike:
            etree.SubElement(props, qn("w:strike"))
        if size:
            etree.SubElement(props, qn("w:sz")).set(qn("w:val"), str(size))
        if highlight:
            etree.SubElement(props, qn("w:highlight")).set(qn("w:val"), highlight)
        if underline:
            etree.SubElement(props, qn("w:u")).set(qn("w:val"), "single")
    tag = qn("w:delText") if deleted else qn("w:t")
    for i, line in enumerate(xml_safe(text).split("\n")):
        if i:
            etree.SubElement(run, qn("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, qn("w:tab"))
            if piece:
                t = etree.SubElement(run, tag)
                t.text = piece
                t.set(XML_SPACE, "preserve")
    return run


def bracket_runs(text: str, **style) -> list[etree._Element]:
    """Runs for a clause text with [bracketed] language visibly marked (bold, grey
    highlight), brackets kept so the text reads the same."""
    runs, at = [], 0
    for match in _BRACKETS.finditer(text or ""):
        if match.start() > at:
            runs.append(make_run(text[at:match.start()], **style))
        runs.append(make_run(match.group(0), bold=True, highlight="lightGray", **style))
        at = match.end()
    if at < len(text or ""):
        runs.append(make_run(text[at:], **style))
    return runs
