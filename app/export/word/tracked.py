"""Word revision marks with unique ids, one author and one date: insertions and
deletions (w:ins, w:del), moves (w:moveFrom / w:moveTo between range markers that share
a name), and the same marks on paragraph marks. Ids are numbered in document order, so
the same redline always gets the same ids."""
from datetime import datetime, timezone

from .text import escape, xml_safe


def word_date(when: datetime | None) -> str:
    """w:date: UTC, to the second."""
    when = when or datetime(1980, 1, 1, tzinfo=timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


class Revisions:
    def __init__(self, author: str, when: datetime | None, first_id: int = 1):
        self._attributes = f'w:author="{escape(xml_safe(author))}" w:date="{word_date(when)}"'
        self._next = first_id - 1

    def _id(self) -> int:
        self._next += 1
        return self._next

    def wrap(self, tag: str, runs: str) -> str:
        """`runs` inside a w:ins, w:del, w:moveFrom or w:moveTo."""
        return f'<w:{tag} w:id="{self._id()}" {self._attributes}>{runs}</w:{tag}>' if runs else ""

    def mark(self, tag: str) -> str:
        """The same for a paragraph mark (inside the paragraph's w:rPr)."""
        return f'<w:{tag} w:id="{self._id()}" {self._attributes}/>'

    def range_start(self, tag: str, name: str) -> tuple[str, int]:
        """w:moveFromRangeStart / w:moveToRangeStart; returns it with its id for the end."""
        rid = self._id()
        return f'<w:{tag}RangeStart w:id="{rid}" w:name="{escape(name)}" {self._attributes}/>', rid

    @staticmethod
    def range_end(tag: str, rid: int) -> str:
        return f'<w:{tag}RangeEnd w:id="{rid}"/>'
