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

Each user pauses between requests for a think time drawn from PENHOLDER_LOAD_THINK
("min,max" seconds). Every write the server acknowledges is logged (one JSON line per
write) to PENHOLDER_LOAD_ACKS, so the run checks afterwards that each is stored."""
import itertools
import json
import os
import random
import re
import threading
import time

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["PENHOLDER_LOAD_PLAN"], encoding="utf-8").read())
THINK = tuple(float(x) for x in os.environ.get("PENHOLDER_LOAD_THINK", "5,15").split(","))
CIRCULATE_EVERY = float(os.environ.get("PENHOLDER_LOAD_CIRCULATE", "120"))
_lock = threading.Lock()
_acks = open(os.environ["PENHOLDER_LOAD_ACKS"], "a", encoding="utf-8")
_next = {role: itertools.count() for role in ("delegate", "drafter", "mediator")}


def acknowledge(kind: str, value, **extra) -> None:
    with _lock:
        _acks.write(json.dumps({"kind": kind, "value": value, **extra}) + "\n")
        _acks.flush()


def account(role: str) -> dict:
    """The next account of this role not yet taken by a simulated user."""
    with _lock:
        accounts = PLAN["accounts"][role]
        return accounts[next(_next[role]) % len(accounts)]


class Member(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = "delegate"

    def on_start(self):
        self.me = account(self.role)
        self.my_group = PLAN["groups"][self.me["group"]] if self.me.get("group") is not None else None
        page = self.client.get("/login", name="/login")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        self.client.post("/login", data={"email": self.me["email"], "password": PLAN["password"],
                                         "csrf_token": token.group(1) if token else ""}, name="/login")
        self.bearer = {"Authorization": f"Bearer {self.me['token']}"}

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
            with self.client.post(f"/api/v1/documents/{PLAN['document']}/rounds", headers=self.bearer,
                                  json={"allow_unchanged": True, "confirm_findings": True},
                                  name="/api/v1/documents/[id]/rounds (circulate)",
                                  catch_response=True) as response:
                if response.status_code == 201:
                    acknowledge("round", response.json()["number"],
                                seconds=response.elapsed.total_seconds())
                    response.success()
            return
        group = random.choice(PLAN["groups"])
        self.client.get(f"/groups/{group['id']}", name="/groups/[id]")
