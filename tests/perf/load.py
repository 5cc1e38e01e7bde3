"""Load test on loopback: `python -m tests.perf.load [--scale full] [--users 300] [--minutes 5]
[--think 20,60 --think 5,15]`.

Starts a throwaway PostgreSQL (durable settings), builds the synthetic process, serves
it with gunicorn, runs Locust headless with the mix in locustfile.py once per think
time given (each phase --minutes long, same server and data), then checks that every
write the server acknowledged is in the database. Writes load.json and load.md."""
import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(url: str, scale_name: str, workdir: Path, *, built: bool = False) -> dict:
    """The plan Locust follows; builds the process first unless `built` (a database
    that already holds it, from an earlier run: --postgresql-url)."""
    from sqlalchemy import select

    from app.auth.models import User
    from app.auth.operations import issue_token
    from app.drafting.models import Document
    from app.extensions import db
    from app.processes.models import Membership, Party, Role
    from app.rounds.models import Round, RoundPin
    from app.rounds.paging import PAGE_SIZE
    from tests.perf.generate import SCALES, build
    from tests.perf.run import make_app

    app = make_app(url, str(workdir / "exports"))
    with app.app_context():
        if not built:
            build(SCALES[scale_name])
        document = db.session.scalar(select(Document).order_by(Document.id).limit(1))
        last = db.session.scalar(select(Round).where(Round.document_id == document.id)
                                 .order_by(Round.number.desc()).limit(1))
        pins = db.session.execute(select(RoundPin.clause_id, RoundPin.version_id, RoundPin.section_id)
                                  .where(RoundPin.round_id == last.id)).all()
        delegates = db.session.execute(select(User, Party).join(Membership, Membership.user_id == User.id)
                                       .join(Party, Party.id == Membership.party_id)
                                       .where(Membership.role == Role.delegate,
                                              Party.process_id == document.process_id)).all()
        plan = {
            "document": document.id, "round": last.number, "password": "benchmark-password",
            "sections": sorted({sid for _, _, sid in pins}),
            "pages": {sid: -(-sum(1 for *_, s in pins if s == sid) // PAGE_SIZE) for sid in {s for *_, s in pins}},
            "clauses": [{"id": cid, "version_id": vid} for cid, vid, _ in pins[::7]],
            "delegates": [{"email": u.email, "party": p.slug, "token": issue_token(u, 1)} for u, p in delegates],
        }
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return plan


def verify(url: str, acks_path: Path) -> dict:
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    acks = [json.loads(line) for line in acks_path.read_text().splitlines() if line.strip()]
    submissions = [a["value"] for a in acks if a["kind"] == "submission"]
    positions = [a["value"] for a in acks if a["kind"] == "position"]
    with engine.connect() as conn:
        found_s = {r[0] for r in conn.execute(text("SELECT public_id FROM submissions"))}
        found_p = {r[0] for r in conn.execute(text("SELECT id FROM positions"))}
    engine.dispose()
    return {"acknowledged_submissions": len(submissions), "missing_submissions": len(set(submissions) - found_s),
            "acknowledged_positions": len(positions), "missing_positions": len(set(positions) - found_p)}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="full")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", action="append", help="min,max seconds between a user's requests; "
                        "repeat for several phases (default 20,60)")
    parser.add_argument("--spawn-rate", type=float, default=5,
                        help="delegates logging in per second; statistics start once all are in")
    parser.add_argument("--postgresql-url", default=None,
                        help="a database that already holds the process (skips the build)")
    parser.add_argument("--out", default=str(ROOT / "tests" / "perf" / "results"))
    args = parser.parse_args(argv)
    from tests.pg_server import PostgresServer, find_pg_bin

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="penholder-load-"))
    server = None
    if not args.postgresql_url:
        server = PostgresServer(find_pg_bin())
        server.start(durable=True)
    gunicorn = None
    try:
        url = args.postgresql_url or server.create_database("load")
        started = time.perf_counter()
        plan = prepare(url, args.scale, workdir, built=bool(args.postgresql_url))
        print(f"built {args.scale} in {time.perf_counter() - started:.0f} s", flush=True)
        (workdir / "plan.json").write_text(json.dumps(plan))
        acks = workdir / "acks.jsonl"
        acks.touch()
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "PENHOLDER_SECRET_KEY": "load-test-secret",
               "PENHOLDER_EXPORT_DIR": str(workdir / "exports"), "PENHOLDER_JOBS_IN_THREAD": "0",
               "PENHOLDER_LOAD_PLAN": str(workdir / "plan.json"), "PENHOLDER_LOAD_ACKS": str(acks)}
        gunicorn = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(args.workers), "-k", "gthread",
                                     "--threads", "8", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                                     "wsgi:app"], cwd=ROOT, env=env)
        time.sleep(4)
        thinks = args.think or ["20,60"]
        # Delegates arrive at --spawn-rate; the statistics are reset once all are in, so
        # each phase reports --minutes of the steady state of --users delegates.
        ramp = int(args.users / args.spawn_rate) + 1
        for think in thinks:
            stats = workdir / f"stats-{think.replace(',', '-')}"
            subprocess.run([sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
                            "--headless", "-u", str(args.users), "-r", str(args.spawn_rate), "--reset-stats",
                            "-t", f"{int(args.minutes * 60) + ramp}s",
                            "--host", f"http://127.0.0.1:{port}", "--csv", str(stats), "--only-summary"],
                           cwd=ROOT, env={**env, "PENHOLDER_LOAD_THINK": think}, check=False)
        results = {"scale": args.scale, "users": args.users, "minutes": args.minutes, "workers": args.workers,
                   "phases": collect(workdir, thinks), "writes": verify(url, acks)}
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:      # still draining an overload's queue
                gunicorn.kill()
                gunicorn.wait()
        if server is not None:
            server.stop()
    return write_report(results, args, out)


def collect(workdir: Path, thinks: list[str]) -> list[dict]:
    return [{"think_seconds": think,
             "requests": list(csv.DictReader(open(workdir / f"stats-{think.replace(',', '-')}_stats.csv",
                                                  encoding="utf-8")))} for think in thinks]


def write_report(results: dict, args, out: Path) -> dict:
    (out / "load.json").write_text(json.dumps(results, indent=2))
    lines = [f"Load: {args.users} users, {args.minutes} min per phase, scale {args.scale}, gunicorn "
             f"{args.workers} workers x 8 threads, PostgreSQL 15 (durable), loopback; delegates logging in "
             f"at {args.spawn_rate}/s, statistics from when all are in.", ""]
    for phase in results["phases"]:
        lines += [f"Think time {phase['think_seconds'].replace(',', '-')} s:", "",
                  "| Request | Count | Failures | req/s | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|---|"]
        for r in phase["requests"]:
            lines.append(f"| {r['Type']} {r['Name']} | {r['Request Count']} | {r['Failure Count']} | "
                         f"{float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} | {r['99%']} |")
        lines.append("")
    lines += ["Writes acknowledged and found afterwards: " + json.dumps(results["writes"])]
    (out / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return results


if __name__ == "__main__":
    main()
