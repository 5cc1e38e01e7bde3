"""A process, its parties (and observer groups) and memberships with roles."""
import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..models_base import UTCDateTime, utcnow


class Role(str, enum.Enum):
    mediator = "mediator"
    drafter = "drafter"
    legal_adviser = "legal_adviser"
    delegate = "delegate"
    observer = "observer"


TEAM_ROLES = frozenset({Role.mediator, Role.drafter, Role.legal_adviser})


class PartyKind(str, enum.Enum):
    party = "party"
    observer = "observer"


class Attribution(str, enum.Enum):
    """How the next round's diff names the proposals a change answers, for parties."""

    attributed = "attributed"
    anonymous = "anonymous"
    hidden = "hidden"


class Process(db.Model):
    __tablename__ = "processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    # "Nothing is agreed until everything is agreed" is on unless the process says not.
    nauea: Mapped[bool] = mapped_column(default=True)
    un_endorsed: Mapped[bool] = mapped_column(default=True)
    # Joint mode: every party reads every submission (a joint session phase).
    joint_mode: Mapped[bool] = mapped_column(default=False)
    observers_may_submit: Mapped[bool] = mapped_column(default=False)
    # Status matrix shared with all parties (joint session on positions).
    status_matrix_shared: Mapped[bool] = mapped_column(default=False)
    # Observers read the circulated text; the status of agreement (agreed clauses and
    # counts, provisional agreement under NAUEA, the matrix) only if the mediator says so.
    status_shared_with_observers: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Authentic texts (issue #22): circulation refuses a draft with an authentic text to
    # be updated when set; otherwise it circulates and shows which.
    refuse_stale_texts: Mapped[bool] = mapped_column(default=False, server_default=false())
    proposal_attribution: Mapped[Attribution] = mapped_column(
        Enum(Attribution, native_enum=False, length=20), default=Attribution.anonymous)
    # The house style of its Word files: the font, the language on the styles (BCP 47), the
    # document symbol ("NL/CPA" gives "NL/CPA/Rev.2"; "{round}" places the number), and
    # line numbers in the margin so that parties can cite "page 3, line 12".
    house_font: Mapped[str] = mapped_column(String(100), default="Times New Roman", server_default="Times New Roman")
    language: Mapped[str] = mapped_column(String(35), default="en-GB", server_default="en-GB")
    document_symbol: Mapped[str] = mapped_column(String(100), default="", server_default="")
    line_numbering: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Deadlines (issue #23). After a round's comment deadline a submission is refused
    # ("refuse", 409) or accepted and marked late for the team ("mark_late").
    late_submissions: Mapped[str] = mapped_column(String(10), default="refuse", server_default="refuse")
    # The zone deadlines are shown in to a reader who has not chosen one (an IANA name).
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # An "agreed ad referendum" must be confirmed within this many days (None: no limit).
    ad_referendum_days: Mapped[int | None] = mapped_column()
    # Notification mail (issue #23): a neutral line and a link, unless the mediator lets
    # mails carry the text their recipient may already read (a reply to their own
    # submission, the round's note). app/notifications/permissions.py decides what.
    mail_includes_text: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parties: Mapped[list["Party"]] = relationship(
        back_populates="process", order_by="Party.id")
    memberships: Mapped[list["Membership"]] = relationship(back_populates="process")

    @property
    def negotiating_parties(self) -> list["Party"]:
        return [p for p in self.parties if p.kind == PartyKind.party]


class Party(db.Model):
    """A party to the talks, or an observer group (kind=observer)."""

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("process_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[PartyKind] = mapped_column(
        Enum(PartyKind, native_enum=False, length=20), default=PartyKind.party)

    process: Mapped[Process] = relationship(back_populates="parties")


class Membership(db.Model):
    """A user's one role in one process; delegates and observers belong to one party."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "process_id"),
        CheckConstraint(
            "(role IN ('delegate', 'observer')) = (party_id IS NOT NULL)",
            name="party_iff_party_role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    process: Mapped[Process] = relationship(back_populates="memberships")
    party: Mapped[Party | None] = relationship()

    @property
    def is_team(self) -> bool:
        return self.role in TEAM_ROLES
