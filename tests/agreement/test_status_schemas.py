"""The status a party reads is the party's model, never the team's: each answer matches
the one model for its reader (app/agreement/schemas.py), so a field of the working draft
or of the legal review reaching a party fails here, not only a missing one."""
import pytest
from pydantic import ValidationError

from app.agreement.schemas import PartyDocumentStatus, PartyStatusSummary, TeamDocumentStatus, TeamStatusSummary

READERS = {"mediator": "team", "drafter": "team", "legal": "team", "delegate_a": "party", "delegate_b": "party"}


def test_each_reader_gets_exactly_its_model(client, world, doc):
    document, _, clauses = doc
    r = client.post(f"/api/v1/documents/{document.public_id}/rounds", headers=world.headers("mediator"), json={})
    assert r.status_code == 201, r.get_json()
    shared = client.get(f"/api/v1/documents/{document.public_id}/status", headers=world.headers("delegate_a"))
    version = next(c for c in shared.get_json()["clauses"] if c["clause_id"] == clauses[0].public_id)["version_id"]
    r = client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha", headers=world.headers("delegate_a"),
                   json={"status": "agreed", "version_id": version})
    assert r.status_code == 200, r.get_json()
    models = {"team": (TeamDocumentStatus, TeamStatusSummary), "party": (PartyDocumentStatus, PartyStatusSummary)}
    for who, kind in READERS.items():
        for query, position in (("", 0), ("?clauses=0", 1)):
            answer = client.get(f"/api/v1/documents/{document.public_id}/status{query}", headers=world.headers(who))
            assert answer.status_code == 200, (who, query)
            own, other = models[kind][position], models["party" if kind == "team" else "team"][position]
            own.model_validate_json(answer.get_data())
            with pytest.raises(ValidationError):
                other.model_validate_json(answer.get_data())
