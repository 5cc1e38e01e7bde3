"""The state of a round's archive job, and queueing it again."""
from sqlalchemy import select

from ..audit.operations import record_event
from ..drafting.languages import lead_of
from ..errors import Conflict
from ..extensions import db
from ..rounds.models import Round
from .jobs import defer_archive
from .models import ExportJob


def latest_job(round_: Round) -> ExportJob | None:
    return db.session.scalar(select(ExportJob).where(ExportJob.round_id == round_.id)
                             .order_by(ExportJob.id.desc()).limit(1))


def archive_state(round_: Round) -> dict:
    job = latest_job(round_)
    if job is None:
        return {"status": "none", "progress": 0, "files": {}, "copies": [], "error": None}
    files = job.files or {}
    lead = lead_of(round_.document).code
    return {"status": job.status, "progress": job.progress, "files": files,
            "copies": [describe_key(key, path, lead) for key, path in files.items()], "error": job.error}


def describe_key(key: str, path: str, lead: str) -> dict:
    """What one archived file is, from its key (jobs.archive_key): "clean-alpha.ar.pdf" is
    the clean copy for the party alpha, in Arabic, as PDF."""
    stem, pdf = (key[:-4], True) if key.endswith(".pdf") else (key, False)
    copy, _, code = stem.partition(".")
    variant, _, party = copy.partition("-")
    return {"key": key, "variant": variant, "party": party or None, "language": code or lead,
            "format": "pdf" if pdf else "docx", "file": path.rsplit("/", 1)[-1]}


def copies_by_language(state: dict) -> list[tuple[str, list[dict]]]:
    """The archive's files grouped by language, in the order the job wrote them."""
    groups: dict[str, list[dict]] = {}
    for copy in state.get("copies") or []:
        groups.setdefault(copy["language"], []).append(copy)
    return list(groups.items())


def requeue_archive(round_: Round, *, actor) -> dict:
    job = latest_job(round_)
    if job is not None and job.status in ("queued", "running"):
        raise Conflict("The archive of this round is being written already.", code="job_running")
    job = ExportJob(round_id=round_.id)
    db.session.add(job)
    db.session.flush()
    defer_archive(job)
    record_event(actor, "export.archive_requeue", round_, process_id=round_.document.process_id,
                 changes={"round": round_.number})
    return archive_state(round_)
