"""Reading submissions, filtered in SQL by what the caller may see."""
from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..processes.models import Attribution
from ..processes.permissions import Access
from .models import InternalNote, Kind, Status, Submission, VersionAnswer


def visible_filter(access: Access):
    """The SQL twin of permissions.can_see_submission."""
    if access.is_team:
        return Submission.status != Status.draft
    shared = and_(Submission.status == Status.submitted, Submission.shared_with_all.is_(True))
    joint = (and_(Submission.status == Status.submitted, Submission.made_in_joint.is_(True),
                  Submission.kind != Kind.view)
             if access.is_delegate else false())
    return or_(Submission.party_id == access.party_id, shared, joint)


def submissions_for(access: Access, *, clause_ids=None, round_id=None) -> list[Submission]:
    query = (select(Submission).where(visible_filter(access))
             .options(selectinload(Submission.replies), selectinload(Submission.dispositions),
                      selectinload(Submission.party), selectinload(Submission.round),
                      selectinload(Submission.author), selectinload(Submission.version))
             .order_by(Submission.id))
    if clause_ids is not None:
        query = query.where(Submission.clause_id.in_(list(clause_ids)))
    if round_id is not None:
        query = query.where(Submission.round_id == round_id)
    return list(db.session.scalars(query))


def submissions_by_clause(access: Access, *, round_id: int, clause_ids=None) -> dict[int, list[Submission]]:
    """What the caller may see of a round, grouped per clause (compilations, panels, exports)."""
    grouped: dict[int, list[Submission]] = {}
    for s in submissions_for(access, clause_ids=clause_ids, round_id=round_id):
        grouped.setdefault(s.clause_id, []).append(s)
    return grouped


def notes_for(access: Access, clause_ids) -> list[InternalNote]:
    if not access.is_team:
        return []
    return list(db.session.scalars(select(InternalNote).where(InternalNote.clause_id.in_(list(clause_ids)))
                                   .order_by(InternalNote.id)))


def answered_proposals(access: Access, version_ids) -> dict[int, list[dict]]:
    """For each new version, the proposals it answers: attributed for the team; for
    parties as the process says (their own always named, others anonymous or hidden)."""
    rows = db.session.execute(
        select(VersionAnswer.version_id, Submission).join(Submission, Submission.id == VersionAnswer.submission_id)
        .where(VersionAnswer.version_id.in_(list(version_ids)))).all()
    mode = access.process.proposal_attribution
    out: dict[int, list[dict]] = {}
    for version_id, submission in rows:
        own = submission.party_id == access.party_id
        if access.is_team or own or mode == Attribution.attributed:
            entry = {"submission_id": submission.public_id, "party": submission.party.name}
        elif mode == Attribution.anonymous:
            entry = {"submission_id": None, "party": None}
        else:
            continue
        out.setdefault(version_id, []).append(entry)
    return out
