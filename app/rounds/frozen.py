"""The part of a round's page that never changes once the round is circulated, kept
rendered in memory: the round's pins, versions and numbers are frozen at circulation,
so a page of them reads the same for every reader in a language.

What is kept, per round page (round, section, first clause, page size, interface
language): the page's outline (sections and clause rows, from the pins), the former
numbers of its clauses (app/rounds/renumbering.py) and each clause's rendered label
line, title and text (`rounds/_frozen_clause.html`). Nothing of any reader is in an
entry: access is checked before the cache is asked, and what a reader sees of positions,
submissions, notes and forms is rendered per request by the panels around the kept
text. A new round is a new key; an edit changes the working draft, never a circulated
round. The key also holds the round's circulation time, so that a database rebuilt
under the same app (tests) never meets another round's entry under a reused id.

The cache is per process (each gunicorn worker its own), bounded by the bytes of text
and markup it holds (`ROUND_PAGE_CACHE_BYTES`, from PENHOLDER_ROUND_PAGE_CACHE_MB,
128 by default: a full-scale round's 300 pages in one language; 0 switches it off), least recently used
out first. Measured in docs/performance.md ("Load test", "What a request costs")."""
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup

from ..drafting.queries import SectionRow
from .models import Round
from .queries import SectionSummary, round_outline, section_summaries
from .renumbering import former_numbers

DEFAULT_BYTES = 128 * 2**20       # a full-scale round (300 pages of 100 clauses) in one language

TEMPLATE = "rounds/_frozen_clause.html"     # its macro frozen_clause(clause, formerly, round)


@dataclass(frozen=True)
class FrozenPage:
    outline: tuple[SectionRow, ...]       # the cache's own rows: handed out as copies
    formerly: dict[int, int]              # {clause id: number in the previous round}
    clause_html: dict[int, Markup]        # {clause id: label line, title and text}
    size: int                             # bytes of text and markup, for the bound

    def outline_copy(self) -> list[SectionRow]:
        """Rows the caller may change (a language's text, a focus filter) without
        changing what the next reader gets."""
        return [SectionRow(s.id, s.title, s.number, [_copy(c) for c in s.clauses]) for s in self.outline]


def _copy(row):
    """A shallow copy of a row (a plain dataclass): copy.copy's protocol costs ten times this."""
    new = object.__new__(type(row))
    new.__dict__.update(row.__dict__)
    return new


class RoundPageCache:
    """A bounded least-recently-used map, shared by the threads of one process."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key, entry, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._entries[key] = (entry, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def __len__(self) -> int:
        return len(self._entries)


def page_cache() -> RoundPageCache | None:
    """This app's cache, made on first use; None when switched off."""
    extensions = current_app.extensions
    cache = extensions.get("penholder_round_pages")
    if cache is None:
        limit = current_app.config.get("ROUND_PAGE_CACHE_BYTES", DEFAULT_BYTES)
        if not limit:
            return None
        cache = extensions.setdefault("penholder_round_pages", RoundPageCache(int(limit)))
    return cache


def _round_key(round_: Round) -> tuple:
    return (round_.id, round_.document_id, round_.number, round_.circulated_at.isoformat())


def _cached(key, build):
    cache = page_cache()
    if cache is None:
        return build()[0]
    hit = cache.get(key)
    if hit is not None:
        return hit[0]
    value, size = build()
    cache.put(key, value, size)
    return value


def round_sections(round_: Round) -> list[SectionSummary]:
    """section_summaries(round_), kept: its counts are stored once, at circulation."""
    summaries = _cached(("sections", *_round_key(round_)),
                        lambda: _sized(tuple(section_summaries(round_))))
    return [_copy(s) for s in summaries]


def _sized(summaries: tuple) -> tuple:
    return summaries, sum(len(s.title) + 64 for s in summaries)


def frozen_page(round_: Round, *, section_id: int | None = None, offset: int = 0,
                limit: int | None = None) -> FrozenPage:
    """The frozen part of this page of the round (all of it without a section), rendered
    in the current interface language. With the cache off, the clauses are not rendered
    here (clause_html is empty): the page renders them itself, as it did before the cache."""
    if page_cache() is None:
        return _build(round_, section_id, offset, limit, render=False)[0]
    key = ("page", *_round_key(round_), section_id, offset, limit, str(get_locale() or ""))
    return _cached(key, lambda: _build(round_, section_id, offset, limit))


def _build(round_: Round, section_id, offset, limit, *, render: bool = True) -> tuple[FrozenPage, int]:
    outline = round_outline(round_, section_id=section_id, offset=offset, limit=limit)
    clauses = [c for s in outline for c in s.clauses]
    formerly = former_numbers(round_, [c.clause_id for c in clauses])
    html = {}
    if render:
        macro = current_app.jinja_env.get_template(TEMPLATE).module.frozen_clause
        html = {c.clause_id: Markup(macro(c, formerly, round_)) for c in clauses}
    size = sum(len(c.text) + len(c.title or "") + len(html.get(c.clause_id, "")) + 200 for c in clauses)
    return FrozenPage(tuple(outline), formerly, html, size), size
