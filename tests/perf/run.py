"""The benchmark suite: `python -m tests.perf.run [--scale full|medium|smoke] [--db sqlite,postgresql]`.

Builds the synthetic process on each database, times the product's operations through
the same code paths users hit (the API through Flask's test client, the operations
for writes), and times baselines on the same data in the same run, so the results are
ratios. Writes results.json and results.md (with the commit) into --out."""
import argparse
import gc
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.generate import SCALES, add_authentic_language, build  # noqa: E402

TARGETS = {   # operation: (seconds, how it is judged)
    "circulate a round": 1.0, "diff between two rounds": 1.0, "document status": 0.3, "document status (party)": 0.3,
    "1,000-clause section page": 0.3, "one clause edit": 0.05, "clean DOCX export": 5.0,
    "redline DOCX export": 8.0, "import from DOCX": 30.0,
    "read a DOCX of 40,000 continuation paragraphs": 3.0,
    "Word round trip, dry run (clean working draft taken back)": 30.0, "peak memory (any operation)": None,
    "search, a word in nearly every clause (party)": 1.0, "search, a rare word (party)": 0.2,
    "circulate a round (two authentic languages)": 1.0, "document status (two authentic languages)": 0.3,
    "1,000-clause section page (two authentic languages)": 0.3,
    "section page as read (two authentic languages)": 0.3,
}


def measure(func, repeat: int = 1, *, memory: bool = True):
    """(median seconds, peak MiB of Python allocations, result of the last call).

    Timed runs go without tracemalloc (it slows allocation-heavy code about threefold);
    one more run under tracemalloc gives the peak memory."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    peak = 0
    if memory:
        tracemalloc.start()
        func()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return (statistics.median(times) if times else 0.0), peak / 2**20, result


def calibration() -> float:
    """Seconds for a 10-million-step pure-Python loop: how fast this machine's core is, so
    that absolute figures from different machines can be compared."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - start, 3)


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def make_app(url: str, export_dir: str):
    from app import create_app
    from app.extensions import db
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True,
                      "EXPORT_DIR": export_dir, "RUN_JOBS_IN_THREAD": False, "SOFFICE": "",
                      # The archive job is queued, not run (its time is LibreOffice's); the
                      # database is built from the models, without procrastinate's schema.
                      "TASK_QUEUE": "in-process",
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})     # (PDFs are LibreOffice's time)
    with app.app_context():
        db.create_all()
    return app


# --- baselines --------------------------------------------------------------------------
def baseline_python_docx(texts: list[str]) -> bytes:
    import docx
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def baseline_pandoc(texts: list[str], workdir: Path) -> bytes | None:
    if shutil.which("pandoc") is None:
        return None
    source, target = workdir / "doc.md", workdir / "doc.docx"
    source.write_text("\n\n".join(f"{i + 1}. {t}" for i, t in enumerate(texts)), encoding="utf-8")
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(target), str(source)], check=True)
    return target.read_bytes()


def baseline_dmp(old: str, new: str):
    from diff_match_patch import diff_match_patch
    return diff_match_patch().diff_main(old, new)


def baseline_lxml_floor(texts: list[str]) -> bytes:
    """The floor: one w:p per clause serialised by lxml, zipped; no styles or parts."""
    from lxml import etree
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.Element(f"{{{w}}}document", nsmap={"w": w})
    body = etree.SubElement(root, f"{{{w}}}body")
    for text in texts:
        t = etree.SubElement(etree.SubElement(etree.SubElement(body, f"{{{w}}}p"), f"{{{w}}}r"), f"{{{w}}}t")
        t.text = text
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    return out.getvalue()


# --- one database -------------------------------------------------------------------------
def recorder(name: str, rows: list):
    """row(operation, seconds, ...): one result, judged against its target, printed."""
    def row(operation, seconds, peak, size, baseline=None, baseline_seconds=None, note=""):
        entry = {"backend": name, "operation": operation, "size": size, "seconds": round(seconds, 4),
                 "peak_mib": round(peak, 1), "baseline": baseline,
                 "baseline_seconds": round(baseline_seconds, 4) if baseline_seconds else None,
                 "ratio": round(seconds / baseline_seconds, 3) if baseline_seconds else None, "note": note}
        entry["target_s"] = TARGETS.get(operation)
        entry["met"] = None if entry["target_s"] is None else seconds <= entry["target_s"]
        rows.append(entry)
        print(f"  [{name}] {operation}: {seconds:.3f} s, {peak:.0f} MiB {note}", flush=True)
    return row


def settle_statistics(backend: str) -> None:
    """On PostgreSQL, vacuum and analyse once the process is built. The generator writes
    months of work (120,000 positions in one go) in minutes; a server's autovacuum has long
    caught up with such rows, while here it would still be working on them, on the second
    core, during the first timings, with planner statistics from before the load."""
    if backend != "postgresql":
        return
    from app.extensions import db
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM (ANALYZE)")


def run_backend(name: str, url: str, scale, workdir: Path) -> list[dict]:
    from app.auth.operations import issue_token
    from app.compliance.engine import check_document
    from app.compliance.operations import refresh_findings
    from app.drafting.models import Clause, Document
    from app.drafting.operations import edit_clause
    from app.drafting.queries import working_outline
    from app.export.importing import import_upload
    from app.export.jobs import run_pending
    from app.extensions import db
    from app.auth.models import User
    from app.processes.models import Process, Role
    from app.rounds.models import Round
    from app.processes.permissions import Access
    from app.rounds.operations import circulate_round
    from app.rounds.queries import round_outline

    app = make_app(url, str(workdir / f"exports-{name}"))
    rows: list[dict] = []

    row = recorder(name, rows)

    with app.app_context():
        started = time.perf_counter()
        synthetic = build(scale)
        print(f"  [{name}] built {scale.name} in {time.perf_counter() - started:.0f} s", flush=True)
        settle_statistics(name)
        document_id = synthetic.document.id
        from app.public_ids import encode
        document_ref = encode("document", document_id)     # as URLs name it
        token = issue_token(synthetic.mediator, 1)
        party_token = issue_token(synthetic.delegates[0], 1)
        db.session.commit()
        client = app.test_client()
        team = {"Authorization": f"Bearer {token}"}
        party = {"Authorization": f"Bearer {party_token}"}
        last = synthetic.rounds[-1].number
        # Measure against a clean session, as a server has per request: keep ids, drop the
        # generator's identity map of hundreds of thousands of objects, load what is used.
        keep = {"mediator": synthetic.mediator.id, "process": synthetic.process.id,
                "rounds": [r.id for r in synthetic.rounds[-2:]], "section": synthetic.big_section.id,
                "delegate": synthetic.delegates[0].email}
        db.session.remove()
        del synthetic           # and the objects themselves: a server's heap does not hold them
        gc.collect()
        mediator, process = db.session.get(User, keep["mediator"]), db.session.get(Process, keep["process"])
        previous_round, last_round = (db.session.get(Round, i) for i in keep["rounds"])
        words = sum(len(c.text.split()) for s in working_outline(document_id) for c in s.clauses)
        size = f"{scale.clauses} clauses, {words:,} words, {scale.rounds} rounds, {scale.parties} parties"

        def get(url, headers=team, through=client):
            # A fresh app context gives the request its own session, as in production;
            # the harness's own session first lets go of any lock it holds (SQLite).
            db.session.commit()
            with app.app_context():
                response = through.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
            return response

        def release(url, headers=team):
            # A copy is released (built and recorded) by POST; a GET only fetches it again.
            db.session.commit()
            with app.app_context():
                response = client.post(url, headers=headers)
            assert response.status_code == 201, (url, response.status_code, response.get_data(as_text=True)[:300])
            return response

        # Reading.
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/rounds/{last}/diff?from={last - 1}"), 3)
        row("diff with the full text of every clause", s, peak, size, note="API default: unchanged clauses too")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/rounds/{last}/diff?from={last - 1}"
                                         "&changed_only=1"), 3)
        old_text = "\n".join(c.text for sec in round_outline(previous_round) for c in sec.clauses)
        new_text = "\n".join(c.text for sec in round_outline(last_round) for c in sec.clauses)
        b, _, _ = measure(lambda: baseline_dmp(old_text, new_text))
        row("diff between two rounds", s, peak, size, "diff-match-patch, whole text, character level", b,
            note="changed clauses with word-level ops (?changed_only=1)")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/status?clauses=0"), 3)
        row("document status", s, peak, size, note="team: agreed?, counts per section (?clauses=0)")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/status?clauses=0", party), 3)
        row("document status (party)", s, peak, size, note="a delegate: the same, in its party's view")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/status?positions=0"), 3)
        row("every clause's status", s, peak, size, note="team, 30,000 clause statuses, no per-party matrix")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/status"), 3)
        row("status matrix, every party's positions", s, peak, size, note="team; JSON of all positions")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/status", party), 3)
        row("every clause's status (party view)", s, peak, size, note="with the party's own positions")
        url = f"/documents/{document_ref}/rounds/{last}?section={encode('section', keep['section'])}&per_page=1000"
        client.post("/login", data={"email": keep["delegate"], "password": "benchmark-password"})
        # (the page is read as a party delegate, through the session login)
        page_client = app.test_client()
        s, peak, _ = measure(lambda: get(url, party, page_client), 3)
        row("1,000-clause section page", s, peak, f"{scale.big_section} clauses on the page")
        s, peak, _ = measure(lambda: get(url.replace("&per_page=1000", "&page=2"), party, page_client), 3)
        row("section page as read (a page of 100 clauses)", s, peak, "100 of the section's clauses")

        # Search: ranked, counted and cut to a page of 20 after the caller's visibility,
        # against a scan of the latest round's texts held in memory (no index, no visibility).
        import re as regex
        texts = new_text.split("\n")
        for label, q, who, patterns in (
                ("search, a word in nearly every clause (party)", "tribunal", party, [r"\btribunal\b"]),
                ("search, a word in nearly every clause (team)", "tribunal", team, [r"\btribunal\b"]),
                ("search, a phrase and a word (party)", '"federal government" review', party,
                 [r"\bfederal government\b", r"\breview\b"]),
                ("search, a rare word (party)", "amnesty", party, [r"\bamnesty\b"])):
            s, peak, response = measure(lambda: get(f"/api/v1/search?q={q}", who), 3)
            compiled = [regex.compile(p, regex.IGNORECASE) for p in patterns]
            b, _, found = measure(lambda: sum(1 for t in texts if all(c.search(t) for c in compiled)), 3,
                                  memory=False)
            row(label, s, peak, f"{response.get_json()['total']:,} results of {size}",
                "Python regex scan of the latest round's texts in memory", b,
                note=f"page of 20 with the total; the scan finds {found:,} clauses in one round")

        # Exports, with their baselines on the same texts.
        texts = new_text.split("\n")
        s, peak, response = measure(lambda: release(f"/api/v1/documents/{document_ref}/rounds/{last}/export?variant=clean"))
        b, _, _ = measure(lambda: baseline_python_docx(texts))
        row("clean DOCX export", s, peak, f"{len(texts)} clauses, {len(response.data) // 1024} KiB",
            "python-docx add_paragraph per clause", b)
        pandoc = shutil.which("pandoc")
        if pandoc:
            b, _, _ = measure(lambda: baseline_pandoc(texts, workdir))
            row("clean DOCX export (vs pandoc)", s, peak, f"{len(texts)} clauses", "pandoc markdown to docx", b)
        floor, _, _ = measure(lambda: baseline_lxml_floor(texts))
        s, peak, response = measure(lambda: release(f"/api/v1/documents/{document_ref}/rounds/{last}/export?variant=redline"))
        row("redline DOCX export", s, peak, f"{len(texts)} clauses, {len(response.data) // 1024} KiB",
            "lxml serialise + zip floor", floor)
        s, peak, _ = measure(lambda: release(f"/api/v1/documents/{document_ref}/rounds/{last}/export?variant=matrix"))
        row("comment matrix export", s, peak, size)

        # Compliance over the whole document.
        clauses = [{"id": c.clause_id, "text": c.text, "number": c.number, "section": c.section_id}
                   for sec in working_outline(document_id) for c in sec.clauses]
        from app.compliance.engine import document as engine_document
        check_document([{"id": 0, "text": "warm-up: rules compiled once per process"}])
        engine_document._analysis_of.cache_clear()
        s, peak, _ = measure(lambda: check_document(clauses))
        row("compliance check, whole document", s, peak, f"{len(clauses)} clauses",
            note=f"{len(clauses) / s:,.0f} clauses/s (target 2,000)")
        engine_document._analysis_of.cache_clear()
        document = db.session.get(Document, document_id)
        s, peak, _ = measure(lambda: (refresh_findings(document), db.session.commit()), memory=False)
        row("findings: first check of the stored text (cold)", s, peak, f"{len(clauses)} clauses")
        first = db.session.scalar(db.select(Clause).where(Clause.document_id == document_id).limit(1))
        edit_clause(first.id, first.current_version.text + " Revised.", first.current_version_id,
                    actor=mediator)
        db.session.commit()
        s, peak, _ = measure(lambda: (refresh_findings(document), db.session.commit()), memory=False)
        row("findings: re-check after one edit", s, peak, f"{len(clauses)} clauses",
            note="what the legal queue costs after an edit")

        # Writes.
        ids = list(db.session.scalars(db.select(Clause.id).where(Clause.document_id == document_id)
                                      .order_by(Clause.id).limit(20)))

        def one_edit(state={"i": 0}):
            clause_id = ids[state["i"] % len(ids)]
            state["i"] += 1
            clause = db.session.get(Clause, clause_id)
            edit_clause(clause_id, clause.current_version.text + " Amended.", clause.current_version_id,
                        actor=mediator)
            db.session.commit()
        s, peak, _ = measure(one_edit, 20)      # the memory run is a 21st edit
        row("one clause edit", s, peak, size, note="median of 20, with commit")
        document = db.session.get(Document, document_id)
        # A circulation brings the findings up to date for its gate (the edits above made
        # them stale), as a mediator's does.
        circulate = lambda: (circulate_round(document, actor=mediator, confirm_findings=True),  # noqa: E731
                             db.session.commit())
        s, _, _ = measure(circulate, memory=False)
        one_edit()
        _, peak, _ = measure(circulate, repeat=0)
        row("circulate a round", s, peak, size)
        s, _, ran = measure(run_pending, memory=False)
        row("round archive job (clean + redline, background)", s / max(ran, 1), 0, size,
            note=f"per job ({ran} jobs run)")

        # Import.
        data = release(f"/api/v1/documents/{document_ref}/rounds/{last}/export?variant=clean").data
        team_access = Access(mediator.id, process, Role.mediator, None)
        s, peak, _ = measure(lambda: (import_upload(team_access, data, "Imported", actor=mediator),
                                      db.session.commit()))         # (imported twice: time, then memory)
        row("import from DOCX", s, peak, f"{len(texts)} clauses, {len(data) // 1024} KiB")
        from app.export.importing import check_draft, preview_json, read_upload

        def preview():
            draft = read_upload(data)
            check_draft(draft)
            return preview_json(draft, "Preview")
        s, peak, _ = measure(preview)
        row("import preview (dry run: read, check, outline)", s, peak, f"{len(texts)} clauses")

        # The Word round trip: the team's clean working draft taken back (dry run): read,
        # every article mapped to its clause by its bookmark, compared with its version.
        from app.export.reimport import plan
        copy = release(f"/api/v1/documents/{document_ref}/export").data
        s, peak, _ = measure(lambda: plan(db.session.get(Document, document_id), read_upload(copy)))
        row("Word round trip, dry run (clean working draft taken back)", s, peak, f"{len(texts)} clauses")

        # The pathological import: one article with 40,000 continuation paragraphs, which
        # the reader once joined in quadratic time; its import is then refused (too long).
        from app.errors import Invalid
        from app.export.word import read_docx
        from tests.perf.generate import continuation_docx
        paragraphs = 40_000 if scale.name == "full" else 4_000
        patho = continuation_docx(paragraphs)
        s, peak, _ = measure(lambda: read_docx(patho))
        row("read a DOCX of 40,000 continuation paragraphs", s, peak,
            f"{paragraphs:,} paragraphs, {len(patho) // 1024} KiB", note="linear: an article's lines are joined once")

        def refused_import():
            try:
                import_upload(team_access, patho, "Pathological", actor=mediator)
            except Invalid:
                db.session.rollback()
                return True
            raise AssertionError("a 40,000-line article must be refused")
        s, peak, _ = measure(refused_import)
        row("import refused: one article over the length limit", s, peak, f"{paragraphs:,} paragraphs",
            note="read, checked and refused before anything is written")

        # Two authentic languages (issue #22): the same document given an Arabic text beside
        # every English one (every version, history included), one English edit leaving
        # its Arabic to be updated; then circulation, the status and the side-by-side page.
        # (`--only languages` times these against the one-language rows on their own.)
        document = db.session.get(Document, document_id)
        add_authentic_language(document, "ar", mediator)
        one_edit()
        s, _, _ = measure(circulate, memory=False)
        one_edit()
        _, peak, _ = measure(circulate, repeat=0)
        row("circulate a round (two authentic languages)", s, peak, size, note="English lead, Arabic authentic")
        s, peak, _ = measure(lambda: get(f"/api/v1/documents/{document_ref}/status?clauses=0"), 3)
        row("document status (two authentic languages)", s, peak, size, note="with the texts to be updated")
        newest = db.session.scalar(db.select(db.func.max(Round.number)).where(Round.document_id == document_id))
        page_url = f"/documents/{document_ref}/rounds/{newest}?section={encode('section', keep['section'])}"
        s, peak, _ = measure(lambda: get(page_url + "&per_page=1000", party, page_client), 3)
        row("1,000-clause section page (two authentic languages)", s, peak, f"{scale.big_section} clauses on the page")
        s, peak, _ = measure(lambda: get(page_url + "&page=2", party, page_client), 3)
        row("section page as read (two authentic languages)", s, peak, "100 of the section's clauses")
        texts_url = (f"/documents/{document_ref}/texts?round={newest}&lang=en&lang=ar"
                     f"&section={encode('section', keep['section'])}")
        s, peak, _ = measure(lambda: get(texts_url, party, page_client), 3)
        row("side-by-side section page (two languages)", s, peak, f"{scale.big_section} clauses on the page")
        db.session.remove()
        db.engine.dispose()
    return rows


def run_languages(name: str, url: str, scale, workdir: Path) -> list[dict]:
    """`--only languages`: issue #22's rows at any scale, each against the same operation on
    the same document with one language, timed in the same run just before. Builds the
    one-language process, times circulation (after one edit, as a mediator circulates),
    the document status and the round pages (1,000 clauses and the page of 100 a reader
    gets), gives the document its second authentic language in every version, and times
    the same again, one English edit leaving its Arabic to be updated; then the
    side-by-side page of the 1,000-clause section in both languages."""
    from app.auth.models import User
    from app.auth.operations import issue_token
    from app.drafting.models import Clause, Document
    from app.drafting.operations import edit_clause
    from app.drafting.queries import working_outline
    from app.extensions import db
    from app.public_ids import encode
    from app.rounds.models import Round
    from app.rounds.operations import circulate_round

    app = make_app(url, str(workdir / f"exports-{name}"))
    rows: list[dict] = []

    row = recorder(name, rows)

    with app.app_context():
        started = time.perf_counter()
        synthetic = build(scale)
        print(f"  [{name}] built {scale.name} in {time.perf_counter() - started:.0f} s", flush=True)
        settle_statistics(name)
        document_id = synthetic.document.id
        document_ref = encode("document", document_id)
        party_token = issue_token(synthetic.delegates[0], 1)
        token = issue_token(synthetic.mediator, 1)
        db.session.commit()
        keep = {"mediator": synthetic.mediator.id, "section": synthetic.big_section.id,
                "delegate": synthetic.delegates[0].email}
        db.session.remove()
        del synthetic
        gc.collect()
        mediator = db.session.get(User, keep["mediator"])
        words = sum(len(c.text.split()) for s in working_outline(document_id) for c in s.clauses)
        size = f"{scale.clauses} clauses, {words:,} words, {scale.rounds} rounds, {scale.parties} parties"
        team = {"Authorization": f"Bearer {token}"}
        party = {"Authorization": f"Bearer {party_token}"}
        page_client = app.test_client()
        page_client.post("/login", data={"email": keep["delegate"], "password": "benchmark-password"})

        def get(url, headers, through):
            db.session.commit()
            with app.app_context():
                response = through.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
            return response

        ids = list(db.session.scalars(db.select(Clause.id).where(Clause.document_id == document_id)
                                      .order_by(Clause.id).limit(20)))

        def one_edit(state={"i": 0}):
            clause = db.session.get(Clause, ids[state["i"] % len(ids)])
            state["i"] += 1
            edit_clause(clause.id, clause.current_version.text + " Amended.", clause.current_version_id,
                        actor=mediator)
            db.session.commit()

        def circulate():
            circulate_round(db.session.get(Document, document_id), actor=mediator, confirm_findings=True)
            db.session.commit()

        def timings(label: str) -> dict:
            """Circulation after one edit (median of 5 edit + circulate pairs, the edits
            untimed), the status and the two round pages (median of 3 each)."""
            # Warm-up, untimed: one edit and circulation, each page once (a server that has
            # checked this document's texts before holds their analyses; the first check of
            # 30,000 new texts in a process is the "first check" row of the full run).
            one_edit()
            circulate()
            times = []
            for _ in range(5):
                one_edit()
                start = time.perf_counter()
                circulate()
                times.append(time.perf_counter() - start)
            newest = db.session.scalar(db.select(db.func.max(Round.number)).where(Round.document_id == document_id))
            page = f"/documents/{document_ref}/rounds/{newest}?section={encode('section', keep['section'])}"
            found = {"circulate a round": (statistics.median(times), 0)}
            for url, headers in ((page + "&per_page=1000", party), (page + "&page=2", party)):
                get(url, headers, page_client)
            for what, url, headers in (
                    ("document status", f"/api/v1/documents/{document_ref}/status?clauses=0", team),
                    ("document status (party)", f"/api/v1/documents/{document_ref}/status?clauses=0", party),
                    ("1,000-clause section page", page + "&per_page=1000", party),
                    ("section page as read", page + "&page=2", party)):
                s, peak, _ = measure(lambda: get(url, headers, page_client if headers is party else app.test_client()), 3)
                found[what] = (s, peak)
            print(f"  [{name}] {label}: " + ", ".join(f"{k} {v[0]:.3f} s" for k, v in found.items()), flush=True)
            return found

        one = timings("one language")
        added = time.perf_counter()
        written = add_authentic_language(db.session.get(Document, document_id), "ar", mediator)
        print(f"  [{name}] wrote {written:,} Arabic texts in {time.perf_counter() - added:.0f} s", flush=True)
        if name == "postgresql":
            settle_statistics(name)     # as for the build: the bulk rows analysed
        two = timings("two authentic languages")
        size2 = size + f"; Arabic authentic: {written:,} texts (every version)"
        for what, (s, peak) in two.items():
            operation = f"{what} (two authentic languages)"
            if what == "document status":
                operation = "document status (two authentic languages)"
            row(operation, s, peak, size2, f"{what}, one language, same run", one[what][0],
                note="English lead, Arabic authentic; the last English edit leaves its Arabic to be updated")
        newest = db.session.scalar(db.select(db.func.max(Round.number)).where(Round.document_id == document_id))
        texts_url = (f"/documents/{document_ref}/texts?round={newest}&lang=en&lang=ar"
                     f"&section={encode('section', keep['section'])}")
        s, peak, _ = measure(lambda: get(texts_url, party, page_client), 3)
        row("side-by-side section page (two languages)", s, peak, f"{scale.big_section} clauses in two columns",
            "1,000-clause section page, one language, same run", one["1,000-clause section page"][0])
        db.session.remove()
        db.engine.dispose()
    return rows


def markdown(results: dict) -> str:
    lines = [f"Commit `{results['commit']}`, {results['when']}, scale `{results['scale']}`, "
             f"machine: {os.cpu_count()} cores; calibration (10M-step Python loop): "
             f"{results.get('calibration_s', '?')} s.", "",
             "| Backend | Operation | Size | Time (s) | Target (s) | Met | Baseline | Baseline (s) | Ratio | Peak MiB | Note |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results["rows"]:
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        lines.append(f"| {r['backend']} | {r['operation']} | {r['size']} | {r['seconds']} | {r['target_s'] or ''} | "
                     f"{met} | {r['baseline'] or ''} | {r['baseline_seconds'] or ''} | {r['ratio'] or ''} | "
                     f"{r['peak_mib']} | {r['note']} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--out", default=str(ROOT / "tests" / "perf" / "results"))
    parser.add_argument("--only", choices=["languages"], default=None,
                        help="only issue #22's rows, against their one-language baselines")
    parser.add_argument("--postgresql-url", default=None, help="use this database instead of a throwaway server")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="penholder-bench-"))
    ran_on, calibrated = commit(), calibration()      # before the run: the code measured
    rows = []
    run = run_languages if args.only == "languages" else run_backend
    for backend in [b.strip() for b in args.db.split(",") if b.strip()]:
        print(f"{backend}: building the {scale.name} process ...", flush=True)
        if backend == "sqlite":
            rows += run("sqlite", f"sqlite:///{workdir / 'bench.db'}", scale, workdir)
        elif args.postgresql_url:
            rows += run("postgresql", args.postgresql_url, scale, workdir)
        else:
            from tests.pg_server import PostgresServer, find_pg_bin
            server = PostgresServer(find_pg_bin())
            server.start(durable=True)
            try:
                rows += run("postgresql", server.create_database("bench"), scale, workdir)
            finally:
                server.stop()
    results = {"commit": ran_on, "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "scale": scale.name, "calibration_s": calibrated, "rows": rows}
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)
    print(markdown(results))
    return results


if __name__ == "__main__":
    main()
