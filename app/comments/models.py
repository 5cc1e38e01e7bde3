"""Party submissions on a circulated clause, the team's replies and decisions, and the
team's internal notes.

Every row a party may hear of carries a random `public_id`; sequential ids would let a
party count what others submitted.
"""
import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..drafting.models import ClauseVersion
from ..extensions import db
from ..models_base import UTCDateTime, new_public_id, utcnow
from ..processes.models import Party
from ..rounds.models import Round


class Kind(str, enum.Enum):
    comment = "comment"
    question = "question"
    reservation = "reservation"
    proposal = "proposal"
    view = "view"              # an observer group's non-binding view


class Status(str, enum.Enum):
    draft = "draft"            # shared inside the party only
    submitted = "submitted"
    withdrawn = "withdrawn"


class Decision(str, enum.Enum):
    accepted = "accepted"
    partly_accepted = "partly_accepted"
    not_accepted = "not_accepted"
    deferred = "deferred"


def _enum(kind, length=20):
    return Enum(kind, native_enum=False, length=length)


class Submission(db.Model):
    __tablename__ = "submissions"
    __table_args__ = (Index(None, "round_id", "clause_id"), Index(None, "party_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[Kind] = mapped_column(_enum(Kind))
    body: Mapped[str] = mapped_column(Text)
    proposed_text: Mapped[str | None] = mapped_column(Text)
    # The language the party writes in (one of the clause's languages it has heard of);
    # None: the document's lead (written before languages were chosen).
    language: Mapped[str | None] = mapped_column(String(35))
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.draft)
    shared_with_all: Mapped[bool] = mapped_column(default=False)
    # Made (drafted and submitted) while the process was in joint mode: then, and only
    # then, every party's delegates read it. Fixed when it is made, so turning joint mode
    # on never opens what was said in confidence before.
    made_in_joint: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Submitted after the round's comment deadline in a process that accepts late items.
    late: Mapped[bool] = mapped_column(default=False, server_default=false())

    party: Mapped[Party] = relationship()
    round: Mapped[Round] = relationship()
    version: Mapped[ClauseVersion] = relationship()     # the circulated wording it answers
    author: Mapped[User | None] = relationship()
    replies: Mapped[list["Reply"]] = relationship(order_by="Reply.id", back_populates="submission")
    dispositions: Mapped[list["Disposition"]] = relationship(order_by="Disposition.id")

    @property
    def disposition(self) -> "Disposition | None":
        return self.dispositions[-1] if self.dispositions else None


class Reply(db.Model):
    """A message in the thread of one submission: the party concerned and the team."""

    __tablename__ = "submission_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_team: Mapped[bool]
    # A team reply the mediator shared along with its (shared) submission; other parties
    # read only these. Sharing the question does not share the team's answer.
    shared_with_all: Mapped[bool] = mapped_column(default=False, server_default=false())
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="replies")
    author: Mapped[User | None] = relationship()


class Disposition(db.Model):
    """The team's decision on a proposal; the latest row is current, earlier ones history."""

    __tablename__ = "dispositions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    decision: Mapped[Decision] = mapped_column(_enum(Decision))
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    decided_by: Mapped[User | None] = relationship()


class InternalNote(db.Model):
    """The team's own notes on a clause: no party ever reads them."""

    __tablename__ = "internal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A note imported from a colleague's Word comment: the name Word gave its author
    # (`author` is then the team member who imported the file).
    word_author: Mapped[str | None] = mapped_column(String(200))

    author: Mapped[User | None] = relationship()


class VersionAnswer(db.Model):
    """Which proposals a new clause version answers (shown in the next round's diff)."""

    __tablename__ = "version_answers"

    version_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id", ondelete="CASCADE"), primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True)


class BridgingProposal(db.Model):
    """A mediator's bridging proposal on a clause of a round: a compromise wording built
    from colliding proposals (colliding.py). Hidden from every party and observer until the
    mediator releases it; then every one of them reads it alike, as the mediator's, on the
    round it answers. `answers` (JSON) lists the public ids of the proposals it bridges
    (for the team: parties never see which)."""

    __tablename__ = "bridging_proposals"
    __table_args__ = (Index(None, "round_id", "clause_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("clause_versions.id"))   # the round's wording
    text: Mapped[str] = mapped_column(Text)
    # The language of `text`, that of the proposals it bridges; None: the document's lead.
    language: Mapped[str | None] = mapped_column(String(35))
    note: Mapped[str] = mapped_column(Text)
    answers: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    round: Mapped[Round] = relationship()
    version: Mapped[ClauseVersion] = relationship()
