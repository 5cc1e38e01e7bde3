"""Documents, sections, clauses and their immutable versions.

A clause is a stable identity ("Article 12" stays the same clause when renumbered);
its wordings are ClauseVersion rows that are never updated. `Clause.current_version_id`
is the one mutable pointer, moved with a compare-and-set so a stale edit cannot
overwrite a newer one. Deleting writes a tombstone version.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..models_base import UTCDateTime, utcnow
from ..processes.models import Process
from ..public_ids import PublicIdMixin


class Document(PublicIdMixin, db.Model):
    public_kind = "document"
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Set when the mediator concludes the agreed text; edits are refused until reopened.
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    concluded_round_number: Mapped[int | None]

    process: Mapped[Process] = relationship()
    sections: Mapped[list["Section"]] = relationship(
        back_populates="document", order_by="Section.position")

    @property
    def is_concluded(self) -> bool:
        return self.concluded_at is not None


class Section(PublicIdMixin, db.Model):
    """An agenda item or chapter. Titles are snapshotted per round (RoundSection)."""

    public_kind = "section"
    __tablename__ = "sections"
    __table_args__ = (Index(None, "document_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    position: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A removed section stays (rounds that circulated it pin its id and title) but leaves
    # the working draft and every later round.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    document: Mapped[Document] = relationship(back_populates="sections")


class Clause(PublicIdMixin, db.Model):
    public_kind = "clause"
    __tablename__ = "clauses"
    __table_args__ = (Index(None, "section_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    position: Mapped[int]
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("clause_versions.id", use_alter=True, ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    section: Mapped[Section] = relationship()
    current_version: Mapped["ClauseVersion | None"] = relationship(
        foreign_keys=[current_version_id], post_update=True)


class ClauseVersion(PublicIdMixin, db.Model):
    """One wording of a clause: never updated, never deleted."""

    public_kind = "version"
    __tablename__ = "clause_versions"
    __table_args__ = (UniqueConstraint("clause_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"))
    seq: Mapped[int]                     # 1, 2, 3 ... within the clause
    # The article's title ("Use of terms"), part of its wording: a new title is a new
    # version. None for an untitled clause. The body's structure is read from `text`
    # (structure.py).
    title: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    is_tombstone: Mapped[bool] = mapped_column(default=False)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("clause_versions.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Derived from `text` once at write time, so status and counts never re-parse texts.
    bracket_count: Mapped[int] = mapped_column(default=0)
    option_count: Mapped[int] = mapped_column(default=0)
    word_count: Mapped[int] = mapped_column(default=0)

    author: Mapped[User | None] = relationship()
