"""The changed clauses between two stored rounds, found by the database.

`roundcompare.compare_pins` reads both rounds' pins (2 x 30,000 rows for a treaty)
to report the few hundred that changed. Here the database joins the pins on the
clause and returns only those that differ, plus the sections whose clauses changed
order, so circulation and a changed-only diff read what changed, not the document.
The result is exactly `compare_pins` without its "unchanged" entries; the rules (what
is moved, where a removed clause is placed) are the ones written there, and the tests
compare the two on random pins.
"""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from ..database import chunks, column_rows
from ..extensions import db
from .models import RoundPin
from .roundcompare import (ADDED, MODIFIED, MOVED, REMOVED, ClauseChange, change_of,
                           longest_increasing_subsequence)

def changed_between(old_round_id: int, new_round_id: int) -> tuple[list[ClauseChange], int]:
    """(changes in diff order, number of unchanged clauses)."""
    old, new = aliased(RoundPin), aliased(RoundPin)
    same_clause = and_(old.round_id == old_round_id, old.clause_id == new.clause_id)
    reordered = _reordered(old, new, same_clause, new_round_id)
    differing = column_rows(
        select(new.clause_id, new.version_id, new.section_id, new.position,
               old.version_id, old.section_id, old.position)
        .select_from(new).outerjoin(old, same_clause)
        .where(new.round_id == new_round_id,
               or_(old.clause_id.is_(None), old.version_id != new.version_id,
                   old.section_id != new.section_id)))
    changes: list[tuple[tuple, ClauseChange]] = []
    for clause_id, version, section, position, old_version, old_section, old_position in differing:
        if old_version is None:
            change = change_of(clause_id, ADDED, None, version, None, position, new_section_id=section)
        else:
            moved = old_section != section or clause_id in reordered
            change = change_of(clause_id, MODIFIED if old_version != version else MOVED, old_version, version,
                               old_position, position, moved, old_section, section)
        changes.append(((position, 0, 0), change))
    listed = {change.clause_id for _, change in changes}
    for clause_id, (version, section, old_position, position) in reordered.items():
        if clause_id not in listed:         # modified ones are listed already
            changes.append(((position, 0, 0), change_of(clause_id, MOVED, version, version, old_position,
                                                        position, True, section, section)))
    removed = _removed(old, new, old_round_id, new_round_id)
    # A removed clause follows its nearest old predecessor that is still there and did
    # not move (compare_pins' rule); only removed and moved clauses are skipped.
    skipped = {position for *_, position in removed} | {c.old_position for _, c in changes if c.moved}
    anchors = {position: _anchor(position, skipped) for *_, position in removed}
    now_at = _new_positions(old, new, old_round_id, new_round_id, set(anchors.values()) - {None})
    for clause_id, version, section, position in removed:
        anchor = anchors[position]
        change = change_of(clause_id, REMOVED, version, None, position, None, old_section_id=section)
        changes.append((((-1 if anchor is None else now_at[anchor]), 1, position), change))
    changes.sort(key=lambda keyed: keyed[0])
    present = db.session.scalar(select(func.count()).select_from(RoundPin)
                                .where(RoundPin.round_id == new_round_id))
    shown = sum(1 for _, c in changes if c.change != REMOVED)
    return [change for _, change in changes], present - shown


def _reordered(old, new, same_clause, new_round_id) -> dict[int, tuple]:
    """Clauses that stayed in their section but left its order: clause id ->
    (old version, section, old position, new position).

    A section's staying clauses kept their order exactly when their old positions
    rise along the new order, so the database only names the sections where one does
    not; those sections alone are read and resolved with the longest increasing
    subsequence, as compare_pins does."""
    stayed = and_(same_clause, old.section_id == new.section_id)
    ordered = (select(new.section_id, old.position.label("was"),
                      func.lag(old.position).over(partition_by=new.section_id,
                                                  order_by=new.position).label("before"))
               .join(old, stayed).where(new.round_id == new_round_id).subquery())
    sections = list(db.session.scalars(select(ordered.c.section_id)
                                       .where(ordered.c.before > ordered.c.was).distinct()))
    if not sections:
        return {}
    rows = column_rows(select(new.section_id, new.clause_id, old.version_id, old.position, new.position)
                       .join(old, stayed).where(new.round_id == new_round_id, new.section_id.in_(sections))
                       .order_by(new.position))
    by_section: dict[int, list] = {}
    for row in rows:
        by_section.setdefault(row[0], []).append(row)
    reordered = {}
    for section, pins in by_section.items():
        kept = longest_increasing_subsequence([was for _, _, _, was, _ in pins])
        reordered.update((clause_id, (version, section, was, now))
                         for i, (_, clause_id, version, was, now) in enumerate(pins) if i not in kept)
    return reordered


def _removed(old, new, old_round_id, new_round_id) -> list:
    """(clause, version, section, old position) of the clauses the newer round dropped."""
    return column_rows(
        select(old.clause_id, old.version_id, old.section_id, old.position)
        .select_from(old).outerjoin(new, and_(new.round_id == new_round_id, new.clause_id == old.clause_id))
        .where(old.round_id == old_round_id, new.clause_id.is_(None)))


def _anchor(position: int, skipped: set[int]) -> int | None:
    """The nearest old position before `position` that is not skipped (positions are
    0..n-1 without gaps), or None at the document start."""
    position -= 1
    while position in skipped:
        position -= 1
    return position if position >= 0 else None


def _new_positions(old, new, old_round_id, new_round_id, old_positions: set[int]) -> dict[int, int]:
    """Old position -> new position, for clauses present in both rounds."""
    found = {}
    for wanted in chunks(sorted(old_positions)):
        found.update(column_rows(
            select(old.position, new.position)
            .join(new, and_(new.round_id == new_round_id, new.clause_id == old.clause_id))
            .where(old.round_id == old_round_id, old.position.in_(wanted))))
    return found
