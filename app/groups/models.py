"""Working groups of a process (issue #23): each holds sections of the process's documents
(an agenda item, a chapter, an annex: any section) and has members from the mediation team
and the delegations. The mediator may widen one drafter's editing scope by section
(`ScopeGrant`). What a group changes is who edits what and where a page opens, never what
anyone may see (app/groups/permissions.py)."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..models_base import UTCDateTime, utcnow
from ..processes.models import Process
from ..public_ids import PublicIdMixin


class WorkingGroup(PublicIdMixin, db.Model):
    public_kind = "group"
    __tablename__ = "working_groups"
    __table_args__ = (UniqueConstraint("process_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    mandate: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    process: Mapped["Process"] = relationship()
    members: Mapped[list["GroupMember"]] = relationship(
        order_by="GroupMember.id", cascade="all, delete-orphan", back_populates="group")
    sections: Mapped[list["GroupSection"]] = relationship(
        order_by="GroupSection.id", cascade="all, delete-orphan", back_populates="group")


class GroupMember(db.Model):
    __tablename__ = "working_group_members"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    group: Mapped[WorkingGroup] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class GroupSection(db.Model):
    __tablename__ = "working_group_sections"
    __table_args__ = (UniqueConstraint("group_id", "section_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)

    group: Mapped[WorkingGroup] = relationship(back_populates="sections")


class ScopeGrant(db.Model):
    """One more section a drafter may edit beyond their groups', granted by the mediator."""

    __tablename__ = "edit_scope_grants"
    __table_args__ = (UniqueConstraint("user_id", "section_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
