"""The export feature's writes that are no export (those are service.py's): a download of
an archived file and a verification asked of an uploaded one are recorded in the audit
log (flush only, as every operation)."""
from ..audit.operations import record_event
from ..database import start_writing
from ..errors import Invalid
from .releases import document_ids_of, verify


def verify_upload(access, data: bytes, *, actor) -> dict:
    """Shared by the API and the page: the answer, within the caller's process, recorded."""
    if not data:
        raise Invalid("The file is empty.")
    answer = verify(data, document_ids=document_ids_of(access.process.id))
    record_event(actor, "export.verify", access.process, process_id=access.process.id,
                 changes={"sha256": answer["sha256"], "status": answer["status"],
                          "release_id": (answer.get("release") or {}).get("release_id")})
    return answer


def record_archive_download(round_, variant: str, *, actor) -> None:
    """A page that reads: the transaction becomes a writing one only here."""
    start_writing()
    record_event(actor, "export.archive_download", round_, process_id=round_.document.process_id,
                 changes={"round": round_.number, "variant": variant})
