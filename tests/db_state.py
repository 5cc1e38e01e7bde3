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
