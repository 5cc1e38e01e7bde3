"""Rounds: immutable snapshots of the working draft, released to every party at once.

A round pins (clause, version, section, position) for every live clause; texts are
not copied, since versions are immutable. Section titles are pinned too.
"""
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..drafting.models import Document
from ..extensions import db
from ..models_base import UTCDateTime, utcnow


class Round(db.Model):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int]
    circulated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    circulated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(2000))
    # Summary against the previous round (JSON), computed once at circulation.
    summary: Mapped[str | None] = mapped_column(Text)
    # JSON, written at circulation: every clause that changed since the previous round and
    # how many did not. Both rounds are immutable, so a diff of consecutive rounds reads
    # this instead of comparing 2 x 30,000 pins. Null for rounds circulated before it.
    changes: Mapped[str | None] = mapped_column(Text, deferred=True)     # large: loaded when read

    document: Mapped[Document] = relationship()

    # Not stored: how many unreviewed findings the circulation that made this object went
    # out over (the audit log keeps which), for the answer to whoever circulated.
    held_findings = 0

    @property
    def label(self) -> str:
        """"Rev. 2" in the reader's language (file names use the number, never this)."""
        return gettext("Rev. %(number)s", number=self.number)

    def is_open_for_comments(self, now: datetime) -> bool:
        """Within the comment window: not closed, and the deadline (if any) ahead."""
        return self.closed_at is None and (self.deadline is None or now < self.deadline)

    def is_past_deadline(self, now: datetime) -> bool:
        return self.deadline is not None and now >= self.deadline

    def accepts_submissions(self, now: datetime) -> bool:
        """Open for comments, or past its deadline in a process that takes late items
        (marked late for the team) until the mediator closes the round."""
        return self.is_open_for_comments(now) or (
            self.closed_at is None and self.document.process.late_submissions == "mark_late")


class RoundSection(db.Model):
    __tablename__ = "round_sections"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    position: Mapped[int]
    # Counted once at circulation (the round is immutable), so a treaty's section picker
    # needs no pass over its 30,000 pins.
    clause_count: Mapped[int] = mapped_column(default=0)
    bracket_count: Mapped[int] = mapped_column(default=0)


class RoundPin(db.Model):
    __tablename__ = "round_pins"
    __table_args__ = (Index(None, "round_id", "position"),)

    # Every read of pins starts from a round, so there is no index on version_id (its
    # upkeep slowed circulation). Only the round is a foreign key: the other ids are
    # copied by circulation's one INSERT ... SELECT from the rows it reads (under the
    # document lock), and clauses, versions and sections are never deleted, so a per-row
    # foreign-key check of each would cost most of the pinning for nothing. Figures in
    # docs/performance.md, "Measurements behind the code".
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    clause_id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int]
    section_id: Mapped[int]
    # 0-based order over the whole document; the clause's number in the round is position + 1.
    position: Mapped[int]


class Release(db.Model):
    """What one recipient (a party or an observer group) was released, and when: a row per
    recipient at each circulation (`kind` "round") and at each release of a mediator's
    bridging proposal (`kind` "bridging"). The team reads them; no party does.

    `digest` is the SHA-256 of what the recipient's view held: at circulation the round's
    pins in order (clause, version, position), which is the text every recipient reads
    alike; at a bridging release the proposal's public id and text. `counts` (JSON) says
    how much: clauses, sections, clauses changed since the previous round, bridging
    proposals; `items` (JSON) names the bridging proposal released (its public id)."""

    __tablename__ = "releases"
    __table_args__ = (Index(None, "round_id", "party_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    released_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    digest: Mapped[str] = mapped_column(String(64))
    counts: Mapped[str] = mapped_column(Text)
    items: Mapped[str | None] = mapped_column(Text)
