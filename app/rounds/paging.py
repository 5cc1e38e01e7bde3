"""How a long round is shown in parts: one section at a time above a threshold, and a
long section in pages of 100 clauses (about 10,000 words: a page a reader can take in
and a browser renders at once; the sizes and times are in docs/performance.md,
"Measurements behind the code"). `per_page` (up to 1,000) shows more at once."""
from dataclasses import dataclass

from ..drafting.queries import SECTION_PAGING_THRESHOLD

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass
class Page:
    number: int
    count: int              # pages in the section
    size: int
    first: int              # index of the first clause shown, 0-based
    total: int              # clauses in the section
    custom_size: int | None = None      # the size asked for, when not the default

    @property
    def last(self) -> int:
        return min(self.first + self.size, self.total)


def page_of(total: int, number: int | None, size: int | None) -> Page:
    size = max(1, min(size or PAGE_SIZE, MAX_PAGE_SIZE))
    count = max(1, -(-total // size))
    number = max(1, min(number or 1, count))
    return Page(number, count, size, (number - 1) * size, total, size if size != PAGE_SIZE else None)


def in_sections(clauses: int) -> bool:
    """A round this long is shown one section at a time."""
    return clauses > SECTION_PAGING_THRESHOLD


def page_holding(index: int) -> int | None:
    """The page (at the default size) of the clause at this 0-based index of its
    section; None for the first page, which links leave out."""
    number = index // PAGE_SIZE + 1
    return number if number > 1 else None
