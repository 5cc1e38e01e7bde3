"""Every successful write through the web or the API leaves an audit entry naming its
actor and object: the writes of auth, processes and audit one by one, and those of the
proximity talks, agreement, compliance and export together (mark, act, read the actions
since the mark: tests/helpers.py)."""
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.helpers import PASSWORD, actions_since, audit_mark, login


def test_page_login_logs_in_and_out_and_password_change(client, world):
    start = audit_mark()
    login(client, world.users["drafter"])
    client.post("/login", data={"email": world.users["drafter"].email, "password": "wrong"})
    client.post("/account", data={"current_password": PASSWORD, "new_password": "another-password-1"})
    assert actions_since(start) == ["login", "user.password_change"]


def test_failed_login_is_recorded(client, world):
    start = audit_mark()
    client.post("/login", data={"email": world.users["drafter"].email, "password": "wrong"})
    assert actions_since(start) == ["login.failed"]


def test_token_issue_and_revoke(client, world):
    start = audit_mark()
    token = client.post("/api/v1/tokens", json={"email": world.users["legal"].email,
                                                "password": PASSWORD}).get_json()["token"]
    client.delete("/api/v1/tokens/current", headers={"Authorization": f"Bearer {token}"})
    assert actions_since(start) == ["login", "token.issue", "token.revoke"]


def test_reads_write_nothing(client, world):
    start = audit_mark()
    for path in ("/api/v1/processes", "/api/v1/processes/testland", "/api/v1/me",
                 "/api/v1/processes/testland/audit"):
        client.get(path, headers=world.headers("mediator"))
    assert actions_since(start) == ["token.issue"]


def test_the_writes_of_proximity_talks_agreement_compliance_and_export_are_audited(client, world, talks):
    start = audit_mark()
    h = world.headers
    doc, clauses = talks.document, talks.clauses
    client.post(f"/api/v1/submissions/{talks.a_draft.public_id}/submit", headers=h("delegate_a"))
    client.post(f"/api/v1/submissions/{talks.a_proposal.public_id}/withdraw", headers=h("delegate_a"))
    client.post(f"/api/v1/submissions/{talks.b_comment.public_id}/replies", headers=h("drafter"), json={"body": "Noted."})
    client.post(f"/api/v1/submissions/{talks.b_comment.public_id}/share", headers=h("mediator"))
    client.post(f"/api/v1/clauses/{clauses[0].public_id}/notes", headers=h("drafter"), json={"body": "Note."})
    status = client.get(f"/api/v1/documents/{doc.public_id}/status", headers=h("mediator")).get_json()
    version = next(c["version_id"] for c in status["clauses"] if c["clause_id"] == clauses[0].public_id)
    client.put(f"/api/v1/clauses/{clauses[0].public_id}/positions/alpha", headers=h("delegate_a"),
               json={"status": "agreed", "version_id": version})
    package = client.post(f"/api/v1/documents/{doc.public_id}/packages", headers=h("drafter"),
                          json={"name": "P", "clause_ids": [clauses[0].public_id, clauses[2].public_id]}).get_json()["id"]
    client.put(f"/api/v1/packages/{package}/positions/beta", headers=h("delegate_b"), json={"status": "agreed"})
    client.patch(f"/api/v1/processes/{world.process.slug}/settings", headers=h("mediator"), json={"joint_mode": True, "confirm_joint_mode": True})
    client.post(f"/api/v1/documents/{doc.public_id}/rounds/1/export?variant=clean", headers=h("delegate_b"))
    current = client.get(f"/api/v1/clauses/{clauses[1].public_id}", headers=h("drafter")).get_json()
    client.patch(f"/api/v1/clauses/{clauses[1].public_id}", headers=h("drafter"),
                 json={"text": "An amnesty is granted for all acts.", "base_version_id": current["version_id"]})
    finding = client.get(f"/api/v1/documents/{doc.public_id}/findings", headers=h("legal")).get_json()["findings"][0]
    client.post(f"/api/v1/findings/{finding['id']}/review", headers=h("legal"),
                json={"decision": "escalated", "assignee_id": world.users["mediator"].id, "note": "Ask OLA."})
    done = set(actions_since(start))
    assert {"submission.submit", "submission.withdraw", "submission.reply", "submission.share", "note.create",
            "position.set", "package.create", "package.position", "process.settings", "export.download",
            "clause.edit", "finding.review"} <= done, done
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.id > start)).all()
    assert all(e.actor_label for e in entries)
