"""The round archive as a background job: circulation only queues a row, so it stays
instant; a worker thread (or `flask run-jobs`) writes the round's clean draft, its
redline against the previous round, each party's copy, and PDFs of the clean copies
into EXPORT_DIR. A job cut off by a restart is
queued again when the app next serves a request (or by `run-jobs`).
"""
import logging
import subprocess
import threading
from datetime import timedelta

from flask import Flask, current_app, has_app_context
from sqlalchemy import select, update

from ..database import reading_first, start_writing
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import operator_access
from ..rounds.models import Round
from .models import ExportJob

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=15)     # a "running" job older than this was cut off
MAX_ATTEMPTS = 3
_lock = threading.Lock()


def queue_archive(sender, round_id: int, **_):
    db.session.add(ExportJob(round_id=round_id))
    db.session.flush()
    db.session.info["export_jobs_pending"] = True


def start_after_commit(session):
    if session.info.pop("export_jobs_pending", False) and has_app_context():
        app = current_app._get_current_object()
        if app.config.get("RUN_JOBS_IN_THREAD"):
            start_worker(app)


def start_worker(app: Flask) -> None:
    threading.Thread(target=_work, args=(app,), name="penholder-export", daemon=True).start()


def _work(app: Flask) -> None:
    if not _lock.acquire(blocking=False):
        return      # a worker is running; it picks up every queued job before it stops
    try:
        with app.app_context():
            run_pending()
    except Exception:       # a worker must never take the server down
        log.exception("export worker stopped")
    finally:
        _lock.release()


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


def archive_copies(document, round_, previous) -> list[tuple[str, object, object]]:
    """What a round's archive holds: (variant, recipient, round compared with): the team's
    clean text and redline, and each party's and observer group's clean copy."""
    copies = [("clean", None, None)]
    if previous is not None:
        copies.append(("redline", None, previous))
    copies += [("clean", party, None) for party in document.process.parties]
    return copies


def run_job(job_id: int) -> None:
    """Writes the round's archive: each copy as .docx, then the clean copies as PDF
    (one LibreOffice run for all of them; where there is no LibreOffice the archive says
    so and is still done)."""
    from .files import store
    from .pdf import PdfFailed, PdfUnavailable, find_soffice, to_pdf
    from .service import file_name, release_id, render

    job = db.session.get(ExportJob, job_id)
    round_ = db.session.get(Round, job.round_id)
    document = round_.document
    team = operator_access(document.process)
    previous = db.session.scalar(select(Round).where(Round.document_id == document.id,
                                                     Round.number == round_.number - 1))
    try:
        files, pdf_sources = {}, {}
        copies = archive_copies(document, round_, previous)
        for step, (variant, recipient, against) in enumerate(copies):
            data = render(team, document, round_, variant, recipient, against)
            name = file_name(document, round_, variant, recipient, against)
            key = variant + (f"-{recipient.slug}" if recipient else "")
            start_writing()
            stored = store(document, name, data, variant=variant, round_number=round_.number,
                           against_number=against.number if against else None,
                           recipient_id=recipient.id if recipient else None,
                           release_id=release_id(document, round_, variant, recipient, against))
            files[key] = stored.path
            if variant == "clean":
                pdf_sources[key] = (data, name, recipient)
            job.progress = int(80 * (step + 1) / len(copies))
            job.files = dict(files)
            db.session.commit()
        pdf_note = None
        try:
            pdfs = to_pdf({key: data for key, (data, _, _) in pdf_sources.items()},
                          soffice=find_soffice(current_app.config.get("SOFFICE", "auto")))
        except PdfUnavailable as err:
            pdfs, pdf_note = {}, f"No PDF: {err}."
        except (PdfFailed, subprocess.TimeoutExpired, OSError) as err:
            # The Word files are written; a converter that failed leaves a note, not a failed archive.
            pdfs, pdf_note = {}, f"No PDF: the conversion failed ({type(err).__name__}: {str(err)[:300]})."
            log.warning("export job %s: PDF conversion failed: %s", job_id, err)
        start_writing()
        for key, pdf in pdfs.items():
            _, name, recipient = pdf_sources[key]
            stored = store(document, name.rsplit(".", 1)[0] + ".pdf", pdf, variant="clean",
                           round_number=round_.number, recipient_id=recipient.id if recipient else None,
                           release_id=release_id(document, round_, "clean", recipient, None))
            files[f"{key}.pdf"] = stored.path
        job = db.session.get(ExportJob, job_id)
        job.files, job.error = dict(files), pdf_note
        job.status, job.progress, job.finished_at = "done", 100, utcnow()
        db.session.commit()
    except Exception as err:
        db.session.rollback()
        start_writing()
        job = db.session.get(ExportJob, job_id)
        job.status, job.error, job.finished_at = "failed", f"{type(err).__name__}: {err}"[:2000], utcnow()
        db.session.commit()
        log.exception("export job %s failed", job_id)


def resume_on_first_request(app: Flask) -> None:
    """Jobs left queued by a restart are picked up once the app serves again."""
    started = {"done": False}

    @app.before_request
    def _resume():
        if not started["done"] and app.config.get("RUN_JOBS_IN_THREAD"):
            started["done"] = True
            start_worker(app)
