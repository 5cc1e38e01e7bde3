"""Per-clause tallies of counted agreements and reservations (`ClauseTally`).

Which positions count is rule.py's (`counts_plain_sql`, `tally_sql`): the current ones
given on the wording the latest round pins, not through a package (those are counted
when the status is read).
The tallies change only when (1) a position is recorded, (2) a document is reopened, or
(3) a round pins a different wording of a clause; each of these recounts the clauses it
touched in its own transaction, with the same query as a full rebuild, and a test compares
the two after every kind of change.
"""
from sqlalchemy import and_, delete, insert, select, update

from ..database import chunks, column_rows
from ..drafting.models import Clause
from ..extensions import db
from ..processes.models import Party, PartyKind
from ..rounds.models import RoundPin
from ..rounds.queries import latest_round
from .models import ClauseTally, Position
from .rule import counts_plain_sql, tally_sql


def _counts(round_id: int, clause_ids=None):
    """(clause_id, document_id, version_id, agreed, reserved) per pin of the round."""
    counted = counts_plain_sql(Position.version_id, RoundPin.version_id, Position.package_agreement_id)
    parties = select(Party.id).where(Party.kind == PartyKind.party)
    query = (select(RoundPin.clause_id, Clause.document_id, RoundPin.version_id,
                    *tally_sql(counted, Position.stance))
             .join(Clause, Clause.id == RoundPin.clause_id)
             .outerjoin(Position, and_(Position.clause_id == RoundPin.clause_id, Position.current.is_(True),
                                       Position.party_id.in_(parties)))
             .where(RoundPin.round_id == round_id)
             .group_by(RoundPin.clause_id, Clause.document_id, RoundPin.version_id))
    if clause_ids is not None:
        query = query.where(RoundPin.clause_id.in_(list(clause_ids)))
    return column_rows(query)


def _write(rows) -> None:
    if rows:
        db.session.execute(delete(ClauseTally).where(ClauseTally.clause_id.in_([r[0] for r in rows])))
        db.session.execute(insert(ClauseTally), [
            {"clause_id": c, "document_id": d, "version_id": v, "agreed": int(a), "reserved": int(r)}
            for c, d, v, a, r in rows])


def rebuild(document_id: int) -> None:
    """Every tally of the document from its positions (after bulk loads that write
    positions directly: the demo and the benchmark generator)."""
    db.session.execute(delete(ClauseTally).where(ClauseTally.document_id == document_id))
    round_ = latest_round(document_id)
    if round_ is not None:
        for rows in chunks(_counts(round_.id)):
            _write(rows)


def recount(round_id: int, clause_ids) -> None:
    _write(_counts(round_id, clause_ids))


def recount_clause(document_id: int, clause_id: int) -> None:
    """After a position is saved. The tally row is locked first, so two parties' positions
    on one clause are counted one after the other, the second count (a new statement, in
    READ COMMITTED) seeing the first's committed row; it is locked only now, after the
    position's insert, which may wait on a circulation's document lock (taking the tally
    first would deadlock with the circulation recounting it). The round is looked up
    after the lock, so a round circulated meanwhile is the one counted against."""
    db.session.execute(select(ClauseTally.clause_id).where(ClauseTally.clause_id == clause_id).with_for_update())
    round_ = latest_round(document_id)
    if round_ is not None:
        recount(round_.id, [clause_id])


def lapse_all(document_id: int) -> None:
    """A reopening lapses every position of the document."""
    db.session.execute(update(ClauseTally).where(ClauseTally.document_id == document_id)
                       .values(agreed=0, reserved=0))


def recount_changed_wordings(sender, round_id: int, **_):
    """A round that pins another wording of a clause (or a new clause) recounts it: a
    position on an earlier wording stops counting, one on a wording pinned again counts
    again. Unchanged wordings keep their tallies."""
    stale = select(RoundPin.clause_id).outerjoin(ClauseTally, ClauseTally.clause_id == RoundPin.clause_id).where(
        RoundPin.round_id == round_id,
        (ClauseTally.version_id.is_(None)) | (ClauseTally.version_id != RoundPin.version_id))
    for clause_ids in chunks(list(db.session.scalars(stale))):
        recount(round_id, clause_ids)
