"""Audit entries: each carries the hash of the one before, so editing or deleting
history breaks the chain where it happened.

An entry is written by the operation that made the change and sealed (given its
`seq`, `prev_hash` and `entry_hash`) when the transaction commits; until then those
three are NULL. A committed entry without a seal means something bypassed the
session and is reported by `audit-verify`.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import UTCDateTime


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    __table_args__ = (Index(None, "process_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int | None] = mapped_column(unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # RESTRICT, not SET NULL: both ids are hashed, so history pins its actors and
    # processes (deactivate a user instead of deleting them).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    # Kept verbatim so the record explains itself after users are renamed or removed.
    actor_label: Mapped[str] = mapped_column(String(300))
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="RESTRICT"))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str] = mapped_column(String(64))
    changes: Mapped[str] = mapped_column(Text)          # canonical JSON
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))

    def hash_fields(self) -> dict:
        """What the entry's hash covers (everything but the row id and the hash itself)."""
        return dict(seq=self.seq, created_at=self.created_at, actor_id=self.actor_id,
                    actor_label=self.actor_label, process_id=self.process_id, action=self.action,
                    object_type=self.object_type, object_id=self.object_id, changes=self.changes,
                    prev_hash=self.prev_hash)
