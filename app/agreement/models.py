"""Positions of the parties, packages, conclusions and reopenings.

Positions are append-only: each row is one party's position on one clause *version*,
and the latest row per (clause, party) is the party's position. A clause's status is
derived (status.py) from the versions the latest round pins; only the per-clause counts
it needs are kept, in `ClauseTally`.
"""
import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..public_ids import PublicIdMixin
from ..models_base import UTCDateTime, utcnow
from ..processes.models import Party


class Stance(str, enum.Enum):
    open = "open"
    reservation = "reservation"
    agreed = "agreed"           # ad referendum: provisionally, subject to the whole


class Position(PublicIdMixin, db.Model):
    public_kind = "position"
    __tablename__ = "positions"
    __table_args__ = (Index(None, "document_id", "clause_id", "party_id"), Index(None, "clause_id", "current"),
                      Index(None, "document_id", "party_id", "current"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    stance: Mapped[Stance] = mapped_column(Enum(Stance, native_enum=False, length=20))
    note: Mapped[str | None] = mapped_column(Text)
    # Set when the position was given by agreeing a package: it counts only while the
    # package agreement holds.
    package_agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("package_agreements.id", ondelete="CASCADE"))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    on_behalf: Mapped[bool] = mapped_column(default=False)     # recorded by the mediator
    # The party's latest position on the clause (older rows are history); cleared for
    # the whole document when it is reopened, so every earlier position lapses.
    current: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An "agreed" is ad referendum: its confirmation by the party's principals, when given.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    party: Mapped[Party] = relationship()
    set_by: Mapped[User | None] = relationship()


class Package(PublicIdMixin, db.Model):
    """Clauses traded off against each other: agreed as a whole or not at all."""

    public_kind = "package"
    __tablename__ = "packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    clauses: Mapped[list["PackageClause"]] = relationship(cascade="all, delete-orphan")

    @property
    def clause_ids(self) -> list[int]:
        return sorted(c.clause_id for c in self.clauses)


class PackageClause(db.Model):
    __tablename__ = "package_clauses"

    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)


class PackageAgreement(db.Model):
    """A party's agreement to a whole package: the exact versions it covered. It lapses
    when any clause's circulated wording or the package's membership differs."""

    __tablename__ = "package_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    versions: Mapped[dict] = mapped_column(JSON)        # {"clause_id": version_id}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Conclusion(db.Model):
    """A conclusion or a reopening of a document, on the record. Reopening makes every
    position given before it lapse (`last_position_id`)."""

    __tablename__ = "conclusions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))         # concluded | reopened
    round_number: Mapped[int | None]
    last_position_id: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()


class ClauseTally(db.Model):
    """Per circulated clause: how many parties' counted positions on its pinned wording
    are agreements and reservations (plain ones; package positions are few and counted
    when read). Kept in the same transaction as every change that moves them (tallies.py),
    so a treaty's status is read without aggregating its positions."""

    __tablename__ = "clause_tallies"

    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int]                 # the pinned wording the counts are for
    agreed: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)
