"""Reading submissions, filtered in SQL by what the caller may see; a delegate's news."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..drafting.languages import lead_of, lead_stale, languages_of, texts_for
from ..drafting.models import Document
from ..extensions import db
from ..processes.permissions import Access
from ..rounds.models import Round
from .models import Disposition, InternalNote, Reply, Submission, VersionAnswer
from .permissions import attribution_of, sees_notes, visible_filter


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
    if not sees_notes(access):
        return []
    return list(db.session.scalars(select(InternalNote).where(InternalNote.clause_id.in_(list(clause_ids)))
                                   .order_by(InternalNote.id)))


def answered_proposals(access: Access, version_ids) -> dict[int, list[dict]]:
    """For each new version, the proposals it answers: attributed for the team; for
    parties as the process says (their own always named, others anonymous or hidden)."""
    rows = db.session.execute(
        select(VersionAnswer.version_id, Submission).join(Submission, Submission.id == VersionAnswer.submission_id)
        .where(VersionAnswer.version_id.in_(list(version_ids)))).all()
    out: dict[int, list[dict]] = {}
    for version_id, submission in rows:
        how = attribution_of(access, submission)
        if how == "named":
            entry = {"submission_id": submission.public_id, "party": submission.party.name}
        elif how == "anonymous":
            entry = {"submission_id": None, "party": None}
        else:
            continue
        out.setdefault(version_id, []).append(entry)
    return out


def home_news(process, membership):
    """What is new for a delegate or observer: the latest rounds, deadlines, and replies
    and dispositions on their own party's submissions (two queries)."""
    if membership.party_id is None:
        return None
    rounds = db.session.scalars(select(Round).join(Document, Document.id == Round.document_id)
                                .where(Document.process_id == process.id)
                                .order_by(Round.circulated_at.desc()).limit(3)).all()
    replies = db.session.scalar(select(func.count()).select_from(Reply).join(Submission)
                                .where(Submission.party_id == membership.party_id, Reply.from_team.is_(True)))
    dispositions = db.session.scalar(select(func.count()).select_from(Disposition).join(Submission)
                                     .where(Submission.party_id == membership.party_id))
    return {"rounds": rounds, "replies": replies, "dispositions": dispositions}


def written_in(s: Submission) -> str:
    """The language the submission is written in (one from before languages: the lead)."""
    return s.language or lead_of(db.session.get(Document, s.round.document_id)).code


def round_text_of(s: Submission) -> str:
    """The round's text of the clause in the submission's language: what a proposal is
    diffed against (the wording the party read when it wrote)."""
    if s.language is None or s.language == written_in_lead(s):
        return s.version.text
    row = texts_for([s.version_id], s.language).get(s.version_id)
    return row.text if row is not None and row.text else ""


def written_in_lead(s: Submission) -> str:
    return lead_of(db.session.get(Document, s.round.document_id)).code


def beside_proposals(document: Document, submissions) -> dict[int, list[tuple]]:
    """{submission id: [(language, text or None, to be updated)]}: the round's text of each
    proposal's clause (the version the party read) in every other language of the
    document, for reading a proposal in the party's language beside them. Proposals of a
    one-language document get nothing; one query per language for all of them."""
    proposals = [s for s in submissions if s.proposed_text]
    languages = languages_of(document)
    if not proposals or len(languages) < 2:
        return {}
    versions = {s.version_id for s in proposals}
    texts = {lang.code: texts_for(versions, lang.code) for lang in languages if not lang.lead}
    stale_lead = lead_stale(versions)
    beside: dict[int, list[tuple]] = {}
    for s in proposals:
        written = s.language or languages[0].code
        row = []
        for lang in languages:
            if lang.code == written:
                continue
            if lang.lead:
                row.append((lang, s.version.text, s.version_id in stale_lead))
            else:
                text = texts[lang.code].get(s.version_id)
                row.append((lang, text.text if text else None, text is None or text.to_be_updated))
        beside[s.id] = row
    return beside
