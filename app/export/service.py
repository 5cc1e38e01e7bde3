"""One function per request: the DOCX bytes and a file name, recorded as a release."""
import re

from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.models import Document
from ..processes.models import Party, Role
from ..processes.permissions import Access
from ..rounds.models import Round
from .word import build_clean, build_comments, build_matrix, build_redline
from .files import store
from .gather import clean_sections, comments_for, matrix_rows, meta_for, redline_sections


def file_name(document: Document, round_: Round | None, variant: str, recipient: Party | None,
              against: Round | None = None) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", document.title).strip("-")[:60] or "document"
    where = f"Rev{round_.number}" if round_ else "working-draft"
    if against is not None:
        where += f"-vs-Rev{against.number}"
    who = f"-{recipient.slug}" if recipient else ""
    return f"{stem}-{where}-{variant}{who}.docx"


def render(access: Access, document: Document, round_: Round | None, variant: str,
           recipient: Party | None, against: Round | None = None) -> bytes:
    """The DOCX for one variant. A party copy gathers data as that party would see it."""
    meta = meta_for(document, round_, recipient, team=access.is_team)
    if variant == "clean":
        return build_clean(meta, clean_sections(document, round_))
    if round_ is None:
        raise ValueError("only the clean variant exists for the working draft")
    if variant == "redline":
        return build_redline(meta, redline_sections(against, round_)) if against else \
            build_clean(meta, clean_sections(document, round_))
    if variant == "comments":
        scope = access if recipient is None else Access(access.user_id, access.process, Role.delegate, recipient.id)
        return build_comments(meta, clean_sections(document, round_), comments_for(scope, round_, recipient))
    headers, rows = matrix_rows(access, document, round_)
    return build_matrix(meta, headers, rows)


def export(access: Access, document: Document, round_: Round | None, variant: str, recipient: Party | None,
           *, actor, against: Round | None = None) -> tuple[str, bytes]:
    data = render(access, document, round_, variant, recipient, against)
    name = file_name(document, round_, variant, recipient, against)
    start_writing()         # the file is built: only now take the write lock to record it
    stored = store(document, name, data, variant=variant, round_number=round_.number if round_ else None,
                   against_number=against.number if against else None,
                   recipient_id=recipient.id if recipient else None, requested_by_id=getattr(actor, "id", None))
    # The release record: which wording went to whom, when, and the file's fingerprint.
    record_event(actor, "export.download", round_ or document, process_id=access.process.id,
                 changes={"document_id": document.id, "round": round_.number if round_ else None,
                          "variant": variant, "recipient": recipient.slug if recipient else None,
                          "against": against.number if against else None, "sha256": stored.sha256,
                          "file": stored.path})
    return name, data
