"""Findings of the amnesty-norm engine, stored with the clause version they were made
on, and the legal advisers' reviews of them.

A finding is never updated: when a re-check (new wording of a referenced clause, a new
ruleset) no longer produces it, it is marked superseded and stays in history with its
reviews. A wording that did not change keeps its findings and their reviews; only how a
finding explains itself (its label and explanation) follows the current rules.
"""
import enum
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..drafting.models import ClauseVersion
from ..extensions import db
from ..models_base import UTCDateTime, utcnow


class Decision(str, enum.Enum):
    confirmed = "confirmed"
    dismissed = "dismissed"
    escalated = "escalated"     # to a named team member (who takes it to headquarters): stays in the queue


class Finding(db.Model):
    __tablename__ = "compliance_findings"
    __table_args__ = (Index(None, "document_id", "superseded_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    citation: Mapped[str] = mapped_column(Text)
    # What the legal adviser reads instead of the rule id, and the finding's own account
    # of itself (grant, scope, excluded, missing, spans, norms, cure, precedents). Null on
    # findings stored before issue #20; a new ruleset re-checks and fills them.
    label: Mapped[str | None] = mapped_column(String(200))
    explanation: Mapped[dict | None] = mapped_column(JSON)
    # The language of the text the finding is in (issue #22): None for the lead text.
    language: Mapped[str | None] = mapped_column(String(35))
    ruleset_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    version: Mapped[ClauseVersion] = relationship()
    reviews: Mapped[list["Review"]] = relationship(order_by="Review.id", back_populates="finding")

    @property
    def key(self) -> tuple:
        """What makes two findings on one wording the same finding."""
        return (self.language, self.rule, self.severity, self.message, self.start, self.end, self.citation)

    @property
    def review(self) -> "Review | None":
        return self.reviews[-1] if self.reviews else None

    @property
    def is_open(self) -> bool:
        """In the queue: a violation or warning not yet reviewed, or escalated and awaiting
        headquarters. Notices only record that a compliant amnesty exists."""
        return (self.superseded_at is None and self.severity != "notice"
                and (self.review is None or self.review.decision == Decision.escalated))


class Review(db.Model):
    __tablename__ = "compliance_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("compliance_findings.id", ondelete="CASCADE"), index=True)
    decision: Mapped[Decision] = mapped_column(Enum(Decision, native_enum=False, length=20))
    reason: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # An escalation names who takes it on (a legal adviser or mediator of the process)
    # and what they are asked to do; it then sits in that person's queue.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    finding: Mapped[Finding] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])


class CheckState(db.Model):
    """How far a document's findings are up to date: the newest clause version, the
    ruleset, the authentic languages and the outline stamp the last pass saw. Edits only move versions on;
    the next reader re-checks what changed since (operations.refresh_findings)."""

    __tablename__ = "compliance_check_state"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    last_version_id: Mapped[int] = mapped_column(Integer, default=0)
    ruleset_version: Mapped[str] = mapped_column(String(64), default="")
    # The lead and the other authentic languages, "en,ar": another set re-checks everything.
    languages: Mapped[str] = mapped_column(String(400), default="", server_default="")
    # The document's outline_stamp the pass saw: a move or renumbering since re-judges
    # the grants of relief (their article references may now name other clauses).
    outline_stamp: Mapped[int] = mapped_column(BigInteger, default=-1, server_default="-1")
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
