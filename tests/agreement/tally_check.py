"""Compares every document's kept clause tallies with a recount from its positions."""
from sqlalchemy import select

from app.agreement.models import ClauseTally
from app.agreement.tallies import _counts
from app.drafting.models import Document
from app.extensions import db
from app.rounds.queries import latest_round


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
