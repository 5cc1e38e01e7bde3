"""Word revision marks (w:ins, w:del) with unique ids, one author and one date,
written as XML text around runs from `text.run_xml`."""
from datetime import datetime, timezone

from .text import escape, xml_safe


class Revisions:
    def __init__(self, author: str, when: datetime | None):
        when = when or datetime.now(timezone.utc)
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc).replace(tzinfo=None)
        date = when.replace(microsecond=0).isoformat() + "Z"
        self._attributes = f'w:author="{escape(xml_safe(author))}" w:date="{date}"'
        self._next = 0

    def _open(self, tag: str, end: str = ">") -> str:
        self._next += 1
        return f'<w:{tag} w:id="{self._next}" {self._attributes}{end}'

    def ins(self, runs: str) -> str:
        return f"{self._open('ins')}{runs}</w:ins>"

    def delete(self, runs: str) -> str:
        return f"{self._open('del')}{runs}</w:del>"

    def mark(self, kind: str) -> str:
        """For a paragraph mark inserted or deleted with its whole paragraph."""
        return self._open(kind, "/>")
