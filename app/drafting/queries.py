"""Read helpers for the drafting feature, shared by pages, API and other features."""
from sqlalchemy import select

from ..extensions import db
from ..processes.models import Process
from .models import Document


def documents_in(process: Process) -> list[Document]:
    return list(db.session.scalars(
        select(Document).where(Document.process_id == process.id).order_by(Document.id)))
