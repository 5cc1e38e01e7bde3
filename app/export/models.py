"""Archive jobs: each circulated round leaves its clean draft and its redline against
the previous round in `exports/`. Jobs are rows, so a job cut off by a restart is
picked up again when the app starts."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import UTCDateTime, utcnow


class ExportJob(db.Model):
    __tablename__ = "export_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")   # queued | running | done | failed
    progress: Mapped[int] = mapped_column(default=0)                     # 0..100
    files: Mapped[dict] = mapped_column(JSON, default=dict)              # variant -> file name
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ExportFile(db.Model):
    """Every file that left the building: what, for whom, who asked, and its SHA-256.
    Files are created once under EXPORT_DIR and never overwritten."""

    __tablename__ = "export_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    round_number: Mapped[int | None]
    against_number: Mapped[int | None]
    variant: Mapped[str] = mapped_column(String(20))
    recipient_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="SET NULL"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    path: Mapped[str] = mapped_column(String(1000))        # relative to EXPORT_DIR
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # The copy's identifier, embedded in the file (releases.py): the same for every file
    # of one round, variant and recipient, which are byte-identical.
    release_id: Mapped[str | None] = mapped_column(String(32), index=True)
    # SHA-256 of the file's text (releases.text_fingerprint): finds the release a re-saved
    # or reformatted copy was made from when its identifiers were stripped.
    text_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    file_format: Mapped[str] = mapped_column(String(10), default="docx", server_default="docx")
    # The copy's language (issue #22): None for the lead language, as every copy was before.
    language: Mapped[str | None] = mapped_column(String(35))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
