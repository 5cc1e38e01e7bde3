"""Word revision marks (w:ins, w:del) with unique ids, one author and one date."""
from datetime import datetime, timezone

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree


class Revisions:
    def __init__(self, author: str, when: datetime | None):
        self.author = author
        when = when or datetime.now(timezone.utc)
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc).replace(tzinfo=None)
        self.date = when.replace(microsecond=0).isoformat() + "Z"
        self._next = 0

    def _element(self, tag: str) -> etree._Element:
        self._next += 1
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:id"), str(self._next))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el

    def ins(self, runs) -> etree._Element:
        el = self._element("ins")
        el.extend(runs)
        return el

    def delete(self, runs) -> etree._Element:
        el = self._element("del")
        el.extend(runs)
        return el

    def mark(self, kind: str) -> etree._Element:
        """For a paragraph mark inserted or deleted with its whole paragraph."""
        return self._element(kind)
