"""What the API and the pages share of a copy's request and response: which copy a
request names (query string or form), its release or fetch, the file responses, and the
uploaded file a request must carry."""
from dataclasses import dataclass
from io import BytesIO

from flask import request, send_file
from flask_login import current_user

from ..api.body import db_int
from ..drafting.models import Document
from ..drafting.permissions import document_access_or_404
from ..errors import Invalid, NotFound
from ..i18n import N_
from ..processes.models import Party
from ..processes.permissions import Access
from ..rounds.models import Round
from ..rounds.queries import round_or_404
from .interchange import AKN_MIMETYPE, export_akn
from .permissions import (can_export_working_draft, check_variant, copy_language, interchange_or_404, recipient_for,
                          told_why_not_released)
from .service import export, released_copy

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(name: str, data: bytes, *, status: int = 200, location: str | None = None):
    response = send_file(BytesIO(data), mimetype=DOCX, as_attachment=True, download_name=name)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    if location:
        response.headers["Location"] = location
    return response


@dataclass
class CopyRequest:
    """Which copy a request names: document, round (None: the working draft), variant,
    recipient (None: the team's own copy), and the round a redline compares with."""
    access: Access
    document: Document
    round: Round | None
    variant: str
    recipient: Party | None
    against: Round | None
    language: object = None       # drafting.languages.Language; None: the lead


def copy_request(document_id: int, number: int | None) -> CopyRequest:
    """Shared by the API and the pages, GET and POST: variant, recipient and comparison
    from the query string or the form (request.values)."""
    access, document = document_access_or_404(current_user, document_id)
    values = request.values
    variant = check_variant(values.get("variant", "clean"))
    if number is None:                      # the working draft: the team's, clean only
        if not can_export_working_draft(access):
            raise NotFound()
        if variant != "clean":
            raise Invalid("The working draft exports as a clean text only.")
        round_, against = None, None
    else:
        round_ = round_or_404(document.id, number)
        against = None
        if variant == "redline":
            against_number = _int_value(values.get("from"))
            if against_number is None:
                against_number = round_.number - 1
            if against_number >= round_.number:
                raise Invalid("'from' must name an earlier round.")
            against = round_or_404(document.id, against_number) if against_number >= 1 else None
    recipient = recipient_for(access, variant, values.get("party"))
    language = copy_language(access, document, values.get("language"))
    if language is not None and variant in ("comments", "matrix"):
        raise Invalid("The comments and the matrix are in the lead language only; ask for the clean text "
                      "or the redline in another language.")
    return CopyRequest(access, document, round_, variant, recipient, against, language)


def _int_value(raw: str | None) -> int | None:
    """`from` as query_int reads it, from the query string or the form."""
    if raw is None or raw == "":
        return None
    value = db_int(raw)
    if value is None:
        raise Invalid("'from' must be a whole number (an id, a count or a page).", extra={"field": "from"})
    return value


def copy_query() -> dict:
    """The copy's parameters as a query string: the address a GET fetches it from."""
    return {name: request.values[name] for name in ("variant", "party", "from", "language") if request.values.get(name)}


def release_copy(document_id: int, number: int | None) -> tuple[str, bytes]:
    """POST: builds the copy and records its release to the caller."""
    wanted = copy_request(document_id, number)
    return export(wanted.access, wanted.document, wanted.round, wanted.variant, wanted.recipient,
                  actor=current_user, against=wanted.against, language=wanted.language)


def fetch_copy(document_id: int, number: int | None) -> tuple[str, bytes]:
    """GET: the copy as released to the caller before; writes nothing. For a party, a copy
    not released to it answers exactly as a missing one does; the team is told why."""
    wanted = copy_request(document_id, number)
    found = released_copy(wanted.document, wanted.round, wanted.variant, wanted.recipient,
                          user=current_user, against=wanted.against, language=wanted.language)
    if found is None:
        if not told_why_not_released(wanted.access):
            raise NotFound()
        raise NotFound("This copy has not been released to you: release it first (POST to this address, "
                       "the download buttons on the round page). A GET writes no release record.")
    return found


def akn_request(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    interchange_or_404(access)
    return export_akn(access, document, round_or_404(document.id, number), actor=current_user)


def akn_response(name: str, data: bytes):
    response = send_file(BytesIO(data), mimetype=AKN_MIMETYPE, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response


def uploaded_file(refusal: str, *, named: bool = False):
    """The multipart field 'file', or a 400 saying what to send (`refusal`, marked with N_
    where it is written); `named`: a page's form, where an empty file field counts as none."""
    upload = request.files.get("file")
    if upload is None or (named and not upload.filename):
        raise Invalid(refusal)
    return upload
