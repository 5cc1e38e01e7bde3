"""Load test on loopback (issue #23): `python -m tests.perf.load [--scale full] [--users 1000]
[--groups 12] [--minutes 10] [--think 5,15] [--circulate-every 120]`.

Starts a throwaway PostgreSQL (durable settings), builds the synthetic process, adds its
population (one mediator, `--drafters-per-group` drafters per working group, the rest
delegates of the parties, each in one of `--groups` working groups holding the document's
sections in turn), serves it with gunicorn and runs the task queue's workers (`flask
--app wsgi worker`) sending mail to an SMTP server in this process (aiosmtpd). Locust runs
headless with the mix in locustfile.py once per think time given (each phase --minutes
long, same server and data): every user logs in once as it arrives, and the phase is
measured from when the last one is in (logins are not part of the measured mix). While it
runs, the CPU seconds of the app servers, the queue workers, PostgreSQL and Locust are read
from /proc, so that the report says what each request cost each part. `--app-cpus 0` pins
the app servers to one CPU; `--app-servers 2` runs two gunicorn instances, the users dealt
among them. Then, once the workers have drained the queue, it checks:
every write the server acknowledged is stored (submissions, positions, edits, rounds);
every notification is stored (each circulation's, one per delegate and observer; each
submission's, one per team member of the group holding its section) and every mail went;
each circulation answered within its 1 s target with its notifications queued. Writes
load.json and load.md. A short run validates the harness: `--users 200 --minutes 1`.
"""
import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SECRET = "load-test-secret"          # the server's: the plan's public ids are encoded with it
PASSWORD = "benchmark-password"
P95_TARGET_MS, CIRCULATION_TARGET_S = 300, 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_app(url: str, workdir: Path, *, create: bool = True):
    """An app on the load database whose public ids are the server's; `create` builds
    its tables (the first time only: the search index's column is added once)."""
    from app import create_app
    from tests.perf.run import make_app
    if create:
        app = make_app(url, str(workdir / "exports"))
    else:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "TESTING": True,
                          "EXPORT_DIR": str(workdir / "exports"), "RUN_JOBS_IN_THREAD": False,
                          "TASK_QUEUE": "in-process"})
    app.config["SECRET_KEY"] = SECRET
    app.extensions.pop("penholder_public_id_key", None)
    return app


def populate(document, mediator, *, users: int, groups: int, drafters_per_group: int) -> None:
    """The people of issue #23's scale: `users` in all (the mediator included), in
    `groups` working groups; sections are dealt to the groups in turn."""
    from sqlalchemy import select

    from app.auth.operations import create_user
    from app.drafting.models import Section
    from app.extensions import db
    from app.groups.operations import create_group
    from app.processes.models import Role
    from app.processes.operations import add_member
    from app.processes.permissions import Access

    process = document.process
    parties = process.negotiating_parties
    drafters = groups * drafters_per_group
    delegates = users - 1 - drafters
    if delegates < groups:
        raise SystemExit(f"--users {users} leaves {delegates} delegates for {groups} groups")
    members = [[] for _ in range(groups)]
    for i in range(drafters):
        user = create_user(f"drafter{i + 1}@load.test", f"Drafter {i + 1}", PASSWORD)
        add_member(process, user, Role.drafter)
        members[i % groups].append(user.email)
    for i in range(delegates):
        user = create_user(f"delegate{i + 1}@load.test", f"Delegate {i + 1}", PASSWORD)
        add_member(process, user, Role.delegate, parties[i % len(parties)])
        members[i % groups].append(user.email)
        if i % 200 == 199:
            db.session.commit()
    sections = list(db.session.scalars(select(Section.id).where(Section.document_id == document.id)
                                       .order_by(Section.id)))
    team = Access(mediator.id, process, Role.mediator, None)
    for g in range(groups):
        held = sections[g::groups] or [sections[g % len(sections)]]
        create_group(team, name=f"Working group {g + 1}", section_ids=held, members=members[g], actor=mediator)
    db.session.commit()


def prepare(url: str, scale_name: str, workdir: Path, *, built: bool, users: int, groups: int,
            drafters_per_group: int) -> dict:
    """The plan Locust follows; builds the process and its population first unless
    `built` (a database that already holds them, from an earlier run: --postgresql-url)."""
    from sqlalchemy import select, text

    from app.auth.models import User
    from app.auth.operations import issue_token
    from app.drafting.models import Document
    from app.extensions import db
    from app.groups.models import GroupMember, GroupSection, WorkingGroup
    from app.processes.models import Membership, Party, Role
    from app.public_ids import encode
    from app.queue.engine import apply_schema
    from app.rounds.models import Round, RoundPin
    from app.rounds.paging import PAGE_SIZE
    from tests.perf.generate import SCALES, build

    app = server_app(url, workdir, create=not built)
    with app.app_context():
        if not built:
            synthetic = build(SCALES[scale_name])
            populate(synthetic.document, synthetic.mediator, users=users, groups=groups,
                     drafters_per_group=drafters_per_group)
        with db.engine.begin() as connection:
            if connection.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
                apply_schema(connection)
        document = db.session.scalar(select(Document).order_by(Document.id).limit(1))
        last = db.session.scalar(select(Round).where(Round.document_id == document.id)
                                 .order_by(Round.number.desc()).limit(1))
        pins = db.session.execute(select(RoundPin.clause_id, RoundPin.version_id, RoundPin.section_id)
                                  .where(RoundPin.round_id == last.id).order_by(RoundPin.clause_id)).all()
        by_section: dict = {}
        for clause_id, version_id, section_id in pins:
            by_section.setdefault(section_id, []).append((clause_id, version_id))
        plan_groups, drafters_of = [], {}
        group_rows = db.session.scalars(select(WorkingGroup).where(WorkingGroup.process_id == document.process_id)
                                        .order_by(WorkingGroup.id)).all()
        group_index, held_by, sharing = {}, {}, {}
        for g, group in enumerate(group_rows):
            group_index[group.id] = g
            held = tuple(db.session.scalars(select(GroupSection.section_id).where(GroupSection.group_id == group.id)
                                            .order_by(GroupSection.id)))
            held_by[group.id] = held
            sharing.setdefault(held, []).extend(db.session.scalars(
                select(GroupMember.user_id).join(Membership, (Membership.user_id == GroupMember.user_id)
                                                 & (Membership.process_id == document.process_id))
                .where(GroupMember.group_id == group.id, Membership.role == Role.drafter).order_by(GroupMember.user_id)))
        # Every 7th clause of a group's sections is for edits, dealt among the drafters of
        # the groups holding those sections (no two drafters edit one clause); positions go
        # on the others (the version delegates agree to stays the circulated one).
        for held, drafters in sharing.items():
            editable = [c for s in held for c in by_section.get(s, [])][::7]
            for d, user_id in enumerate(drafters):
                drafters_of[user_id] = [encode("clause", c) for c, _ in editable[d::len(drafters)]]
        for group in group_rows:
            held = held_by[group.id]
            clauses = [c for s in held for c in by_section.get(s, [])]
            others = [c for i, c in enumerate(clauses) if i % 7]
            plan_groups.append({
                "id": encode("group", group.id),
                "sections": [{"id": encode("section", s), "pages": -(-len(by_section.get(s, [])) // PAGE_SIZE)}
                             for s in held if by_section.get(s)],
                "clauses": [{"id": encode("clause", c), "version_id": encode("version", v)} for c, v in clauses[::3]],
                "position_clauses": [{"id": encode("clause", c), "version_id": encode("version", v)}
                                     for c, v in others[::5]]})
        rows = db.session.execute(
            select(User, Membership, Party.slug).join(Membership, Membership.user_id == User.id)
            .outerjoin(Party, Party.id == Membership.party_id)
            .where(Membership.process_id == document.process_id).order_by(User.id)).all()
        first_group = dict(db.session.execute(
            select(GroupMember.user_id, GroupMember.group_id).order_by(GroupMember.group_id.desc())).all())
        accounts = {"delegate": [], "drafter": [], "mediator": []}
        for user, membership, party in rows:
            role = membership.role.value
            group = group_index.get(first_group.get(user.id))
            if role not in accounts or (role != "mediator" and group is None):
                continue            # the build's own delegates (in no group) are not simulated
            entry = {"email": user.email, "party": party, "group": group, "token": issue_token(user, 1)}
            if role == "drafter":
                entry["clauses"] = drafters_of.get(user.id, [])
            accounts[role].append(entry)
        plan = {"document": encode("document", document.id), "round": last.number, "password": PASSWORD,
                "groups": plan_groups, "accounts": accounts}
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return plan


def _processes() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, command line, CPU clock ticks used: user + system)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        found[int(entry)] = (int(fields[1]), cmdline, int(fields[11]) + int(fields[12]))
    return found


class CpuMeter:
    """CPU seconds used by each part of the run (the app servers, the queue workers,
    PostgreSQL, Locust), sampled every second from /proc: each part is a set of root
    processes and all their descendants. `share(start, end)` is each part's CPU seconds
    between two moments (the measured phase, which Locust marks)."""

    def __init__(self):
        self.roots: dict[str, list[int]] = {}
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._tick = os.sysconf("SC_CLK_TCK")

    def add(self, part: str, pid: int) -> None:
        self.roots.setdefault(part, []).append(pid)

    def sample(self) -> dict[str, float]:
        table = _processes()
        children: dict[int, list[int]] = {}
        for pid, (parent, _, _) in table.items():
            children.setdefault(parent, []).append(pid)
        used = {}
        for part, roots in self.roots.items():
            seen, stack = set(), list(roots)
            while stack:
                pid = stack.pop()
                if pid in seen or pid not in table:
                    continue
                seen.add(pid)
                stack.extend(children.get(pid, []))
            used[part] = sum(table[pid][2] for pid in seen) / self._tick
        return used

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.samples.append((time.time(), self.sample()))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def share(self, start: float, end: float) -> dict[str, float]:
        inside = [(t, used) for t, used in self.samples if start <= t <= end]
        if len(inside) < 2:
            return {}
        (t0, first), (t1, last) = inside[0], inside[-1]
        # A part's processes that ended inside the window take their CPU time with them:
        # the figure is a lower bound for that part (PostgreSQL backends live as long as
        # the pools' connections, the app's workers as long as the run).
        return {"seconds": round(t1 - t0, 1),
                **{part: round(max(0.0, last.get(part, 0) - first.get(part, 0)), 1) for part in last}}


def postmaster_pid(url: str, server) -> int | None:
    """The PostgreSQL server's main process (its backends are its children)."""
    if server is not None:
        pid_file = server.data / "postmaster.pid"
        try:
            return int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    port = url.rsplit(":", 1)[-1].split("/")[0]
    for pid, (parent, cmdline, _) in _processes().items():
        if cmdline.split(" ")[0].endswith("postgres") and f"-p {port}" in cmdline:
            return pid
    return None


class Inbox:
    """The SMTP server the workers send the notifications' mail to: counts what arrives."""

    def __init__(self):
        self.count = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.count += len(envelope.rcpt_tos)
        return "250 OK"


def drain(url: str, timeout: float) -> int:
    """Waits for the workers to finish the queue (the server stopped: nothing new comes);
    answers the jobs still waiting."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with engine.connect() as conn:
                waiting = conn.execute(text("SELECT count(*) FROM procrastinate_jobs "
                                            "WHERE status IN ('todo', 'doing')")).scalar()
            if not waiting or time.monotonic() > deadline:
                return waiting
            time.sleep(2)
    finally:
        engine.dispose()


def verify(url: str, workdir: Path, acks_path: Path, started_at, inbox: "Inbox") -> dict:
    """What was acknowledged against what is stored, and the notifications and mail. A
    write the server made but whose answer the client never read (in flight when the
    phase ended) is stored and notified like any other: the notifications are counted
    for every submission and round of the run, acknowledged or not."""
    from sqlalchemy import func, select

    from app.comments.models import Submission
    from app.drafting.models import ClauseVersion
    from app.agreement.models import Position
    from app.extensions import db
    from app.groups.models import GroupMember, GroupSection
    from app.notifications.models import Notification
    from app.processes.models import Membership, Role, TEAM_ROLES
    from app.public_ids import decode
    from app.rounds.models import Round, RoundPin

    acks = [json.loads(line) for line in acks_path.read_text().splitlines() if line.strip()]
    of = {kind: [a for a in acks if a["kind"] == kind] for kind in ("submission", "position", "edit", "round")}
    app = server_app(url, workdir, create=False)
    with app.app_context():
        stored_submissions = dict(db.session.execute(select(Submission.public_id, Submission.id).where(
            Submission.public_id.in_([a["value"] for a in of["submission"]]))).all())
        position_ids = {decode("position", a["value"]) for a in of["position"]}
        version_ids = {decode("version", a["value"]) for a in of["edit"]}
        found_positions = set(db.session.scalars(select(Position.id).where(Position.id.in_(position_ids))))
        found_versions = set(db.session.scalars(select(ClauseVersion.id).where(ClauseVersion.id.in_(version_ids))))
        document_id = db.session.scalar(select(Round.document_id).limit(1))
        process_id = db.session.scalar(select(Membership.process_id).limit(1))
        # Each circulation: one notification per delegate and observer of the process.
        audience = db.session.scalar(select(func.count()).select_from(Membership).where(
            Membership.process_id == process_id, Membership.role.in_((Role.delegate, Role.observer))))
        acked_rounds = {a["value"]: a["seconds"] for a in of["round"]}
        run_rounds = set(db.session.scalars(select(Round.number).where(Round.document_id == document_id,
                                                                       Round.circulated_at >= started_at)))
        rounds = []
        for number in sorted(run_rounds | set(acked_rounds)):
            stored = db.session.scalar(select(func.count()).select_from(Notification).where(
                Notification.kind == "round_circulated", Notification.link.endswith(f"/rounds/{number}"),
                Notification.created_at >= started_at))
            rounds.append({"round": number, "seconds": acked_rounds.get(number), "stored": number in run_rounds,
                           "notifications": stored, "expected": audience})
        # Each submission: one notification per team member of the groups holding its
        # section (once per user), as app/groups/operations.py says.
        team_of_section: dict = {}
        for section_id, user_id in db.session.execute(
                select(GroupSection.section_id, GroupMember.user_id)
                .join(GroupMember, GroupMember.group_id == GroupSection.group_id)
                .join(Membership, (Membership.user_id == GroupMember.user_id) & (Membership.process_id == process_id))
                .where(Membership.role.in_(list(TEAM_ROLES)))):
            team_of_section.setdefault(section_id, set()).add(user_id)
        expected_queue = 0
        for submission in db.session.scalars(select(Submission).where(Submission.created_at >= started_at)):
            section_id = db.session.scalar(select(RoundPin.section_id).where(
                RoundPin.round_id == submission.round_id, RoundPin.clause_id == submission.clause_id))
            expected_queue += len(team_of_section.get(section_id, ()))
        stored_queue = db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.kind == "group_queue", Notification.created_at >= started_at))
        mail = dict(db.session.execute(select(Notification.email, func.count()).where(
            Notification.created_at >= started_at).group_by(Notification.email)).all())
        db.session.remove()
        db.engine.dispose()
    return {
        "acknowledged_submissions": len(of["submission"]),
        "missing_submissions": len(of["submission"]) - len(stored_submissions),
        "acknowledged_positions": len(of["position"]), "missing_positions": len(position_ids - found_positions),
        "acknowledged_edits": len(of["edit"]), "missing_edits": len(version_ids - found_versions),
        "circulations": rounds,
        "missing_rounds": sum(not r["stored"] for r in rounds),
        "missing_circulation_notifications": sum(r["expected"] - r["notifications"] for r in rounds),
        "group_queue_notifications": stored_queue, "expected_group_queue_notifications": expected_queue,
        "mail": mail, "mails_received": inbox.count}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="full")
    parser.add_argument("--users", type=int, default=1000, help="simulated people, all different accounts")
    parser.add_argument("--groups", type=int, default=12)
    parser.add_argument("--drafters-per-group", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per app server")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument("--app-servers", type=int, default=1,
                        help="gunicorn instances (each --workers x --threads), users dealt among them in turn "
                             "as a proxy without sticky sessions would")
    parser.add_argument("--app-cpus", default=None,
                        help="CPUs the app servers may use (taskset list, e.g. 0): the app's share of the machine")
    parser.add_argument("--queue-workers", type=int, default=1, help="task queue workers (`flask worker`)")
    parser.add_argument("--think", action="append", help="min,max seconds between a user's requests; "
                        "repeat for several phases (default 5,15)")
    parser.add_argument("--circulate-every", type=float, default=120, help="seconds between the mediator's rounds")
    parser.add_argument("--spawn-rate", type=float, default=10,
                        help="users logging in per second; statistics start once all are in")
    parser.add_argument("--drain", type=float, default=300, help="seconds to wait for the queue to empty after")
    parser.add_argument("--postgresql-url", default=None,
                        help="a database that already holds the process and its population (skips the build)")
    parser.add_argument("--out", default=str(ROOT / "tests" / "perf" / "results"))
    args = parser.parse_args(argv)
    from aiosmtpd.controller import Controller

    from app.models_base import utcnow
    from tests.pg_server import PostgresServer, find_pg_bin

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="penholder-load-"))
    server = None
    if not args.postgresql_url:
        server = PostgresServer(find_pg_bin())
        server.start(durable=True)
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    processes = []
    try:
        url = args.postgresql_url or server.create_database("load")
        started = time.perf_counter()
        plan = prepare(url, args.scale, workdir, built=bool(args.postgresql_url), users=args.users,
                       groups=args.groups, drafters_per_group=args.drafters_per_group)
        simulated = sum(len(a) for a in plan["accounts"].values())
        if simulated < args.users:
            raise SystemExit(f"the database holds {simulated} accounts in groups, fewer than --users {args.users}")
        print(f"built {args.scale} with {simulated} people in {len(plan['groups'])} groups "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
        (workdir / "plan.json").write_text(json.dumps(plan))
        acks = workdir / "acks.jsonl"
        acks.touch()
        ports = [free_port() for _ in range(args.app_servers)]
        marks = workdir / "marks.jsonl"
        env = {**os.environ, "DATABASE_URL": url, "PENHOLDER_SECRET_KEY": SECRET,
               "PENHOLDER_EXPORT_DIR": str(workdir / "exports"), "PENHOLDER_JOBS_IN_THREAD": "0",
               "PENHOLDER_TASK_QUEUE": "procrastinate", "PENHOLDER_SOFFICE": "",
               "PENHOLDER_SMTP_HOST": "127.0.0.1", "PENHOLDER_SMTP_PORT": str(smtp.port), "PENHOLDER_SMTP_USER": "",
               "PENHOLDER_LOAD_PLAN": str(workdir / "plan.json"), "PENHOLDER_LOAD_ACKS": str(acks),
               "PENHOLDER_LOAD_CIRCULATE": str(args.circulate_every), "PENHOLDER_LOAD_USERS": str(args.users),
               "PENHOLDER_LOAD_SECONDS": str(int(args.minutes * 60)), "PENHOLDER_LOAD_MARKS": str(marks),
               "PENHOLDER_LOAD_HOSTS": " ".join(f"http://127.0.0.1:{port}" for port in ports)}
        meter = CpuMeter()
        meter.add("postgresql", postmaster_pid(url, server))
        pin = ["taskset", "-c", args.app_cpus] if args.app_cpus else []
        for port in ports:
            processes.append(subprocess.Popen(
                [*pin, sys.executable, "-m", "gunicorn", "-w", str(args.workers), "-k", "gthread",
                 "--threads", str(args.threads), "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
                cwd=ROOT, env=env))
            meter.add("app servers", processes[-1].pid)
        app_servers = list(processes)
        flask = str(Path(sys.executable).parent / "flask")
        for n in range(args.queue_workers):
            log = open(workdir / f"worker-{n}.log", "w")
            processes.append(subprocess.Popen([flask, "--app", "wsgi", "worker"], cwd=ROOT, env=env, stdout=log,
                                              stderr=subprocess.STDOUT, start_new_session=True))
            meter.add("queue workers", processes[-1].pid)
        time.sleep(4)
        meter.start()
        started_at = utcnow()
        thinks = args.think or ["5,15"]
        # Locust ends the phase itself, --minutes after the last user has logged in; the
        # run time given is only a bound (arrivals at --spawn-rate, logins under scrypt).
        bound = int(args.minutes * 60) + int(args.users / args.spawn_rate) + 600
        cpu = []
        for think in thinks:
            stats = workdir / f"stats-{think.replace(',', '-')}"
            marks.write_text("")
            locust = subprocess.Popen([sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
                                       "--headless", "-u", str(args.users), "-r", str(args.spawn_rate), "--reset-stats",
                                       "-t", f"{bound}s", "--host", f"http://127.0.0.1:{ports[0]}",
                                       "--csv", str(stats), "--only-summary"],
                                      cwd=ROOT, env={**env, "PENHOLDER_LOAD_THINK": think})
            meter.add("locust", locust.pid)
            locust.wait()
            meter.roots.pop("locust")
            cpu.append(measured_cpu(meter, marks))
        meter.stop()
        # The server finishes what it holds (on an overloaded machine, requests the clients
        # gave up on) before the queue is drained and the rows are counted.
        stop(app_servers)
        waiting = drain(url, args.drain)
        results = {"scale": args.scale, "users": args.users, "groups": args.groups,
                   "drafters": len(plan["accounts"]["drafter"]), "minutes": args.minutes, "workers": args.workers,
                   "queue_workers": args.queue_workers, "circulate_every": args.circulate_every,
                   "threads": args.threads, "app_servers": args.app_servers, "app_cpus": args.app_cpus,
                   "phases": collect(workdir, thinks, cpu), "jobs_left": waiting,
                   "writes": verify(url, workdir, acks, started_at, inbox)}
        results["checks"] = checks(results)
    finally:
        stop(processes)
        smtp.stop()
        if server is not None:
            server.stop()
    return write_report(results, args, out)


def stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:      # still draining an overload's queue
                process.kill()
                process.wait()


def measured_cpu(meter: CpuMeter, marks: Path) -> dict:
    """Each part's CPU seconds in the measured phase (from the locustfile's marks)."""
    times = dict(json.loads(line).popitem() for line in marks.read_text().splitlines() if line.strip())
    if "start" not in times:
        return {}
    return meter.share(times["start"], times.get("end", time.time()))


def collect(workdir: Path, thinks: list[str], cpu: list[dict]) -> list[dict]:
    return [{"think_seconds": think, "cpu_seconds": used,
             "requests": list(csv.DictReader(open(workdir / f"stats-{think.replace(',', '-')}_stats.csv",
                                                  encoding="utf-8")))} for think, used in zip(thinks, cpu)]


def checks(results: dict) -> dict:
    """Issue #23's targets, each true or false."""
    writes = results["writes"]
    every = [r for phase in results["phases"] for r in phase["requests"] if r["Name"] == "Aggregated"]
    circulations = writes["circulations"]
    sent = writes["mail"].get("sent", 0)
    return {
        "p95_under_300_ms": bool(every) and all(float(r["95%"]) < P95_TARGET_MS for r in every),
        "no_errors": bool(every) and all(int(r["Failure Count"]) == 0 for r in every),
        "every_acknowledged_write_stored": not any(writes[k] for k in ("missing_submissions", "missing_positions",
                                                                       "missing_edits", "missing_rounds")),
        "every_notification_stored": (writes["missing_circulation_notifications"] == 0
                                      and writes["group_queue_notifications"]
                                      == writes["expected_group_queue_notifications"]),
        "every_mail_sent": (results["jobs_left"] == 0 and set(writes["mail"]) <= {"sent", "none", "digest"}
                            and writes["mails_received"] == sent),
        "circulations_within_1_s": any(r["seconds"] is not None for r in circulations) and all(
            r["seconds"] < CIRCULATION_TARGET_S for r in circulations if r["seconds"] is not None),
    }


def write_report(results: dict, args, out: Path) -> dict:
    (out / "load.json").write_text(json.dumps(results, indent=2))
    lines = [f"Load: {args.users} people ({results['drafters']} drafters, a mediator, the rest delegates) in "
             f"{args.groups} working groups, {args.minutes} min per phase, scale {args.scale}, "
             f"{args.app_servers} app server(s) of gunicorn {args.workers} workers x {args.threads} threads"
             + (f" on CPUs {args.app_cpus}" if args.app_cpus else "")
             + f", {args.queue_workers} queue worker(s), PostgreSQL (durable), "
             f"loopback; a circulation every {args.circulate_every:.0f} s; users logging in at {args.spawn_rate}/s, "
             "statistics from when all are in.", ""]
    for phase in results["phases"]:
        lines += [f"Think time {phase['think_seconds'].replace(',', '-')} s:", "",
                  "| Request | Count | Failures | req/s | p50 ms | p95 ms | p99 ms | max ms |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in phase["requests"]:
            lines.append(f"| {r['Type']} {r['Name']} | {r['Request Count']} | {r['Failure Count']} | "
                         f"{float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} | {r['99%']} | "
                         f"{float(r['Max Response Time']):.0f} |")
        lines.append("")
        used = phase.get("cpu_seconds") or {}
        total = next((r for r in phase["requests"] if r["Name"] == "Aggregated"), None)
        if used and total and int(total["Request Count"]):
            count, window = int(total["Request Count"]), used["seconds"]
            lines += [f"CPU in the measured phase ({window:.0f} s, {count} requests; the machine has "
                      f"{os.cpu_count()} CPUs): " + ", ".join(
                          f"{part} {seconds:.0f} s ({seconds / window:.2f} cores, {1000 * seconds / count:.1f} ms "
                          "a request)" for part, seconds in used.items() if part != "seconds"), ""]
    writes = results["writes"]
    lines += ["Circulations (seconds, notifications stored / expected): " + ", ".join(
        f"Rev. {r['round']} " + (f"{r['seconds']:.2f} s" if r["seconds"] is not None else "(answer not read)")
        + f" {r['notifications']}/{r['expected']}" for r in writes["circulations"]),
        "Writes and notifications: " + json.dumps({k: v for k, v in writes.items() if k != "circulations"}),
        f"Jobs left after draining: {results['jobs_left']}",
        "Checks: " + json.dumps(results["checks"])]
    (out / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return results


if __name__ == "__main__":
    main()
