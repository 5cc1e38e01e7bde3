"""Which audit entries concern one document: the document itself and everything inside
it (sections, clauses, rounds, submissions and their replies and dispositions, notes,
positions, packages, findings).

Entries name their object by table and id, so this is one subquery per kind of object.
Entries that name the document in their changes only (Word comments imported as notes,
positions) are found through their object, never by searching the JSON.
"""
from sqlalchemy import String, and_, cast, or_, select

from ..agreement.models import Package, Position
from ..comments.models import Disposition, InternalNote, Reply, Submission
from ..compliance.models import Finding
from ..drafting.models import Clause, Document, Section
from ..rounds.models import Round
from .models import AuditEntry


def about_document(document_id: int):
    """A WHERE condition on AuditEntry: the entry is about this document or its content."""
    clauses = select(Clause.id).where(Clause.document_id == document_id)
    submissions = select(Submission.id).where(Submission.clause_id.in_(clauses))
    owned = {
        Document.__tablename__: select(cast(Document.id, String)).where(Document.id == document_id),
        Section.__tablename__: select(cast(Section.id, String)).where(Section.document_id == document_id),
        Clause.__tablename__: select(cast(Clause.id, String)).where(Clause.document_id == document_id),
        Round.__tablename__: select(cast(Round.id, String)).where(Round.document_id == document_id),
        Submission.__tablename__: select(cast(Submission.id, String)).where(Submission.clause_id.in_(clauses)),
        Reply.__tablename__: select(cast(Reply.id, String)).where(Reply.submission_id.in_(submissions)),
        Disposition.__tablename__: select(cast(Disposition.id, String))
        .where(Disposition.submission_id.in_(submissions)),
        InternalNote.__tablename__: select(cast(InternalNote.id, String))
        .where(InternalNote.clause_id.in_(clauses)),
        Position.__tablename__: select(cast(Position.id, String)).where(Position.document_id == document_id),
        Package.__tablename__: select(cast(Package.id, String)).where(Package.document_id == document_id),
        Finding.__tablename__: select(cast(Finding.id, String)).where(Finding.document_id == document_id),
    }
    return or_(*(and_(AuditEntry.object_type == table, AuditEntry.object_id.in_(ids))
                 for table, ids in owned.items()))
