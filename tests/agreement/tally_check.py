"""Compares every document's kept clause tallies with a recount from its positions."""
from sqlalchemy import select

from app.agreement.models import ClauseTally
from app.agreement.queries import clauses_for
from app.agreement.status import PinRun
from app.agreement.tallies import _counts
from app.drafting.models import Document
from app.extensions import db
from app.processes.permissions import access_for
from app.rounds.queries import latest_round, round_outline


def assert_tallies_match() -> None:
    db.session.flush()
    for document_id in db.session.scalars(select(Document.id)):
        round_ = latest_round(document_id)
        if round_ is None:
            continue
        expected = {c: (v, int(a), int(r)) for c, _, v, a, r in _counts(round_.id)}
        kept = {t.clause_id: (t.version_id, t.agreed, t.reserved)
                for t in db.session.scalars(select(ClauseTally).where(ClauseTally.document_id == document_id))}
        assert {c: kept.get(c) for c in expected} == expected, f"document {document_id}"


def assert_summaries_match(client, world) -> None:
    """The document summary (?clauses=0) equals the per-clause status counted up, for the
    team and for each party's delegate, whatever state a test left the text in."""
    for document_id in db.session.scalars(select(Document.id)):
        for who in ("mediator", "delegate_a", "delegate_b"):
            full = client.get(f"/api/v1/documents/{document_id}/status?positions=0", headers=world.headers(who))
            if full.status_code != 200:
                continue
            full = full.get_json()
            summary = client.get(f"/api/v1/documents/{document_id}/status?clauses=0",
                                 headers=world.headers(who)).get_json()
            counted: dict = {}
            for c in full["clauses"]:
                entry = counted.setdefault(c["section_id"], {"agreed": 0, "contested": 0, "open": 0})
                entry[c["status"]] += 1
            got = {s["section_id"]: {k: s[k] for k in ("agreed", "contested", "open")}
                   for s in summary["sections"] if s["clauses"]}
            assert got == counted, (document_id, who)
            assert summary["agreed"] == full["agreed"] and summary["clause_count"] == len(full["clauses"])
            if "draft_matches_round" in full:
                assert summary["draft_matches_round"] == full["draft_matches_round"]
                assert summary["blocking_findings"] == full["blocking_findings"]


def assert_page_reads_match(world) -> None:
    """A page's statuses read by its run of positions equal those read by its clause ids,
    for the team and each party (a run that leaves out the round's first clause)."""
    for document in db.session.scalars(select(Document)):
        round_ = latest_round(document.id)
        if round_ is None:
            continue
        clauses = [c for s in round_outline(round_) for c in s.clauses][1:]
        if not clauses:
            continue
        ids = {c.clause_id for c in clauses}
        run = PinRun(round_.id, clauses[0].number - 1, clauses[-1].number - 1)
        for who in ("mediator", "delegate_a", "delegate_b"):
            access = access_for(world.users[who], document.process)
            if access is None:
                continue
            by_ids = clauses_for(access, document, ids).clauses
            by_run = clauses_for(access, document, ids, run=run).clauses
            assert by_run == by_ids, (document.id, who)
