"""The state of a round's archive job, and queueing it again."""
from sqlalchemy import select

from ..audit.operations import record_event
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
        return {"status": "none", "progress": 0, "files": {}, "error": None}
    return {"status": job.status, "progress": job.progress, "files": job.files or {}, "error": job.error}


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
