"""Documents, sections, clauses and their immutable versions.

A clause is a stable identity ("Article 12" stays the same clause when renumbered);
its wordings are ClauseVersion rows that are never updated. `Clause.current_version_id`
is the one mutable pointer, moved with a compare-and-set so a stale edit cannot
overwrite a newer one. Deleting writes a tombstone version.
"""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint, text as sql_text
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
    # Drawn anew (at random) by every change to which clauses are live, their order or
    # their sections (drafting.operations.outline_changed): a move writes no clause
    # version, and readers of the numbering (the compliance check's article references)
    # must still notice it. Random, not a counter, so that a change rolled back never
    # leaves its value to name another outline later (readers may cache by it).
    outline_stamp: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

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

    # Authentic texts (issue #22). The lead language's text is `text` above; the other
    # languages' are ClauseText rows keyed by (version, language). `language` names the
    # language whose edit wrote this version (None: the lead's, as before languages).
    # `lead_revised_for_id` is the version the lead text was last revised for when that
    # is an earlier one (None: revised for this version), i.e. the lead is "to be
    # updated" after an edit in another language.
    language: Mapped[str | None] = mapped_column(String(35))
    lead_revised_for_id: Mapped[int | None] = mapped_column(ForeignKey("clause_versions.id"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class DocumentLanguage(db.Model):
    """A language of a document: authentic (binding) or a translation; exactly one is the
    lead, the language the team drafts in and whose text is ClauseVersion.text. A
    document without rows has one implicit language, the lead and authentic, named by
    its process's house language (languages.py)."""

    __tablename__ = "document_languages"
    __table_args__ = (UniqueConstraint("document_id", "code"),
                      Index("uq_document_languages_one_lead", "document_id", unique=True,
                            sqlite_where=sql_text("lead"), postgresql_where=sql_text("lead")))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(35))          # "en", "ar", "fr" (BCP 47)
    authentic: Mapped[bool] = mapped_column(default=True)
    lead: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClauseText(db.Model):
    """A clause version's text in a language other than the lead: immutable, one per
    (version, language). A new version carries the other languages' rows forward
    unchanged; `revised_for_id` is the version this text was last revised for, so the
    text is "to be updated" when it is not the row's own version."""

    __tablename__ = "clause_texts"
    __table_args__ = (UniqueConstraint("version_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id", ondelete="CASCADE"))
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(35))
    title: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    revised_for_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id"))
    bracket_count: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def to_be_updated(self) -> bool:
        return self.revised_for_id != self.version_id
