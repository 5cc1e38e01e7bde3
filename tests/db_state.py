"""What a refused request must leave as it was: every table's row count and the head of
the audit chain."""
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.maintenance.backup import row_counts


def db_state() -> tuple[dict, str | None]:
    db.session.expire_all()
    head = db.session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
    return row_counts(), head


def tables_whose_counts_changed(before: tuple[dict, str | None], after: tuple[dict, str | None]) -> set[str]:
    """The tables whose row count differs between two db_state() snapshots, for a refusal
    that writes by design (a failed login records a throttle row and an audit entry).
    (tests/security/test_refusals.py has a stricter database_state that also digests rows.)"""
    counts_before, counts_after = before[0], after[0]
    return {t for t in counts_before.keys() | counts_after.keys()
            if counts_before.get(t) != counts_after.get(t)}
