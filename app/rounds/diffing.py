"""Diffs between rounds and between versions, loading only what changed.

Which clauses changed is read from the newer round (stored at circulation) or asked
of the database (changed_pins); a diff with every clause's text compares all pins.
Texts are fetched only for the versions shown, then diffed word by word.
"""
import json
from dataclasses import dataclass, field

from sqlalchemy import select

from ..database import chunks, column_rows
from ..drafting.models import ClauseVersion
from .changed_pins import changed_between
from .models import Round, RoundPin
from .roundcompare import ClauseChange, PinnedClause, compare_pins, summarise
from .textdiff import word_diff


@dataclass
class ClauseDiff:
    change: ClauseChange
    number: int | None          # in the newer round (older one for removed clauses)
    ops: list[tuple[int, str]]
    # The article title's word diff ([] when neither wording has a title): a title is
    # wording, so a clause whose title alone changed is "modified" with equal `ops`.
    title_ops: list[tuple[int, str]] = field(default_factory=list)


def _pins(round_: Round) -> list[PinnedClause]:
    rows = column_rows(select(RoundPin.clause_id, RoundPin.version_id, RoundPin.section_id,
                              RoundPin.position).where(RoundPin.round_id == round_.id)
                       .order_by(RoundPin.position))
    return list(map(PinnedClause._make, rows))


def compare_rounds(old: Round, new: Round) -> list[ClauseChange]:
    return compare_pins(_pins(old), _pins(new))


def _count_unchanged(changes: list[ClauseChange]) -> int:
    return sum(1 for c in changes if c.change == "unchanged")


def stored_changes(changes: list[ClauseChange], unchanged: int) -> str:
    """What a round keeps of its comparison with the previous one (see Round.changes)."""
    return json.dumps({"unchanged": unchanged, "changes": [c._asdict() for c in changes]})


def _changes_without_unchanged(old: Round, new: Round) -> tuple[list[ClauseChange], int]:
    """The changed clauses (in diff order) and the number unchanged: read from the newer
    round when the two are consecutive and it stored them, else asked of the database."""
    if new.number == old.number + 1 and new.changes:
        stored = json.loads(new.changes)
        return [ClauseChange(**c) for c in stored["changes"]], stored["unchanged"]
    return changed_between(old.id, new.id)


def texts_of(version_ids) -> dict[int, str]:
    texts: dict[int, str] = {}
    for chunk in chunks(list(set(version_ids))):
        rows = column_rows(select(ClauseVersion.id, ClauseVersion.text).where(ClauseVersion.id.in_(chunk)))
        texts.update((version_id, text) for version_id, text in rows)
    return texts


def round_texts(round_: Round) -> dict[int, str]:
    """Version id -> text of every clause in the round, in one join (a treaty's
    30,000 versions by id would be six queries of 5,000 bound ids each)."""
    return dict(column_rows(select(ClauseVersion.id, ClauseVersion.text)
                            .join(RoundPin, RoundPin.version_id == ClauseVersion.id)
                            .where(RoundPin.round_id == round_.id)))


def titles_of(version_ids) -> dict[int, str]:
    """Version id -> title, for the versions that have one."""
    titles: dict[int, str] = {}
    for chunk in chunks(list(set(version_ids))):
        titles.update(column_rows(select(ClauseVersion.id, ClauseVersion.title)
                                  .where(ClauseVersion.id.in_(chunk), ClauseVersion.title.is_not(None))))
    return titles


def round_titles(round_: Round) -> dict[int, str]:
    """Version id -> title of every titled clause in the round, in one join."""
    return dict(column_rows(select(ClauseVersion.id, ClauseVersion.title)
                            .join(RoundPin, RoundPin.version_id == ClauseVersion.id)
                            .where(RoundPin.round_id == round_.id, ClauseVersion.title.is_not(None))))


def title_ops_of(change: str, old_title: str | None, new_title: str | None) -> list[tuple[int, str]]:
    """The title's part of a clause diff, by the kind of change."""
    if change == "added":
        return [(1, new_title)] if new_title else []
    if change == "removed":
        return [(-1, old_title)] if old_title else []
    if not old_title and not new_title:
        return []
    return word_diff(old_title or "", new_title or "")


def texts_for(changes: list[ClauseChange], new: Round) -> dict[int, str]:
    """The texts of both sides of every change, the newer round's read by the join."""
    texts = round_texts(new)
    texts.update(texts_of({c.old_version_id for c in changes if c.old_version_id is not None} - texts.keys()))
    return texts


def _changed_versions(changes: list[ClauseChange]) -> set[int]:
    """The versions whose texts a changed-only diff shows."""
    needed = set()
    for c in changes:
        if c.change == "removed":
            needed.add(c.old_version_id)
        elif c.change in ("added", "modified"):
            needed.add(c.new_version_id)
            if c.change == "modified":
                needed.add(c.old_version_id)
    return needed


def summary_of(changes: list[ClauseChange]) -> dict:
    needed = _changed_versions(changes)
    return summarise(changes, texts_of(needed))


def round_diff(old: Round, new: Round, *, include_unchanged: bool = True) -> tuple[list[ClauseDiff], dict]:
    """Clause-level changes with word-level ops; unchanged clauses carry [[0, text]]
    (or no ops when include_unchanged is False, to keep large responses small)."""
    if include_unchanged:
        changes = compare_rounds(old, new)
        unchanged = _count_unchanged(changes)
    else:
        changes, unchanged = _changes_without_unchanged(old, new)
    texts = texts_for(changes, new) if include_unchanged else texts_of(_changed_versions(changes))
    if include_unchanged:
        titles = round_titles(new)
        titles.update(titles_of({c.old_version_id for c in changes if c.old_version_id is not None} - titles.keys()))
    else:
        titles = titles_of(_changed_versions(changes))
    diffs = []
    for c in changes:
        if c.change == "modified":
            ops = word_diff(texts[c.old_version_id], texts[c.new_version_id])
        elif c.change == "added":
            ops = [(1, texts[c.new_version_id])]
        elif c.change == "removed":
            ops = [(-1, texts[c.old_version_id])]
        elif include_unchanged:
            ops = [(0, texts[c.new_version_id])]
        else:
            ops = []
        position = c.new_position if c.new_position is not None else c.old_position
        title_ops = [] if (c.change in ("unchanged", "moved") and not include_unchanged) else title_ops_of(
            c.change, titles.get(c.old_version_id), titles.get(c.new_version_id))
        diffs.append(ClauseDiff(c, position + 1 if position is not None else None, ops, title_ops))
    if new.number == old.number + 1 and new.summary:
        summary = json.loads(new.summary)         # computed once, at circulation
        # (the stored summary's "unchanged" says whether the round changed anything)
        summary["unchanged"] = unchanged
        return diffs, summary
    summary = summarise(changes, texts, {d.change.clause_id: d.ops for d in diffs if d.change.change == "modified"})
    summary["unchanged"] = unchanged
    return diffs, summary


def version_diff(old: ClauseVersion, new: ClauseVersion) -> list[tuple[int, str]]:
    return word_diff("" if old.is_tombstone else old.text, "" if new.is_tombstone else new.text)


def version_title_diff(old: ClauseVersion, new: ClauseVersion) -> list[tuple[int, str]]:
    return title_ops_of("modified", None if old.is_tombstone else old.title,
                        None if new.is_tombstone else new.title)
