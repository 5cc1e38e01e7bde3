"""The round archive as a background job: circulation only queues a row and a job, so
it stays instant; the job (a queue worker, or on the SQLite demo a thread of the process,
app/queue) writes the round's clean draft, its redline against the previous round, each
party's copy, and PDFs of the clean copies into EXPORT_DIR, each in every language of the
document its recipient may read (issue #22). On the queue a job cut off
is retried by the next worker; in process, a row left running is queued again when the
app next serves a request (or by `run-jobs`).
"""
import logging
import subprocess
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from ..audit.operations import BACKGROUND_JOB, acting_as_system, record_event
from ..database import reading_first, start_writing
from ..drafting.languages import languages_of, lead_of
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import system_access
from ..queue.engine import defer
from ..rounds.models import Round
from .files import store
from .models import ExportJob
from .pdf import find_soffice, PdfFailed, PdfUnavailable, to_pdf
from .permissions import archive_languages
from .service import file_name, release_id, render

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=15)     # a "running" job older than this was cut off
MAX_ATTEMPTS = 3


def queue_archive(sender, round_id: int, **_):
    """A circulated round's archive: a row that shows its progress, and a job on the queue
    in the circulation's own transaction."""
    job = ExportJob(round_id=round_id)
    db.session.add(job)
    db.session.flush()
    defer_archive(job)


def defer_archive(job: ExportJob) -> None:
    # One job per row waits at most; two archives of one round never run at once.
    defer("archive_round", lock=f"round-archive-{job.round_id}", queueing_lock=f"archive-{job.id}",
          export_job_id=job.id)


def archive_task(export_job_id: int, *, attempt: int = 0, final: bool = True) -> None:
    """The queue's job: writes the archive of one row. A retry (attempt > 0) takes up a
    row its cut-off predecessor left "running"; the queue's lock guarantees that
    predecessor is not running any more. A failure that will be retried leaves the row
    queued with its error; raising asks the queue for the retry."""
    with reading_first():
        start_writing()
        statuses = ("queued", "running") if attempt else ("queued",)
        claimed = db.session.execute(update(ExportJob).where(
            ExportJob.id == export_job_id, ExportJob.status.in_(statuses)).values(
            status="running", started_at=utcnow(), attempts=ExportJob.attempts + 1))
        db.session.commit()
        if claimed.rowcount != 1:
            return              # done already, or taken by `run-jobs`
        if not run_job(export_job_id, final=final):
            raise ArchiveFailed(f"export job {export_job_id} failed")


class ArchiveFailed(RuntimeError):
    pass


def requeue_stale() -> int:
    start_writing()
    result = db.session.execute(update(ExportJob).where(
        ExportJob.status == "running", ExportJob.started_at < utcnow() - STALE_AFTER,
        ExportJob.attempts < MAX_ATTEMPTS).values(status="queued"))
    db.session.commit()
    return result.rowcount


def run_pending() -> int:
    """Runs queued jobs one by one until none is left; returns how many it ran.

    Each job builds its files in reading transactions and records them in short writing
    ones (app/database.py), so that on SQLite a treaty's archive never holds the write
    lock while it is built and the requests beside it do not wait for it."""
    with reading_first():
        return _run_pending()


def _run_pending() -> int:
    requeue_stale()
    done = 0
    while True:
        job_id = db.session.scalar(select(ExportJob.id).where(ExportJob.status == "queued")
                                   .order_by(ExportJob.id).limit(1))
        if job_id is None:
            db.session.rollback()
            return done
        start_writing()
        claimed = db.session.execute(update(ExportJob).where(ExportJob.id == job_id, ExportJob.status == "queued")
                                     .values(status="running", started_at=utcnow(),
                                             attempts=ExportJob.attempts + 1))
        db.session.commit()
        if claimed.rowcount != 1:
            continue            # another worker took it
        run_job(job_id)
        done += 1


def archive_copies(team, document, round_, previous) -> list[tuple[str, object, object, object]]:
    """What a round's archive holds: (variant, recipient, round compared with, language):
    the team's clean text and redline, and each party's and observer group's clean copy,
    each in every language its recipient may read (permissions.archive_languages; None
    for the lead)."""
    copies = []
    for recipient in [None, *document.process.parties]:
        for language in archive_languages(team, document, recipient):
            tongue = None if language.lead else language
            copies.append(("clean", recipient, None, tongue))
            if recipient is None and previous is not None:
                copies.append(("redline", None, previous, tongue))
    return copies


def archive_key(variant: str, recipient, language) -> str:
    """A file's key in the archive (and its URL): "clean", "redline", "clean-alpha" for the
    lead language as before languages; "clean.ar", "clean-alpha.ar" in another (party
    slugs and language codes hold no dot); ".pdf" after it for the PDF."""
    return variant + (f"-{recipient.slug}" if recipient else "") + (f".{language.code}" if language else "")


def run_job(job_id: int, *, final: bool = True) -> bool:
    """Writes the round's archive: each copy as .docx, then the clean copies as PDF
    (one LibreOffice run for all of them; where there is no LibreOffice the archive says
    so and is still done)."""
    job = db.session.get(ExportJob, job_id)
    round_ = db.session.get(Round, job.round_id)
    document = round_.document
    team = system_access(document.process, BACKGROUND_JOB)
    previous = db.session.scalar(select(Round).where(Round.document_id == document.id,
                                                     Round.number == round_.number - 1))
    try:
        files, pdf_sources = {}, {}
        copies = archive_copies(team, document, round_, previous)
        # In a document of several languages every file's name says its language, the lead's too.
        lead = lead_of(document) if len(languages_of(document)) > 1 else None
        for step, (variant, recipient, against, language) in enumerate(copies):
            data = render(team, document, round_, variant, recipient, against, language)
            name = file_name(document, round_, variant, recipient, against, language=language or lead)
            key = archive_key(variant, recipient, language)
            start_writing()
            stored = store(document, name, data, variant=variant, round_number=round_.number,
                           against_number=against.number if against else None,
                           recipient_id=recipient.id if recipient else None,
                           release_id=release_id(document, round_, variant, recipient, against, language),
                           language=language.code if language else None)
            files[key] = stored.path
            if variant == "clean":
                pdf_sources[key] = (data, name, recipient, language)
            job.progress = int(80 * (step + 1) / len(copies))
            job.files = dict(files)
            db.session.commit()
        pdf_note = None
        try:
            pdfs = to_pdf({key: data for key, (data, *_) in pdf_sources.items()},
                          soffice=find_soffice(current_app.config.get("SOFFICE", "auto")))
        except PdfUnavailable as err:
            pdfs, pdf_note = {}, f"No PDF: {err}."
        except (PdfFailed, subprocess.TimeoutExpired, OSError) as err:
            # The Word files are written; a converter that failed leaves a note, not a failed archive.
            pdfs, pdf_note = {}, f"No PDF: the conversion failed ({type(err).__name__}: {str(err)[:300]})."
            log.warning("export job %s: PDF conversion failed: %s", job_id, err)
        start_writing()
        for key, pdf in pdfs.items():
            _, name, recipient, language = pdf_sources[key]
            stored = store(document, name.rsplit(".", 1)[0] + ".pdf", pdf, variant="clean",
                           round_number=round_.number, recipient_id=recipient.id if recipient else None,
                           release_id=release_id(document, round_, "clean", recipient, None, language),
                           language=language.code if language else None)
            files[f"{key}.pdf"] = stored.path
        job = db.session.get(ExportJob, job_id)
        job.files, job.error = dict(files), pdf_note
        job.status, job.progress, job.finished_at = "done", 100, utcnow()
        with acting_as_system(BACKGROUND_JOB):      # the archive is the system's, not a member's
            record_event(None, "export.archive", round_, process_id=document.process_id,
                         changes={"document_id": document.id, "round": round_.number, "files": len(files),
                                  "pdf": pdf_note is None})
        db.session.commit()
        return True
    except Exception as err:
        db.session.rollback()
        start_writing()
        job = db.session.get(ExportJob, job_id)
        job.status = "failed" if final else "queued"
        job.error, job.finished_at = f"{type(err).__name__}: {err}"[:2000], utcnow()
        db.session.commit()
        log.exception("export job %s failed%s", job_id, "" if final else " (to be retried)")
        return False
