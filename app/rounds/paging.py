"""How a long round is shown in parts: one section at a time above a threshold, and a
long section in pages (a 1,000-clause section is 1.5 MB of HTML and about 0.15 s of
server time; a page of 250 a quarter of each). `per_page` (up to 1,000) shows more."""
from dataclasses import dataclass

from ..drafting.views import SECTION_PAGING_THRESHOLD  # noqa: F401  (one section at a time above it)

PAGE_SIZE = 250
MAX_PAGE_SIZE = 1000


@dataclass
class Page:
    number: int
    count: int              # pages in the section
    size: int
    first: int              # index of the first clause shown, 0-based
    total: int              # clauses in the section

    @property
    def last(self) -> int:
        return min(self.first + self.size, self.total)


def page_of(total: int, number: int | None, size: int | None) -> Page:
    size = max(1, min(size or PAGE_SIZE, MAX_PAGE_SIZE))
    count = max(1, -(-total // size))
    number = max(1, min(number or 1, count))
    return Page(number, count, size, (number - 1) * size, total)
