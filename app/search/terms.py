"""What a search query means, and where its words are in a text. Pure: no Flask, no DB.

A query is words, all of which must occur (AND). `"two words"` in double quotes is a
phrase; `amnest*` (three letters or more before the star) matches words that start so.
Nothing else is syntax: parentheses, NEAR, AND/OR/NOT, colons, carets, minus signs are
punctuation or plain words. The query handed to the database is built here from the
words alone, each quoted, so no user text ever reaches FTS5's or PostgreSQL's query
syntax. A word is a run of letters and digits (what both tokenizers index); case is
folded, accents are not.
"""
import re
from dataclasses import dataclass

from flask_babel import gettext

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MIN_PREFIX = 3

WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'["“”„«»]([^"“”„«»]*)["“”„«»]?|([^\W_]+)(\*?)')


class QueryProblem(ValueError):
    """Why a query cannot be searched for, in words for the user."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]      # one word, or a phrase
    prefix: bool = False        # the (single) word is a prefix

    def fts5(self) -> str:
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        return " <-> ".join(f"'{w}'" for w in self.words) + (":*" if self.prefix else "")

    def matches(self, word: str) -> bool:
        return word.startswith(self.words[0]) if self.prefix else word in self.words

    def label(self) -> str:
        text = " ".join(self.words)
        return f'"{text}"' if len(self.words) > 1 else text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    def fts5(self) -> str:
        return " AND ".join(t.fts5() for t in self.terms)

    def tsquery(self) -> str:
        return " & ".join(t.tsquery() for t in self.terms)


def parse(raw) -> Query:
    """The query, or QueryProblem (empty, too long, nothing to search for)."""
    text = (raw or "").strip() if isinstance(raw, str) else ""
    if not text:
        raise QueryProblem(gettext("Type a word to search for."))
    if len(text) > MAX_QUERY_CHARS:
        raise QueryProblem(gettext("A search is at most %(limit)s characters.", limit=MAX_QUERY_CHARS))
    terms: list[Term] = []
    for match in _TOKEN.finditer(text):
        phrase, word, star = match.groups()
        if phrase is not None:
            words = tuple(w.lower() for w in WORD.findall(phrase))
            if words:
                terms.append(Term(words))
        else:
            word = word.lower()
            terms.append(Term((word,), prefix=bool(star) and len(word) >= MIN_PREFIX))
    terms = list(dict.fromkeys(terms))
    if not terms:
        raise QueryProblem(gettext("Type a word to search for: letters or digits, not only punctuation."))
    if len(terms) > MAX_TERMS:
        raise QueryProblem(gettext("A search has at most %(limit)s words or phrases.", limit=MAX_TERMS))
    return Query(text, tuple(terms))


def hits(query: Query, text: str) -> list[tuple[int, int]]:
    """Where the query's words are in `text`: (start, end) of each matching word."""
    return [(m.start(), m.end()) for m in WORD.finditer(text)
            if any(t.matches(m.group().lower()) for t in query.terms)]


SNIPPET_CHARS = 240


def snippet(query: Query, text: str, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A passage of `text` around its first hit (the whole text when short), and the hits
    in it as offsets into the passage. "…" marks text left out."""
    found = hits(query, text)
    if len(text) <= width:
        return text, found
    first = found[0][0] if found else 0
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 40 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    lead = "…" if start else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    inside = [(s + shift, e + shift) for s, e in found if s >= start and e <= end]
    return lead + text[start:end] + tail, inside


def segments(passage: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The passage as (text, is_hit) pieces, for a template to escape and mark."""
    out, at = [], 0
    for s, e in marks:
        if s > at:
            out.append((passage[at:s], False))
        out.append((passage[s:e], True))
        at = e
    if at < len(passage):
        out.append((passage[at:], False))
    return out
