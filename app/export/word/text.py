"""Text into WordprocessingML runs, safely: characters XML 1.0 forbids are dropped,
markup characters are escaped, tabs and line breaks become w:tab and w:br, and user
text is only ever w:t content, so nothing a party types can become a field, a
hyperlink or markup.

Runs are written as XML text: a treaty's export has tens of thousands of paragraphs,
and building each run as lxml elements was most of an export's time.

Square brackets (contested language) are marked with the "Bracketed" character style.
Which characters are inside a bracket is worked out on the whole text of one side of a
clause (`bracketed`), so a bracket stays marked when a change, a paragraph break or a
nested bracket falls inside it.
"""
import re

from ...drafting.brackets import bracket_spans

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
BRACKET_STYLE = '<w:rStyle w:val="Bracketed"/>'


def xml_safe(text: str) -> str:
    return _FORBIDDEN.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def escape(text: str) -> str:
    """Text (or an attribute value in double quotes) as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def properties(*, bold=False, italic=False, strike=False, size=None, underline=False, style=None) -> str:
    """A w:rPr for a run (empty when plain)."""
    # (in the order the schema gives w:rPr's children)
    props = (f'<w:rStyle w:val="{escape(style)}"/>' if style else "") + ("<w:b/>" if bold else "") + \
        ("<w:i/>" if italic else "") + ("<w:strike/>" if strike else "") + \
        (f'<w:sz w:val="{int(size)}"/><w:szCs w:val="{int(size)}"/>' if size else "") + \
        ('<w:u w:val="single"/>' if underline else "")
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def run(text: str, rpr: str = "", *, deleted: bool = False) -> str:
    """One w:r with `rpr` (from `properties`); `deleted` writes w:delText (inside a w:del
    or w:moveFrom). Line breaks inside a paragraph's text become w:br, tabs w:tab."""
    tag = "w:delText" if deleted else "w:t"
    safe = escape(xml_safe(text))
    if "\n" not in safe and "\t" not in safe:        # the usual case: one w:t
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
    return f"<w:r>{rpr}{body}</w:r>"


def run_xml(text: str, *, bold=False, italic=False, strike=False, underline=False, deleted=False,
            size=None, style=None) -> str:
    return run(text, properties(bold=bold, italic=italic, strike=strike, underline=underline, size=size,
                                style=style), deleted=deleted)


def bracketed(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` inside outermost brackets (nested ones within)."""
    return bracket_spans(text) if "[" in text else []


def split_by_spans(text: str, offset: int, spans: list[tuple[int, int]]):
    """(piece, inside) for `text`, which starts at `offset` of the text `spans` belong to."""
    if not spans or not text:
        yield text, False
        return
    at, end = 0, len(text)
    for start, stop in spans:
        start, stop = start - offset, stop - offset
        if stop <= at:
            continue
        if start >= end:
            break
        if start > at:
            yield text[at:start], False
        yield text[max(start, at):min(stop, end)], True
        at = min(stop, end)
        if at >= end:
            break
    if at < end:
        yield text[at:], False


def bracket_runs(text: str, rpr_style: str = "", *, offset: int = 0, spans=None, deleted: bool = False) -> str:
    """Runs for `text` with bracketed passages in the Bracketed style. `spans` (from
    `bracketed` of the whole text this piece belongs to) and `offset` place the piece;
    without them the piece is its own whole text. `rpr_style` is extra w:rPr content."""
    if not text:
        return ""
    if spans is None:
        spans = bracketed(text)
    if not spans:
        return run(text, f"<w:rPr>{rpr_style}</w:rPr>" if rpr_style else "", deleted=deleted)
    out = []
    for piece, inside in split_by_spans(text, offset, spans):
        props = (BRACKET_STYLE if inside else "") + rpr_style
        out.append(run(piece, f"<w:rPr>{props}</w:rPr>" if props else "", deleted=deleted))
    return "".join(out)
