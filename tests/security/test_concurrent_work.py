"""Concurrent work through a real threaded HTTP server on loopback, on the embedded
SQLite and on PostgreSQL: readers, writers, GETs that write (an export records its
release, the findings are refreshed when next read), a circulation whose archive job
runs in its background thread, and an import of a long Word file, all at once.

No answer is a 5xx, every acknowledged write is stored, and the audit chain verifies.
(On SQLite a GET that wrote began a deferred transaction and failed with "database is
locked" as soon as another writer committed first; the archive job and the import held
the write lock while they built or parsed.)"""
import io
import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from docx import Document as WordDocument
from sqlalchemy import func, select
from werkzeug.serving import make_server
from app.public_ids import encode

from app.audit.queries import chain_rows
from app.audit.verify import verify_entries
from app.auth.operations import issue_token
from app.extensions import db
from tests.conftest import make_test_app
from tests.helpers import build_world
from tests.security.scene import AMNESTY, access

CLAUSES = 1200
ROUNDS_OF_WORK = 12       # requests per worker thread: bounded in count (and so in time)


@pytest.fixture
def served(backend, request, tmp_path):
    """A fresh database, a threaded server on loopback, tokens for the cast."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'concurrent.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database(f"penholder_concurrent_{time.monotonic_ns()}")
    app = make_test_app(url, RUN_JOBS_IN_THREAD=True, EXPORT_DIR=str(tmp_path / "exports"))
    with app.app_context():
        db.create_all()
        world = build_world()
        from app.drafting.operations import add_clause, add_section, create_document
        from app.rounds.operations import circulate_round
        mediator = world.users["mediator"]
        document = create_document(access(world, "mediator"), "Concurrent text", actor=mediator)
        sections = [add_section(document, f"Chapter {n}", actor=mediator) for n in (1, 2, 3)]
        clauses = [add_clause(document, sections[i % 3],
                              AMNESTY if i == 7 else f"Article text number {i}: the Parties shall [meet / confer].",
                              actor=mediator) for i in range(CLAUSES)]
        circulate_round(document, actor=mediator, confirm_findings=True)     # over the amnesty of Article 8
        tokens = {who: issue_token(world.users[who], 1) for who in
                  ("mediator", "drafter", "legal", "delegate_a", "delegate_b")}
        db.session.commit()
        ids = {"document": document.id, "document_pid": document.public_id,
               "clauses": [(c.id, c.current_version_id) for c in clauses],
               "pids": [(c.public_id, encode("version", c.current_version_id)) for c in clauses]}
        from app.export.jobs import run_pending
        run_pending()                           # Rev. 1's archive, before the race begins
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}", tokens, ids
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def call(base, token, method, path, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Authorization": f"Bearer {token}"}
    if data is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def long_word_file(paragraphs: int) -> bytes:
    document = WordDocument()
    for chapter in range(4):
        document.add_heading(f"Imported chapter {chapter + 1}", level=1)
        for n in range(paragraphs // 4):
            document.add_paragraph(f"{n + 1}. Imported article {chapter}-{n}: the Parties shall cooperate.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_readers_writers_exports_an_archive_job_and_an_import_at_once(served):
    app, base, tokens, ids = served
    document = ids["document_pid"]
    word = long_word_file(4000)
    results: dict[str, list] = {}
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(name, requests):
        start.wait(timeout=30)
        answers = []
        for request in requests:
            answers.append((request, call(base, *request)))
        with lock:
            results[name] = answers

    def commenter(who, party_key):
        clause_ids = [cid for cid, _ in ids["pids"]]
        return [(tokens[who], "POST", f"/api/v1/clauses/{clause_ids[i * 7 % CLAUSES]}/comments",
                 {"kind": "comment", "body": f"{who} comment {i}"}) for i in range(ROUNDS_OF_WORK)]

    edits = [(tokens["drafter"], "PATCH", f"/api/v1/clauses/{cid}",
              {"text": f"Edited article {n}: the Parties shall meet.", "base_version_id": vid})
             for n, (cid, vid) in enumerate(ids["pids"][100:100 + ROUNDS_OF_WORK])]
    exports = [(tokens["mediator"], "POST", f"/api/v1/documents/{document}/rounds/1/export?variant=clean")
               for _ in range(ROUNDS_OF_WORK // 2)]
    readers = [(tokens["delegate_b"], "GET", f"/api/v1/documents/{document}"),
               (tokens["legal"], "GET", f"/api/v1/documents/{document}/findings"),
               (tokens["delegate_a"], "GET", f"/api/v1/documents/{document}/status")] * (ROUNDS_OF_WORK // 3)
    changed_id, changed_base = ids["pids"][50]
    circulation = [(tokens["mediator"], "PATCH", f"/api/v1/clauses/{changed_id}",
                    {"text": "Changed for Rev. 2.", "base_version_id": changed_base}),
                   (tokens["mediator"], "POST", f"/api/v1/documents/{document}/rounds", {"confirm_findings": True}),
                   *[(tokens["legal"], "GET", f"/api/v1/documents/{document}/findings")] * 3,
                   (tokens["mediator"], "POST", f"/api/v1/documents/{document}/rounds/1/export?variant=comments")]
    imports = [(tokens["drafter"], "POST", "/api/v1/processes/testland/documents/import", None,
                _multipart(word), "multipart/form-data; boundary=PENHOLDER")]
    workers = [threading.Thread(target=worker, args=args) for args in (
        ("comments a", commenter("delegate_a", "alpha")), ("comments b", commenter("delegate_b", "beta")),
        ("edits", edits), ("exports", exports), ("readers", readers), ("circulation", circulation),
        ("import", imports), ("positions", _positions(tokens, ids)))]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=300)
    assert all(not t.is_alive() for t in workers), "a worker is still waiting"

    answers = [(name, request, status, body) for name, items in results.items()
               for request, (status, body) in items]
    server_errors = [(name, request[2], status, body[:300]) for name, request, status, body in answers if status >= 500]
    assert not server_errors
    refused = [(name, request[2], status, body[:300]) for name, request, status, body in answers if status >= 400]
    assert not refused, "each request here is a valid one and must be done"

    _wait_for_archives(app, ids["document"])
    with app.app_context():
        from app.comments.models import Submission
        from app.drafting.models import Clause, ClauseVersion, Document
        from app.export.models import ExportFile
        from app.rounds.models import Round
        bodies = set(db.session.scalars(select(Submission.body)))
        assert {f"{who} comment {i}" for who in ("delegate_a", "delegate_b") for i in range(ROUNDS_OF_WORK)} <= bodies
        for n, (cid, _) in enumerate(ids["clauses"][100:100 + ROUNDS_OF_WORK]):
            current = db.session.scalar(select(ClauseVersion.text).join(Clause, Clause.current_version_id == ClauseVersion.id)
                                        .where(Clause.id == cid))
            assert current == f"Edited article {n}: the Parties shall meet."
        assert db.session.scalar(select(func.max(Round.number)).where(Round.document_id == ids["document"])) == 2
        releases = db.session.scalar(select(func.count()).select_from(ExportFile)
                                     .where(ExportFile.requested_by_id.is_not(None)))
        assert releases == len(exports) + 1
        imported = db.session.scalar(select(Document).where(Document.title == "Long import"))
        [(_, (_, answer))] = results["import"]
        assert imported is not None and json.loads(answer)["id"] == imported.public_id
        assert db.session.scalar(select(func.count()).select_from(Clause).where(
            Clause.document_id == imported.id)) == json.loads(answer)["clauses"] > 3000
        report = verify_entries(chain_rows())
        assert report.ok, report


def _positions(tokens, ids):
    return [(tokens["delegate_a"], "PUT", f"/api/v1/clauses/{cid}/positions/alpha",
             {"status": "agreed", "version_id": vid}) for cid, vid in ids["pids"][200:200 + ROUNDS_OF_WORK]]


def _multipart(data: bytes) -> bytes:
    return (b"--PENHOLDER\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nLong import\r\n"
            b"--PENHOLDER\r\nContent-Disposition: form-data; name=\"file\"; filename=\"long.docx\"\r\n"
            b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n--PENHOLDER--\r\n")


def _wait_for_archives(app, document_id: int, timeout: float = 120) -> None:
    from app.export.models import ExportJob
    from app.rounds.models import Round
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            states = db.session.scalars(select(ExportJob.status).join(Round, Round.id == ExportJob.round_id)
                                        .where(Round.document_id == document_id)).all()
            db.session.remove()
        if len(states) == 2 and all(s == "done" for s in states):
            return
        assert "failed" not in states, states
        time.sleep(0.5)
    pytest.fail(f"the archive jobs did not finish: {states}")
