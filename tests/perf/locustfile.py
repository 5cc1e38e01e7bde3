"""Load mix for `tests/perf/load.py`: a process in working groups (issue #23).

Each simulated user is one real account of the plan (PENHOLDER_LOAD_PLAN), handed out in
order, so a run of N users is N different people:

- delegates (all but the team) read their groups' sections of the round, a page of 100
  clauses at a time (75%), comment or propose on clauses of those sections (15%), record
  positions on clauses no drafter edits (5%) and look at their notifications (5%);
- drafters (a fixed number per group) edit clauses of their groups' sections, each on
  clauses of their own (a read of the clause for its current version, then the edit),
  read their group's page and their notifications;
- the mediator circulates every PENHOLDER_LOAD_CIRCULATE seconds (to every delegate: the
  notifications go in the circulation's transaction, the mails and the archive to the
  workers) and reads the groups' pages between.

Each user logs in once (POST /login, the password checked under the app's scrypt) as it
arrives, then waits until all PENHOLDER_LOAD_USERS have logged in: the statistics are
reset then and the measured phase (PENHOLDER_LOAD_SECONDS) begins, so that the logins of
the arrival are not counted among the requests of people at work. Each user starts
after a first think time and pauses between requests for a think time drawn from
PENHOLDER_LOAD_THINK ("min,max" seconds). The clients are Locust's FastHttpUser
(geventhttpclient): Locust shares the machine with the server, and this client costs a
fraction of the CPU of the requests-based one. Every write the server acknowledges is logged (one JSON line per
write) to PENHOLDER_LOAD_ACKS, so the run checks afterwards that each is stored."""
import itertools
import json
import os
import random
import re
import threading
import time

import gevent
from gevent.event import Event
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(open(os.environ["PENHOLDER_LOAD_PLAN"], encoding="utf-8").read())
THINK = tuple(float(x) for x in os.environ.get("PENHOLDER_LOAD_THINK", "5,15").split(","))
CIRCULATE_EVERY = float(os.environ.get("PENHOLDER_LOAD_CIRCULATE", "120"))
_lock = threading.Lock()
_acks = open(os.environ["PENHOLDER_LOAD_ACKS"], "a", encoding="utf-8")
_next = {role: itertools.count() for role in ("delegate", "drafter", "mediator")}
USERS = int(os.environ.get("PENHOLDER_LOAD_USERS", "0"))
MEASURE_SECONDS = float(os.environ.get("PENHOLDER_LOAD_SECONDS", "0"))
MARKS = os.environ.get("PENHOLDER_LOAD_MARKS")
# Several app servers (load.py --app-servers): each user talks to one, dealt in turn.
HOSTS = os.environ.get("PENHOLDER_LOAD_HOSTS", "").split()
_host_turn = itertools.count()
_logged_in = itertools.count(1)
_all_in = Event()
_environment = None


@events.init.add_listener
def _keep_environment(environment, **_):
    global _environment
    _environment = environment


def _arrived() -> None:
    """One more user has logged in; the last one starts the measured phase: statistics
    reset, and the run stops MEASURE_SECONDS later."""
    if next(_logged_in) < USERS or _all_in.is_set():
        return
    _environment.runner.stats.reset_all()
    _mark("start")
    _all_in.set()
    print(f"all {USERS} users logged in: statistics reset, measuring for {MEASURE_SECONDS:.0f} s", flush=True)
    if MEASURE_SECONDS:
        gevent.spawn_later(MEASURE_SECONDS, _end)


def _end() -> None:
    _mark("end")
    _environment.runner.quit()


def _mark(moment: str) -> None:
    """When the measured phase starts and ends, for the harness's CPU accounting."""
    if MARKS:
        with open(MARKS, "a", encoding="utf-8") as marks:
            marks.write(json.dumps({moment: time.time()}) + "\n")


def acknowledge(kind: str, value, **extra) -> None:
    with _lock:
        _acks.write(json.dumps({"kind": kind, "value": value, **extra}) + "\n")
        _acks.flush()


def account(role: str) -> dict:
    """The next account of this role not yet taken by a simulated user."""
    with _lock:
        accounts = PLAN["accounts"][role]
        return accounts[next(_next[role]) % len(accounts)]


class Member(FastHttpUser):
    abstract = True
    # Connections: one per user (a browser's keep-alive); the server, not the client,
    # is what is measured, so a slow answer is waited for (no client-side timeout).
    network_timeout = connection_timeout = 600.0

    def __init__(self, environment):
        if HOSTS:
            self.host = HOSTS[next(_host_turn) % len(HOSTS)]
        super().__init__(environment)
    wait_time = between(*THINK)
    role = "delegate"

    def on_start(self):
        self.me = account(self.role)
        self.my_group = PLAN["groups"][self.me["group"]] if self.me.get("group") is not None else None
        self.bearer = {"Authorization": f"Bearer {self.me['token']}"}
        try:
            page = self.client.get("/login", name="/login")
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text or "")
            self.client.post("/login", data={"email": self.me["email"], "password": PLAN["password"],
                                             "csrf_token": token.group(1) if token else ""}, name="/login")
        finally:            # a failed login still counts as arrived: the others do not wait for it
            if USERS:
                _arrived()
        if USERS:
            _all_in.wait()
        # Arrivals do not start work in step: each begins after a first think time.
        gevent.sleep(random.uniform(*THINK))

    def notifications(self):
        self.client.get("/api/v1/notifications", headers=self.bearer, name="/api/v1/notifications")


class Delegate(Member):
    weight = 1
    role = "delegate"

    @task(75)
    def read_section(self):
        section = random.choice(self.my_group["sections"])
        page = random.randint(1, section["pages"])
        self.client.get(f"/documents/{PLAN['document']}/rounds/{PLAN['round']}?section={section['id']}&page={page}",
                        name="/documents/[id]/rounds/[n]?section=[s]&page=[p]")

    @task(15)
    def submit(self):
        clause = random.choice(self.my_group["clauses"])
        body = {"kind": random.choice(["comment", "question", "proposal"]), "body": "Load-test comment."}
        if body["kind"] == "proposal":
            body["proposed_text"] = "A proposed wording from the load test."
        with self.client.post(f"/api/v1/clauses/{clause['id']}/comments", json=body, headers=self.bearer,
                              name="/api/v1/clauses/[id]/comments", catch_response=True) as response:
            if response.status_code == 201:
                acknowledge("submission", response.json()["id"], group=self.me["group"])
                response.success()

    @task(5)
    def position(self):
        clause = random.choice(self.my_group["position_clauses"])
        body = {"status": random.choice(["agreed", "open"]), "version_id": clause["version_id"]}
        with self.client.put(f"/api/v1/clauses/{clause['id']}/positions/{self.me['party']}", json=body,
                             headers=self.bearer, name="/api/v1/clauses/[id]/positions/[party]",
                             catch_response=True) as response:
            if response.status_code == 200:
                acknowledge("position", response.json()["id"])
                response.success()

    @task(5)
    def read_notifications(self):
        self.notifications()


class Drafter(Member):
    fixed_count = len(PLAN["accounts"]["drafter"])
    role = "drafter"

    @task(60)
    def edit(self):
        if not self.me["clauses"]:          # more drafters than clauses to deal (a tiny scale)
            return self.group_page()
        clause = random.choice(self.me["clauses"])
        current = self.client.get(f"/api/v1/clauses/{clause}", headers=self.bearer, name="/api/v1/clauses/[id]")
        if current.status_code != 200:
            return
        text = current.json()["text"]
        text = (text[:-1] if text.endswith(".") else text) + f" as revised {random.randint(1, 999)}."
        with self.client.patch(f"/api/v1/clauses/{clause}", headers=self.bearer, name="/api/v1/clauses/[id]",
                               json={"text": text, "base_version_id": current.json()["version_id"]},
                               catch_response=True) as response:
            if response.status_code == 200:
                acknowledge("edit", response.json()["version_id"])
                response.success()

    @task(25)
    def group_page(self):
        self.client.get(f"/groups/{self.my_group['id']}", name="/groups/[id]")

    @task(15)
    def read_notifications(self):
        self.notifications()


class Mediator(Member):
    fixed_count = 1
    role = "mediator"

    def on_start(self):
        super().on_start()
        self.last = time.monotonic()

    @task
    def work(self):
        if time.monotonic() - self.last >= CIRCULATE_EVERY:
            self.last = time.monotonic()
            started = time.perf_counter()
            with self.client.post(f"/api/v1/documents/{PLAN['document']}/rounds", headers=self.bearer,
                                  json={"allow_unchanged": True, "confirm_findings": True},
                                  name="/api/v1/documents/[id]/rounds (circulate)",
                                  catch_response=True) as response:
                if response.status_code == 201:
                    acknowledge("round", response.json()["number"],
                                seconds=time.perf_counter() - started)
                    response.success()
            return
        group = random.choice(PLAN["groups"])
        self.client.get(f"/groups/{group['id']}", name="/groups/[id]")
