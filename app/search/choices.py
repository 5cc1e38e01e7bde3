"""What the search page offers to filter by: only what the caller may hear of."""
from sqlalchemy import func, select

from ..drafting.models import Section
from ..extensions import db
from ..processes.permissions import Access
from ..rounds.models import Round
from ..rounds.permissions import visible_documents
from ..rounds.queries import latest_round, section_summaries
from .permissions import finds_working_draft


def filter_choices(access: Access, document_id: int | None):
    """(documents, round numbers, sections of the chosen document) for the filter form."""
    documents = visible_documents(access)
    ids = [d.id for d in documents]
    highest = db.session.scalar(select(func.max(Round.number)).where(Round.document_id.in_(ids))) if ids else None
    rounds = list(range(1, (highest or 0) + 1))
    sections = []
    chosen = next((d for d in documents if d.id == document_id), None)
    if chosen is not None:
        if finds_working_draft(access):
            sections = [(s.id, s.title) for s in db.session.scalars(
                select(Section).where(Section.document_id == chosen.id, Section.removed_at.is_(None))
                .order_by(Section.position))]
        else:
            latest = latest_round(chosen.id)
            sections = [(s.id, s.title) for s in section_summaries(latest)] if latest else []
    return documents, rounds, sections
