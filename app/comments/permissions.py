"""Who may read and write which submissions: proximity talks by default.

- The team reads every submitted item (never a party's drafts) and all notes.
- A delegate reads its own party's items (drafts included: delegates of one party
  share drafts), items the mediator shared with all parties, and, in joint mode,
  every submitted item of every party.
- An observer group reads its own views and what was shared with all.
Anything else does not exist for the caller: 404.
"""
from ..errors import NotFound
from ..processes.permissions import Access, can_answer_submissions, can_edit_text, can_submit
from .models import Kind, Status, Submission


def can_see_submission(access: Access, submission: Submission) -> bool:
    if access.is_team:
        return submission.status != Status.draft
    if submission.party_id == access.party_id:
        return True
    if submission.status != Status.submitted:
        return False
    if submission.shared_with_all:
        return True
    return access.is_delegate and access.process.joint_mode and submission.kind != Kind.view


def submission_or_404(access: Access, submission: Submission | None) -> Submission:
    if submission is None or not can_see_submission(access, submission):
        raise NotFound()
    return submission


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
