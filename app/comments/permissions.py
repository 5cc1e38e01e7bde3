"""Who may read and write which submissions: proximity talks by default.

- The team reads every submitted item (never a party's drafts) and all notes.
- A delegate reads its own party's items (drafts included: delegates of one party
  share drafts), items the mediator shared with all parties, and every submitted item
  made in joint mode (`made_in_joint`, fixed when the item was made: turning joint mode
  on later opens nothing said before; turning it off closes nothing already open).
- An observer group reads its own views and what was shared with all.
- Of another party's item, a reader sees the item only: the team's replies only where
  the mediator shared that reply with it, never the disposition or other replies.
Anything else does not exist for the caller: 404.

The SQL twin of can_see_submission is visible_filter (queries.py reads through it); a
property test (tests/comments/test_visibility_property.py) holds them to the same answers.
"""
from sqlalchemy import and_, false, or_, select

from ..drafting.languages import languages_of
from ..drafting.permissions import languages_heard_of
from ..errors import NotFound
from ..extensions import db
from ..processes.models import Attribution
from ..processes.permissions import (Access, access_or_404, can_answer_submissions, can_edit_text, can_submit,
                                     can_view_internal, reads_as_team)
from ..rounds.models import Round
from .models import BridgingProposal, Kind, Reply, Status, Submission


def can_see_submission(access: Access, submission: Submission) -> bool:
    if reads_as_team(access):           # the team, and the system writing the team's files
        return submission.status != Status.draft
    if submission.party_id == access.party_id:
        return True
    if submission.status != Status.submitted:
        return False
    if submission.shared_with_all:
        return True
    return access.is_delegate and submission.made_in_joint and submission.kind != Kind.view


def visible_filter(access: Access):
    """The SQL twin of can_see_submission."""
    if reads_as_team(access):
        return Submission.status != Status.draft
    shared = and_(Submission.status == Status.submitted, Submission.shared_with_all.is_(True))
    joint = (and_(Submission.status == Status.submitted, Submission.made_in_joint.is_(True),
                  Submission.kind != Kind.view)
             if access.is_delegate else false())
    return or_(Submission.party_id == access.party_id, shared, joint)


def can_see_thread(access: Access, submission: Submission) -> bool:
    """The whole thread and the disposition: the team (and the system writing its files)
    and the party that wrote it."""
    return reads_as_team(access) or submission.party_id == access.party_id


def can_see_reply(access: Access, submission: Submission, reply: Reply) -> bool:
    """Others see a team reply only where the mediator shared it with the submission."""
    if can_see_thread(access, submission):
        return True
    return submission.shared_with_all and reply.from_team and reply.shared_with_all


def visible_replies(access: Access, submission: Submission) -> list[Reply]:
    return [r for r in submission.replies if can_see_reply(access, submission, r)]


def submission_or_404(access: Access, submission: Submission | None) -> Submission:
    if submission is None or not can_see_submission(access, submission):
        raise NotFound()
    return submission


def submission_access_or_404(user, public_id: str) -> tuple[Access, Submission]:
    """An item by its public id, for a member of its process who may see it (else 404, as
    for a missing id): every page and route taking a submission id starts here."""
    submission = db.session.scalar(select(Submission).where(Submission.public_id == public_id))
    if submission is None:
        raise NotFound()
    round_ = db.session.get(Round, submission.round_id)
    access = access_or_404(user, round_.document.process)
    return access, submission_or_404(access, submission)


def can_write_for_party(access: Access, submission: Submission) -> bool:
    """Submit, withdraw: only members of the party that wrote it."""
    return can_submit(access) and submission.party_id == access.party_id


def can_reply(access: Access, submission: Submission) -> bool:
    return can_answer_submissions(access) or submission.party_id == access.party_id


def can_decide(access: Access) -> bool:
    return can_answer_submissions(access)


def can_apply_proposal(access: Access) -> bool:
    """Accepting a proposal writes the draft and decides on it: both rights are needed."""
    return can_decide(access) and can_edit_text(access)


def applicable_or_404(access: Access, submission: Submission) -> Submission:
    """A proposal the caller may apply; to anyone else it is as missing as a wrong id."""
    if not can_apply_proposal(access):
        raise NotFound()
    return submission


def can_share(access: Access) -> bool:
    return access.is_mediator


def may_submit_kind(access: Access, kind: Kind) -> bool:
    """Observers submit views (non-binding) or comments; parties anything but views."""
    if access.is_observer:
        return kind in (Kind.view, Kind.comment)
    return not (access.is_delegate and kind == Kind.view)


def submits_views(access: Access) -> bool:
    return access.is_observer


def speaks_for_team(access: Access) -> bool:
    """A reply from the caller is the mediation team's (shown to parties as "Mediation team")."""
    return access.is_team


def sees_author_of(access: Access, submission: Submission) -> bool:
    """Names of people are for the team and the author's own party only."""
    return access.is_team or submission.party_id == access.party_id


def sees_lateness(access: Access) -> bool:
    """Whether a submission came in after the deadline (a process that takes late items):
    the team's to weigh; the party is told on the form before it submits."""
    return can_view_internal(access)


def sees_team_names(access: Access) -> bool:
    """Which team member wrote a reply, and which replies the mediator shared: the team's."""
    return access.is_team


def sees_notes(access: Access) -> bool:
    """Internal notes on clauses: the team's (and the system's, which files an import's
    Word comments as notes)."""
    return can_view_internal(access) or access.is_system


def notes_or_404(access: Access) -> None:
    if not sees_notes(access):
        raise NotFound()


def sees_compilation(access: Access) -> bool:
    """The compilation of a round's submissions: the team's working document."""
    return can_view_internal(access)


def compilation_or_404(access: Access) -> None:
    if not sees_compilation(access):
        raise NotFound()


def attribution_of(access: Access, submission: Submission) -> str | None:
    """How a new version names a proposal it answers, for the caller: "named" (the team,
    the proposing party itself, or every reader when the process attributes proposals),
    "anonymous", or None (not at all)."""
    mode = access.process.proposal_attribution
    if access.is_team or submission.party_id == access.party_id or mode == Attribution.attributed:
        return "named"
    return "anonymous" if mode == Attribution.anonymous else None


# Colliding proposals and bridging proposals (colliding.py). Every party's proposals are
# compared there, so the collision view and the merge are the team's: for a party or an
# observer they do not exist (404, as for a missing clause). A bridging proposal is the
# team's until the mediator releases it; then every party and observer group reads it alike.

def sees_collisions(access: Access) -> bool:
    """The collision view (legal advisers read it; only editors merge)."""
    return can_view_internal(access)


def collisions_or_404(access: Access) -> None:
    if not sees_collisions(access):
        raise NotFound()


def can_build_compromise(access: Access) -> bool:
    """Saving a merge writes the draft (or a proposal of the team's) and decides on the
    proposals: the mediator and drafters."""
    return can_apply_proposal(access)


def can_release_bridging(access: Access) -> bool:
    return access.is_mediator


def can_see_bridging(access: Access, bridging: BridgingProposal) -> bool:
    return access.is_team or bridging.released_at is not None


def visible_bridging_filter(access: Access):
    """The SQL twin of can_see_bridging."""
    if access.is_team:
        return BridgingProposal.id.is_not(None)
    return BridgingProposal.released_at.is_not(None)


def bridging_or_404(access: Access, bridging: BridgingProposal | None) -> BridgingProposal:
    if bridging is None or not can_see_bridging(access, bridging):
        raise NotFound()
    return bridging


def bridging_access_or_404(user, public_id: str) -> tuple[Access, BridgingProposal]:
    """A bridging proposal by its public id, for a member of its process who may see it:
    unreleased ones are the team's (404 otherwise, exactly as a missing id)."""
    bridging = db.session.scalar(select(BridgingProposal).where(BridgingProposal.public_id == public_id))
    if bridging is None:
        raise NotFound()
    access = access_or_404(user, db.session.get(Round, bridging.round_id).document.process)
    return access, bridging_or_404(access, bridging)


def sees_bridging_details(access: Access) -> bool:
    """Which proposals a bridging proposal answers, and whether it is released: the team's."""
    return access.is_team


def sees_proposals_beside_languages(access: Access) -> bool:
    """A proposal beside the clause's text in the document's other languages: the team's
    view (it weighs a proposal against every authentic text)."""
    return access.is_team


def writing_languages(access: Access, document) -> list:
    """The languages a party may write a submission in: the document's languages it has
    heard of (those a circulated round carried; never one only the working draft has)."""
    return languages_heard_of(access, document, languages_of(document))
