"""The redline's content: two rounds merged into one sequence of paragraphs, each marked
with what happened to it, so that keeping what is new gives the newer round and keeping
what is old the older one, paragraph by paragraph. Pure: plain data in and out.

How the rounds are laid over each other:

* Both rounds are read as one flat sequence of section headings and clauses. The
  headings of sections present in both rounds that kept their order (a longest
  increasing subsequence) stay in place; so do the clauses that stayed between the same
  kept headings, in order (again a longest increasing subsequence, per stretch between
  kept headings). These are the backbone, common to both rounds.
* Everything else lies between two backbone items and is written there: what only the
  older round has (removed, or moved away) and what only the newer has (added, or moved
  here). Within one such gap the removed clauses of the section that is ending come
  first, then the added ones, then removed sections, then added sections, so that a
  clause is never shown under a heading it does not belong to.
* A clause or heading in both rounds but not in the backbone moved. If it reads the same
  in both, it is written as a Word move (moved from, at its old place; moved to, at its
  new place); moves of items that follow each other in both rounds form one move range.
  A moved item whose wording (or title) changed is written as deleted at its old place
  and inserted at its new one: LibreOffice pairs the two halves of a move by their text,
  and accepting a move whose halves differ kept the old place and dropped the new one.
  Every paragraph whose mark is tracked holds text of that one kind only (moved,
  inserted or deleted): LibreOffice splits a paragraph that mixes them wrongly.
* Within a clause present in both rounds, paragraphs are aligned: the first paragraphs
  always pair (the first carries the article number, so it never appears or disappears
  while its clause stays), the others pair where they are equal or replace one another
  one for one, and the rest are added or removed paragraphs. Paired paragraphs carry a
  word diff.
* In a language copy, a clause whose text is to be updated (or missing) in a round has
  the clean copy's mark after it (a paragraph of its own, kind MARK): kept where both
  rounds have the same mark, inserted or deleted where one has it, and moved, added or
  removed with its clause.

Every paragraph is written whole on one side or on both: an added or removed paragraph
has its text and its paragraph mark tracked together, so accepting or rejecting it
removes it from the start of its paragraph and the paragraph after it keeps its own
style (a heading never merges into body text). That holds only if the paragraph after
the removed range is not empty (LibreOffice then keeps the removed paragraph's style), so
clause texts' blank lines are not written as paragraphs and the end-of-document line has
a no-break space.
"""
from difflib import SequenceMatcher

from ..rounds.roundcompare import longest_increasing_subsequence
from ..rounds.textdiff import word_diff
from .word.model import (ARTICLE, BOTH, DELETED, HEADING, INSERTED, MARK, MOVED_FROM, MOVED_TO, TEXT, ExportClause,
                         ExportSection, Redline, RedlineParagraph)
from .word.text import BRACKET_STYLE, bracketed, split_by_spans
from .word.writers import stale_note

TITLE_STYLE = "<w:i/><w:iCs/>"          # an article's title, on its numbered line


def _pieces(op: int, text: str, offset: int, spans, extra: str = "") -> list:
    """(op, text, w:rPr content) for `text`, bracketed passages in the Bracketed style."""
    if not text:
        return []
    if not spans:
        return [(op, text, extra)]
    return [(op, piece, (BRACKET_STYLE if inside else "") + extra)
            for piece, inside in split_by_spans(text, offset, spans)]


class _Side:
    """One clause's text on one side: its paragraphs, their offsets, its bracket spans."""
    __slots__ = ("texts", "levels", "offsets", "spans", "extras")

    def __init__(self, clause: ExportClause):
        self.texts = [b.text for b in clause.blocks] or [""]
        self.levels = [b.level for b in clause.blocks] or [0]
        self.extras = [TITLE_STYLE if b.kind == "title" else "" for b in clause.blocks] or [""]
        self.offsets, at = [], 0
        for text in self.texts:
            self.offsets.append(at)
            at += len(text) + 1
        whole = "\n".join(self.texts)
        self.spans = bracketed(whole)


def _kind(index: int) -> str:
    return ARTICLE if index == 0 else TEXT


def align(old: list[str], new: list[str], old_levels=None, new_levels=None) -> list[tuple]:
    """(old index | None, new index | None) for a clause's paragraphs, in order; the
    first paragraphs always pair. Paragraphs of different levels never pair."""
    old_levels = old_levels or [0] * len(old)
    new_levels = new_levels or [0] * len(new)
    pairs = [(0, 0)]
    if len(old) == 1 and len(new) == 1:
        return pairs
    matcher = SequenceMatcher(None, old[1:], new[1:], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((i + 1, j + 1) for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        olds, news = list(range(i1 + 1, i2 + 1)), list(range(j1 + 1, j2 + 1))
        while olds and news and old_levels[olds[0]] == new_levels[news[0]]:
            pairs.append((olds.pop(0), news.pop(0)))
        pairs.extend((i, None) for i in olds)
        pairs.extend((None, j) for j in news)
    return pairs


def _changed_pieces(old: _Side, i: int, new: _Side, j: int, diff) -> list:
    """A paired paragraph's pieces: kept, added (new side) and removed (old side) words."""
    a, b = old.texts[i], new.texts[j]
    if a == b:
        return _pieces(0, b, new.offsets[j], new.spans, new.extras[j])
    pieces, at_old, at_new = [], old.offsets[i], new.offsets[j]
    for op, text in diff(a, b):
        if op == 0:
            pieces += _pieces(0, text, at_new, new.spans, new.extras[j])
            at_old += len(text)
            at_new += len(text)
        elif op == 1:
            pieces += _pieces(1, text, at_new, new.spans, new.extras[j])
            at_new += len(text)
        else:
            pieces += _pieces(-1, text, at_old, old.spans, old.extras[i])
            at_old += len(text)
    return pieces


def _stale(clause: ExportClause) -> tuple[bool, bool]:
    return clause.missing, clause.to_be_updated and not clause.missing


def _marks(old: ExportClause | None, new: ExportClause | None) -> list[RedlineParagraph]:
    """A language's "to be updated" mark after a clause (as the clean copy has it): kept
    where both rounds have the same, inserted where only the newer round's text is stale,
    deleted where only the older's was; so accepting all shows the newer round's marks and
    rejecting all the older's."""
    before = stale_note(old) if old is not None and any(_stale(old)) else None
    after = stale_note(new) if new is not None and any(_stale(new)) else None
    if before == after:
        return [] if after is None else [RedlineParagraph(MARK, BOTH, [(0, after, "")])]
    return (([RedlineParagraph(MARK, DELETED, [(-1, before, "")])] if before else [])
            + ([RedlineParagraph(MARK, INSERTED, [(1, after, "")])] if after else []))


def _unchanged(clause: ExportClause) -> list[RedlineParagraph]:
    return _unchanged_text(clause) + (_marks(clause, clause) if any(_stale(clause)) else [])


def _unchanged_text(clause: ExportClause) -> list[RedlineParagraph]:
    blocks = clause.blocks
    if len(blocks) == 1 and "[" not in blocks[0].text and blocks[0].kind == "text":     # most of a treaty
        return [RedlineParagraph(ARTICLE, BOTH, [(0, blocks[0].text, "")] if blocks[0].text else [],
                                 blocks[0].level)]
    n = _Side(clause)
    return [RedlineParagraph(_kind(j), BOTH, _pieces(0, t, n.offsets[j], n.spans, n.extras[j]), n.levels[j])
            for j, t in enumerate(n.texts)]


def _clause_both(old: ExportClause, new: ExportClause, diff) -> list[RedlineParagraph]:
    if old is new:                                      # the usual clause: the same version
        return _unchanged(new)
    if old.blocks == new.blocks:
        return _unchanged_text(new) + _marks(old, new)
    return _clause_text_both(old, new, diff) + _marks(old, new)


def _clause_text_both(old: ExportClause, new: ExportClause, diff) -> list[RedlineParagraph]:
    o, n = _Side(old), _Side(new)
    out = []
    for i, j in align(o.texts, n.texts, o.levels, n.levels):
        if i is not None and j is not None:
            out.append(RedlineParagraph(_kind(j), BOTH, _changed_pieces(o, i, n, j, diff), n.levels[j]))
        elif j is None:
            out.append(RedlineParagraph(_kind(i), DELETED, _pieces(-1, o.texts[i], o.offsets[i], o.spans,
                                                                  o.extras[i]), o.levels[i]))
        else:
            out.append(RedlineParagraph(_kind(j), INSERTED, _pieces(1, n.texts[j], n.offsets[j], n.spans,
                                                                  n.extras[j]), n.levels[j]))
    return out


def _clause_one_side(clause: ExportClause, op: int, mark: str) -> list[RedlineParagraph]:
    """A clause only one round has here (added, removed, or one half of a move), its mark
    (if its text is to be updated) going with it."""
    side = _Side(clause)
    out = [RedlineParagraph(_kind(i), mark, _pieces(op, t, side.offsets[i], side.spans, side.extras[i]),
                            side.levels[i]) for i, t in enumerate(side.texts)]
    note = stale_note(clause) if any(_stale(clause)) else None
    if note is not None:
        out.append(RedlineParagraph(MARK, mark, [(op, note, "")]))
    return out


def _title_pieces(op: int, title: str) -> list:
    return _pieces(op, title, 0, bracketed(title))


def _heading_both(old: ExportSection, new: ExportSection, diff) -> RedlineParagraph:
    if old.title == new.title:
        return RedlineParagraph(HEADING, BOTH, _title_pieces(0, new.title))
    o, n = _Side(ExportClause.from_text(0, None, old.title)), _Side(ExportClause.from_text(0, None, new.title))
    return RedlineParagraph(HEADING, BOTH, _changed_pieces(o, 0, n, 0, diff))


def _flat(sections: list[ExportSection]) -> list[tuple]:
    items = []
    for section in sections:
        items.append(("s", section.key, section))
        items.extend(("c", clause.key, clause) for clause in section.clauses)
    return items


def _backbone(old_items, new_items, old_at, new_at) -> set:
    """Keys kept in place: headings first (they decide the sections), then clauses between
    the same kept headings on both sides."""
    common_sections = [(kind, key) for kind, key, _ in new_items if kind == "s" and (kind, key) in old_at]
    kept_order = longest_increasing_subsequence([old_at[k] for k in common_sections])
    kept = {common_sections[i] for i in kept_order}

    def segments(items):
        seg, out = 0, {}
        for kind, key, _ in items:
            if kind == "s" and (kind, key) in kept:
                seg += 1
            elif kind == "c":
                out[key] = seg
        return out

    old_seg, new_seg = segments(old_items), segments(new_items)
    groups: dict[int, list] = {}
    for kind, key, _ in new_items:
        if kind == "c" and key in old_seg and old_seg[key] == new_seg[key]:
            groups.setdefault(new_seg[key], []).append(("c", key))
    for keys in groups.values():
        chosen = longest_increasing_subsequence([old_at[k] for k in keys])
        kept.update(keys[i] for i in chosen)
    return kept


def _gaps(items, kept) -> list[list]:
    """The items between backbone items: gaps[g] lies before the g-th backbone item (the
    last one after the last backbone item)."""
    gaps = [[]]
    for item in items:
        if (item[0], item[1]) in kept:
            gaps.append([])
        else:
            gaps[-1].append(item)
    return gaps


def _split_at_heading(items):
    for i, item in enumerate(items):
        if item[0] == "s":
            return items[:i], items[i:]
    return items, []


def merge(old: list[ExportSection], new: list[ExportSection], *, diff=word_diff) -> Redline:
    """The redline of `old` -> `new`. Keys (section and clause ids) say what is the same
    section or clause in both; numbers and titles are not used to match."""
    old_items, new_items = _flat(old), _flat(new)
    old_at = {(kind, key): i for i, (kind, key, _) in enumerate(old_items)}
    new_at = {(kind, key): i for i, (kind, key, _) in enumerate(new_items)}
    if len(old_at) != len(old_items) or len(new_at) != len(new_items):
        raise ValueError("a section or clause appears twice in one round")
    kept = _backbone(old_items, new_items, old_at, new_at)
    old_gaps, new_gaps = _gaps(old_items, kept), _gaps(new_items, kept)
    backbone = [(kind, key, obj) for kind, key, obj in new_items if (kind, key) in kept]
    old_of = {(kind, key): obj for kind, key, obj in old_items}
    new_of = {(kind, key): obj for kind, key, obj in new_items}

    # Move ranges: consecutive moved items that are consecutive in the newer round too.
    move_of: dict = {}
    group_start: set = set()
    group_end: set = set()
    groups = 0
    for gap in old_gaps:
        previous = None
        for kind, key, obj in gap:
            if (kind, key) not in new_at or not _same(kind, obj, new_of[(kind, key)]):
                previous = None           # removed, or moved and reworded: deleted and inserted
                continue
            if previous is not None and new_at[(kind, key)] == new_at[previous] + 1:
                move_of[(kind, key)] = move_of[previous]
                group_end.discard(previous)
            else:
                groups += 1
                move_of[(kind, key)] = groups
                group_start.add((kind, key))
            group_end.add((kind, key))
            previous = (kind, key)
    first_new: dict = {}
    last_new: dict = {}
    for item, group in move_of.items():
        if group not in first_new or new_at[item] < new_at[first_new[group]]:
            first_new[group] = item
        if group not in last_new or new_at[item] > new_at[last_new[group]]:
            last_new[group] = item
    new_starts, new_ends = set(first_new.values()), set(last_new.values())

    paragraphs: list[RedlineParagraph] = []
    stats = dict.fromkeys(("sections_added", "sections_removed", "sections_renamed", "sections_moved",
                           "clauses_moved"), 0)

    def emit_old(kind, key, obj):
        moved = (kind, key) in move_of
        elsewhere = (kind, key) in new_at             # moved, perhaps reworded too
        if kind == "s":
            stats["sections_moved" if elsewhere else "sections_removed"] += 1
            block = [RedlineParagraph(HEADING, MOVED_FROM if moved else DELETED, _title_pieces(-1, obj.title))]
        else:
            stats["clauses_moved"] += elsewhere
            block = _clause_one_side(obj, -1, MOVED_FROM if moved else DELETED)
        if moved:
            _mark_move(block, move_of[(kind, key)], (kind, key) in group_start, (kind, key) in group_end)
        paragraphs.extend(block)

    def emit_new(kind, key, obj):
        before = old_of.get((kind, key))
        if before is None:
            if kind == "s":
                stats["sections_added"] += 1
                paragraphs.append(RedlineParagraph(HEADING, INSERTED, _title_pieces(1, obj.title)))
            else:
                paragraphs.extend(_clause_one_side(obj, 1, INSERTED))
            return
        if kind == "s":
            stats["sections_renamed"] += before.title != obj.title
        if (kind, key) not in move_of:               # moved and reworded
            paragraphs.extend([RedlineParagraph(HEADING, INSERTED, _title_pieces(1, obj.title))] if kind == "s"
                              else _clause_one_side(obj, 1, INSERTED))
            return
        block = ([RedlineParagraph(HEADING, MOVED_TO, _title_pieces(0, obj.title))] if kind == "s"
                 else _clause_one_side(obj, 0, MOVED_TO))
        _mark_move(block, move_of[(kind, key)], (kind, key) in new_starts, (kind, key) in new_ends)
        paragraphs.extend(block)

    for g, item in enumerate(backbone + [None]):
        old_head, old_tail = _split_at_heading(old_gaps[g])
        new_head, new_tail = _split_at_heading(new_gaps[g])
        for part, emit in ((old_head, emit_old), (new_head, emit_new), (old_tail, emit_old), (new_tail, emit_new)):
            for kind, key, obj in part:
                emit(kind, key, obj)
        if item is None:
            break
        kind, key, obj = item
        before = old_of[(kind, key)]
        if kind == "s":
            stats["sections_renamed"] += before.title != obj.title
            paragraphs.append(_heading_both(before, obj, diff))
        else:
            paragraphs.extend(_clause_both(before, obj, diff))
    return Redline(_no_insertion_before_inserted(paragraphs), stats)


def _no_insertion_before_inserted(paragraphs: list[RedlineParagraph]) -> list[RedlineParagraph]:
    """A kept paragraph whose text ends with an insertion, followed by an inserted
    paragraph, is written as its old wording deleted and its new wording inserted:
    LibreOffice joins the two insertions across the kept paragraph's mark and, rejecting
    them, merges the kept paragraph with the one after the insertion. (Followed by a
    paragraph moved here, it does not, and the rewriting would then break it.)"""
    out = []
    for i, p in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if (p.mark == BOTH and p.pieces and p.pieces[-1][0] == 1 and following is not None
                and following.mark == INSERTED):
            out.append(RedlineParagraph(p.kind, DELETED, [(-1, t, r) for op, t, r in p.pieces if op <= 0], p.level))
            out.append(RedlineParagraph(p.kind, INSERTED, [(1, t, r) for op, t, r in p.pieces if op >= 0], p.level))
        else:
            out.append(p)
    return out


def _same(kind: str, old, new) -> bool:
    """Whether a moved item reads the same in both rounds (only then is it a Word move)."""
    return old.title == new.title if kind == "s" else (
        old is new or (old.blocks == new.blocks and _stale(old) == _stale(new)))


def _mark_move(block: list[RedlineParagraph], move: int, starts: bool, ends: bool) -> None:
    for p in block:
        if p.mark in (MOVED_FROM, MOVED_TO):
            p.move = move
    movers = [p for p in block if p.move is not None]
    if movers:
        movers[0].move_starts = starts
        movers[-1].move_ends = ends
