"""Load mix for `tests/perf/load.py`: party delegates reading round section pages (80%;
a page of a long section, as the round view serves it), submitting comments and
proposals (15%) and recording positions (5%), each user pausing between requests for a think time drawn from PENHOLDER_LOAD_THINK
("min,max" seconds; a lawyer reads a section of hundreds of clauses between loads).

Every write the server acknowledges is logged (one JSON line per write) to the file
named by PENHOLDER_LOAD_ACKS, so the run can check afterwards that each is stored."""
import json
import os
import random
import re
import threading

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["PENHOLDER_LOAD_PLAN"], encoding="utf-8").read())
_ack_lock = threading.Lock()
_acks = open(os.environ["PENHOLDER_LOAD_ACKS"], "a", encoding="utf-8")


def acknowledge(kind: str, value) -> None:
    with _ack_lock:
        _acks.write(json.dumps({"kind": kind, "value": value}) + "\n")
        _acks.flush()


THINK = tuple(float(x) for x in os.environ.get("PENHOLDER_LOAD_THINK", "0.5,2").split(","))


class Delegate(HttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        self.me = random.choice(PLAN["delegates"])
        page = self.client.get("/login", name="/login")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        self.client.post("/login", data={"email": self.me["email"], "password": PLAN["password"],
                                         "csrf_token": token.group(1) if token else ""}, name="/login")
        self.bearer = {"Authorization": f"Bearer {self.me['token']}"}

    @task(80)
    def read_section(self):
        section = random.choice(PLAN["sections"])
        page = random.randint(1, PLAN["pages"][str(section)])
        self.client.get(f"/documents/{PLAN['document']}/rounds/{PLAN['round']}?section={section}&page={page}",
                        name="/documents/[id]/rounds/[n]?section=[s]&page=[p]")

    @task(15)
    def submit(self):
        clause = random.choice(PLAN["clauses"])
        body = {"kind": random.choice(["comment", "question", "proposal"]), "body": "Load-test comment."}
        if body["kind"] == "proposal":
            body["proposed_text"] = "A proposed wording from the load test."
        with self.client.post(f"/api/v1/clauses/{clause['id']}/comments", json=body, headers=self.bearer,
                              name="/api/v1/clauses/[id]/comments", catch_response=True) as response:
            if response.status_code == 201:
                acknowledge("submission", response.json()["id"])
                response.success()

    @task(5)
    def position(self):
        clause = random.choice(PLAN["clauses"])
        body = {"status": random.choice(["agreed", "open"]), "version_id": clause["version_id"]}
        with self.client.put(f"/api/v1/clauses/{clause['id']}/positions/{self.me['party']}", json=body,
                             headers=self.bearer, name="/api/v1/clauses/[id]/positions/[party]",
                             catch_response=True) as response:
            if response.status_code == 200:
                acknowledge("position", response.json()["id"])
                response.success()
