"""The hash chain: sealed at commit, consecutive, and any tampering is caught by
`audit-verify` on SQLite and PostgreSQL."""
import pytest
from sqlalchemy import func, select, text

from app.audit.chain import GENESIS_HASH
from app.audit.models import AuditEntry
from app.audit.operations import record_event
from app.audit.queries import chain_rows
from app.audit.verify import verify_entries
from app.extensions import db
from tests.db_state import db_state


def entries():
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def verify(app, *args):
    return app.test_cli_runner().invoke(args=["audit-verify", *args])


def test_entries_are_sealed_at_commit_into_one_consecutive_chain(app, world):
    entry = record_event(world.users["mediator"], "test.poke", world.process,
                         process_id=world.process.id, changes={"x": 1})
    db.session.flush()
    assert entry.seq is None and entry.entry_hash is None      # visible, not yet sealed
    db.session.commit()
    chain = entries()
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))
    assert chain[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.entry_hash for a, b in zip(chain, chain[1:]))
    assert chain[-1].id == entry.id and chain[-1].actor_label == "mediator@testland.test"
    assert verify_entries(chain_rows()).ok


def test_savepoint_rollback_drops_its_entries_and_release_does_not_seal(app, world):
    nested = db.session.begin_nested()
    record_event(None, "test.dropped")
    nested.rollback()
    with db.session.begin_nested():
        kept = record_event(None, "test.kept")
    assert kept.seq is None
    db.session.commit()
    actions = [e.action for e in entries()]
    assert "test.kept" in actions and "test.dropped" not in actions
    assert verify_entries(chain_rows()).ok


def test_a_refused_request_leaves_no_entry(app, world, client):
    before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    state = db_state()
    response = client.post("/api/v1/processes/testland/nothing-here", json={})
    assert response.status_code in (404, 405)
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == before
    assert db_state() == state


def test_verify_reports_intact_chain(app, world):
    result = verify(app)
    assert result.exit_code == 0, result.output
    count = db.session.scalar(select(func.count()).select_from(AuditEntry))
    assert f"Audit chain intact, {count} entries" in result.output
    head = entries()[-1]
    assert f"#{head.seq} {head.entry_hash}" in result.output
    assert verify(app, "--anchor", f"{head.seq}:{head.entry_hash}").exit_code == 0


def _tamper(sql: str, **params):
    db.session.execute(text(sql), params)
    db.session.commit()


TAMPERING = {
    "edited changes": ("UPDATE audit_entries SET changes = '{\"title\":\"Forged\"}' WHERE seq = :seq",
                       "does not match its hash"),
    "edited actor": ("UPDATE audit_entries SET actor_label = 'someone@else.test', actor_id = NULL "
                     "WHERE seq = :seq", "does not match its hash"),
    "edited time": ("UPDATE audit_entries SET created_at = created_at - INTERVAL '1 day' "
                    "WHERE seq = :seq", "does not match its hash"),
    "deleted row": ("DELETE FROM audit_entries WHERE seq = :seq", "jumps from entry #2 to #4"),
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_tampering_is_caught_at_the_entry_that_was_touched(app, world, kind, backend):
    sql, reason = TAMPERING[kind]
    if kind == "edited time" and backend == "sqlite":
        sql = "UPDATE audit_entries SET created_at = datetime(created_at, '-1 day') WHERE seq = :seq"
    assert len(entries()) > 5
    _tamper(sql, seq=3)
    result = verify(app)
    assert result.exit_code == 1
    assert f"BROKEN at entry #{4 if kind == 'deleted row' else 3}" in result.output
    assert reason in result.output
    assert "2 entries before it verified" in result.output


def test_reordering_entries_is_caught(app, world):
    # Swap the numbers of entries 3 and 4 (via a free number, as seq is unique).
    _tamper("UPDATE audit_entries SET seq = -1 WHERE seq = 3")
    _tamper("UPDATE audit_entries SET seq = 3 WHERE seq = 4")
    _tamper("UPDATE audit_entries SET seq = 4 WHERE seq = -1")
    result = verify(app)
    assert result.exit_code == 1 and "BROKEN at entry #3" in result.output


def test_rehashing_one_entry_breaks_the_link_to_the_next(app, world):
    from app.audit.chain import entry_digest
    victim = entries()[2]
    victim.changes = '{"forged":true}'
    victim.entry_hash = entry_digest(**victim.hash_fields())
    db.session.commit()
    result = verify(app)
    assert result.exit_code == 1
    assert "BROKEN at entry #4" in result.output and "does not follow entry #3" in result.output


def test_an_entry_written_around_the_application_is_reported(app, world):
    _tamper("INSERT INTO audit_entries (created_at, actor_label, action, object_type, object_id, "
            "changes) VALUES (CURRENT_TIMESTAMP, 'intruder', 'clause.edit', 'clauses', '1', '{}')")
    result = verify(app)
    assert result.exit_code == 1 and "never sealed" in result.output


def test_truncating_the_end_is_caught_only_with_an_anchor(app, world):
    head = entries()[-1]
    seq, digest = head.seq, head.entry_hash
    _tamper("DELETE FROM audit_entries WHERE seq = :seq", seq=seq)
    assert verify(app).exit_code == 0
    result = verify(app, "--anchor", f"{seq}:{digest}")
    assert result.exit_code == 1 and "removed from its end" in result.output


def test_bad_anchor_is_a_usage_error(app, world):
    assert verify(app, "--anchor", "nonsense").exit_code == 2
