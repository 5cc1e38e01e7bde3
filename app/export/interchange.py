"""Akoma Ntoso downloads and imports for requests: a round gathered from its pins into
the plain data akoma_ntoso.py writes, and the download recorded like any release."""
import hashlib
import re
from datetime import timezone

from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.models import Document
from ..processes.permissions import Access
from ..rounds.models import Round
from ..rounds.queries import round_outline
from .akoma_ntoso import AknClause, AknRound, build_akn
from .permissions import interchange_or_404

AKN_MIMETYPE = "application/akn+xml"


def round_data(document: Document, round_: Round) -> AknRound:
    when = round_.circulated_at if round_.circulated_at.tzinfo else round_.circulated_at.replace(tzinfo=timezone.utc)
    return AknRound(
        process_slug=document.process.slug, process_title=document.process.title, document_id=document.id,
        document_title=document.title, round_number=round_.number, circulated=when.date(),
        nauea=document.process.nauea and not document.is_concluded,
        sections=[(s.title, [AknClause(c.clause_id, c.number, c.title, c.text) for c in s.clauses])
                  for s in round_outline(round_)])


def file_name(document: Document, round_: Round) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", document.title).strip("-")[:60] or "document"
    return f"{stem}-Rev{round_.number}-akoma-ntoso.xml"


def export_akn(access: Access, document: Document, round_: Round, *, actor) -> tuple[str, bytes]:
    """The round as Akoma Ntoso, for the mediation team (the interchange copy is the
    team's to pass on; a party's copy of a round is its marked Word file), recorded in
    the audit log with the file's fingerprint."""
    interchange_or_404(access)
    data = build_akn(round_data(document, round_))
    start_writing()         # built: only now take the write lock to record it (app/database.py)
    record_event(actor, "export.akn", round_, process_id=document.process_id,
                 changes={"document_id": document.id, "round": round_.number,
                          "sha256": hashlib.sha256(data).hexdigest()})
    return file_name(document, round_), data
