"""Text into WordprocessingML runs, safely: characters XML 1.0 forbids are dropped,
markup characters are escaped, tabs and line breaks become w:tab and w:br, and user
text is only ever w:t content, so nothing a party types can become a field, a
hyperlink or markup.

Runs are written as XML text (`run_xml`): a treaty's export has tens of thousands of
paragraphs, and building each run as lxml elements was most of an export's time.
`element` turns such a fragment into python-docx elements where an API needs them
(Word comments, table cells, the title page).
"""
import re

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from lxml import etree

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BRACKETS = re.compile(r"\[[^\[\]]*\]")
_WRAPPER = f"<w:fragment {nsdecls('w')}>%s</w:fragment>"


def xml_safe(text: str) -> str:
    return _FORBIDDEN.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def escape(text: str) -> str:
    """Text (or an attribute value in double quotes) as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _properties(bold, italic, strike, size, highlight, underline) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + ("<w:strike/>" if strike else "")
    if size:
        props += f'<w:sz w:val="{int(size)}"/>'
    if highlight:
        props += f'<w:highlight w:val="{escape(highlight)}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def run_xml(text: str, *, bold=False, italic=False, highlight=None, strike=False, underline=False,
            deleted=False, size=None) -> str:
    """One w:r; `deleted` writes w:delText (for inside a w:del)."""
    tag = "w:delText" if deleted else "w:t"
    safe = escape(xml_safe(text))
    if "\n" not in safe and "\t" not in safe:        # the usual clause: one w:t
        body = f'<{tag} xml:space="preserve">{safe}</{tag}>' if safe else ""
    else:
        pieces = []
        for i, line in enumerate(safe.split("\n")):
            if i:
                pieces.append("<w:br/>")
            for j, piece in enumerate(line.split("\t")):
                if j:
                    pieces.append("<w:tab/>")
                if piece:
                    pieces.append(f'<{tag} xml:space="preserve">{piece}</{tag}>')
        body = "".join(pieces)
    return f"<w:r>{_properties(bold, italic, strike, size, highlight, underline)}{body}</w:r>"


def bracket_runs(text: str, **style) -> str:
    """Runs for a clause text with [bracketed] language visibly marked (bold, grey
    highlight), brackets kept so the text reads the same."""
    text = text or ""
    if "[" not in text:
        return run_xml(text, **style) if text else ""
    runs, at = [], 0
    for match in _BRACKETS.finditer(text):
        if match.start() > at:
            runs.append(run_xml(text[at:match.start()], **style))
        runs.append(run_xml(match.group(0), bold=True, highlight="lightGray", **style))
        at = match.end()
    if at < len(text):
        runs.append(run_xml(text[at:], **style))
    return "".join(runs)


def elements(xml: str) -> list[etree._Element]:
    """python-docx elements (w:p, w:r ...) for a fragment written by this module."""
    return list(parse_xml(_WRAPPER % xml))


def make_run(text: str, **style) -> etree._Element:
    """One w:r as an element, for python-docx objects (headers, cells)."""
    return elements(run_xml(text, **style))[0]
