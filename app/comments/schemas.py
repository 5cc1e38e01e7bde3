"""What the comments API reads and answers, as pydantic models (app/api/contract.py).
A party's answers leave out what only the team reads (lateness, reply sharing, who
bridges what): those fields are `absent(...)`, typed when present."""
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from ..api.contract import Body, DbInt, Query, Schema, absent
from ..config import MAX_CLAUSE_CHARS
from ..drafting.schemas import DiffOps, GivenId, PublicId, Reason
from .models import Decision, Kind, Status

Text = Annotated[str, Field(max_length=MAX_CLAUSE_CHARS)]


# --- requests -------------------------------------------------------------------------

class NewSubmission(Body):
    kind: str = Field(max_length=20, description="comment, question, reservation or proposal (observers: view)")
    body: Text
    proposed_text: Text | None = Field(None, description="A proposal's wording")
    draft: bool | None = Field(None, description="true: kept inside the party until submitted")
    language: str | None = Field(None, max_length=35, description=(
        "The language the party writes in: one of the clause's languages the party has heard of (a "
        "circulated round carried); default the caller's interface language if the document has it, "
        "else the lead"))


class ReplyBody(Body):
    body: Text


class DispositionBody(Body):
    decision: str = Field(max_length=30, description="accepted, partly_accepted, not_accepted or deferred")
    reason: Text


class ShareBody(Body):
    replies: list[str] | None = Field(None, description="The team replies shared with it (none by default)")


class RevisionBody(Body):
    text: Text
    base_version_id: GivenId
    answers: list[str] | None = Field(None, description="The proposals (submission ids) the new version answers")
    reason: Reason | None = None


class Application(Body):
    base_version_id: GivenId
    reason: Text
    text: Text | None = Field(None, description="The team's adjusted wording (partly accepted), in the "
                                                "proposal's language; absent: the proposal merged (accepted)")


class MergeBody(Body):
    round: DbInt | None = Field(None, description="Default: the latest round")
    language: str | None = Field(None, max_length=35, description=(
        "The language of the proposals merged (as the collisions read them; default the first with "
        "proposals, the lead first): a draft wording becomes the clause's text in it"))
    choices: dict[str, str] | None = Field(None, description=(
        "Per region number: 'round', a proposal's id, or 'custom'"))
    custom: dict[str, str] | None = Field(None, description="Per region number: the team's own wording")
    fingerprint: str | None = Field(None, max_length=64, description="The collisions' fingerprint as read")
    save_as: str = Field(max_length=20, description="draft or bridging")
    reason: Text
    base_version_id: GivenId | None = Field(None, description="Saving as draft: the draft's version read")


class RedlineBody(Body):
    old: Text
    new: Text


class RoundQuery(Query):
    """Read as `body.query_int` reads it (422 for what is not a whole number)."""
    round: int | None = Field(None, description="A round (default: the latest)")


class CollisionsQuery(RoundQuery):
    language: str | None = Field(None, max_length=35, description=(
        "The proposals written in this language, against the round's text in it (default: the first "
        "language with proposals, the lead first; 404 for a language the document lacks)"))


# --- answers --------------------------------------------------------------------------

class SubmissionDisposition(Schema):
    decision: Literal[tuple(d.value for d in Decision)]
    reason: str
    decided_at: datetime | None


class ThreadReply(Schema):
    id: str
    body: str
    from_team: bool
    author: str | None = Field(description="'Mediation team' for a party reading the team's reply")
    created_at: datetime | None
    shared: bool = absent("(team) shared with all parties with its submission")


class Submission(Schema):
    """The submission"""
    id: str
    kind: Literal[tuple(k.value for k in Kind)]
    body: str
    proposed_text: str | None
    language: str = Field(description="The language it is written in; a proposal's redline is against the "
                                      "round's text in it")
    status: Literal[tuple(s.value for s in Status)]
    round: int
    clause_id: PublicId
    party: str
    own: bool
    shared: bool
    author: str | None = Field(description="For the team and the author's own party only")
    created_at: datetime | None
    submitted_at: datetime | None
    disposition: SubmissionDisposition | None = Field(description="For those who read the thread")
    replies: list[ThreadReply]
    made_in_joint: bool = absent("(team, own party) made in joint mode: every party's delegates read it")
    late: bool = absent("(team) submitted after the round's comment deadline, in a process that takes "
                           "late submissions")
    redline: DiffOps = absent("A proposal's redline against the wording the party read")


class ClauseComments(Schema):
    """Submissions"""
    clause_id: PublicId
    comments: list[Submission]


class Note(Schema):
    """The note"""
    id: str
    body: str
    author: str | None
    word_author: str | None = Field(description="The Word author of a note imported from a Word comment")
    created_at: datetime | None


class Notes(Schema):
    """Notes"""
    notes: list[Note]


class Revised(Schema):
    """The new version"""
    clause_id: PublicId
    version_id: PublicId
    text: str
    answers: list[str]


class MergeConflict(Schema):
    round: str
    proposed: str


class MergeReport(Schema):
    """The merge, in the language the proposal is written in"""
    clause_id: PublicId
    base_version_id: PublicId
    language: str = Field(description="The proposal's language: the texts below are in it, and applying writes "
                                      "the clause's text in it")
    lead: bool = Field(description="Whether that is the document's lead language")
    to_be_updated: bool = Field(description="Whether the draft's text in that language is to be updated now (it "
                                            "stays so after applying: the proposal lacks that change)")
    others_to_be_updated: list[str] = Field(description="The document's other languages: applying leaves each "
                                                        "to be updated for the new version")
    round_text: str
    current_text: str
    proposed_text: str | None
    merged: str
    clean: bool
    conflicts: list[MergeConflict]


class ProposalApplied(Schema):
    """ProposalApplied"""
    clause_id: PublicId
    version_id: PublicId
    language: str = Field(description="The proposal's language, the one the new version's `text` is in")
    text: str
    decision: Literal["accepted", "partly_accepted"]
    submission: Submission


class CollidingProposal(Schema):
    submission_id: str
    party: str = Field(description="The party's slug")
    party_name: str
    proposed_text: str | None
    ops: DiffOps


class RegionWording(Schema):
    submission_id: str
    text: str


class CollisionRegion(Schema):
    region: int
    start: int
    end: int
    words: list[int]
    round_text: str
    colliding: bool
    parties_collide: bool
    wordings: list[RegionWording]


class Collisions(Schema):
    """The collisions among the proposals written in one language, against the round's text in it"""
    clause_id: PublicId
    language: str = Field(description="The language compared (?language=, default the first with proposals, "
                                      "the lead first); the texts are in it")
    languages: list[str] = Field(description="The languages the clause's proposals in this round are written in")
    round: int
    round_version_id: PublicId
    round_text: str
    base_version_id: PublicId
    current_text: str
    fingerprint: str
    colliding: bool
    proposals: list[CollidingProposal]
    regions: list[CollisionRegion]


class BridgingProposal(Schema):
    """The bridging proposal"""
    id: str
    kind: Literal["bridging_proposal"]
    from_: Literal["mediator"] = Field(alias="from")
    clause_id: PublicId
    round: int
    language: str = Field(description="The language of `text` (that of the proposals it bridges); `ops` are "
                                      "against the round's text in it")
    text: str
    note: str
    ops: DiffOps
    released_at: datetime | None
    released: bool = absent("(team)")
    answers: list[str] = absent("(team) the proposals it bridges")
    created_at: datetime = absent("(team)")


class MergeSaved(Schema):
    """Saved"""
    clause_id: PublicId
    text: str
    decisions: dict[str, str] = Field(description="Per proposal: its disposition")
    version_id: PublicId | None
    bridging_proposal: BridgingProposal | None


class ClauseBridging(Schema):
    """Bridging proposals"""
    clause_id: PublicId
    round: int
    bridging_proposals: list[BridgingProposal]


class CompiledClause(Schema):
    clause_id: PublicId
    submissions: list[Submission]


class Compilation(Schema):
    """The compilation"""
    round: int
    clauses: list[CompiledClause]


class LiveRedline(Schema):
    """The redline"""
    html: str
    ops: DiffOps
