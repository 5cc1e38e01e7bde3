"""The system is an actor of its own (issue #24, point 6): the server's command line and
its background jobs act with `system_access` (no user, no membership, no role), are
granted by name only what they do (processes/permissions.py lists it), and appear in
the audit log as the system: "System" on the page, `actor: null`, `actor_kind:
"system"` and `system: <what it was doing>` in the API. Never as a mediator, never as
a user id."""
import pytest
from sqlalchemy import select

from app.agreement.operations import set_position
from app.audit.models import AuditEntry
from app.audit.operations import BACKGROUND_JOB, COMMAND_LINE
from app.errors import Forbidden
from app.export.jobs import run_pending
from app.extensions import db
from app.processes.permissions import (can_circulate, can_edit_text, can_manage_process, can_review_findings,
                                       can_submit, can_view_internal, can_view_working_draft, reads_as_team,
                                       require_process_manager, system_access)
from app.rounds.models import RoundPin
from app.rounds.operations import circulate_round
from tests.db_state import db_state
from tests.helpers import audit_mark, login


def _entries_since(mark: int) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.id > mark).order_by(AuditEntry.id)))


def _api_entries(client, world, **params) -> list[dict]:
    r = client.get(f"/api/v1/processes/{world.process.slug}/audit", query_string=params,
                   headers=world.headers("mediator"))
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()["entries"]


def test_a_command_line_import_is_recorded_as_the_system_at_the_command_line(app, client, world, doc, tmp_path):
    document, _, _ = doc
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    runner = app.test_cli_runner()
    out = tmp_path / "rev1.docx"
    assert runner.invoke(args=["export", str(document.id), "--round", "1", "--variant", "clean",
                               "--out", str(out)]).exit_code == 0
    mark = audit_mark()
    result = runner.invoke(args=["import-docx", str(out), "--process", world.process.slug, "--title", "By the CLI"])
    assert result.exit_code == 0, result.output
    entries = _entries_since(mark)
    assert "document.create" in [e.action for e in entries]
    assert all(e.actor_id is None and e.actor_label == "system: command line" for e in entries)

    created = next(e for e in _api_entries(client, world, action="document.create")
                   if e["changes"].get("title") == "By the CLI")
    assert (created["who"], created["actor"], created["actor_kind"], created["system"]) == \
        ("System", None, "system", "command line")
    # A member's entry says who, as before.
    circulated = _api_entries(client, world, action="round.circulate")[0]
    assert (circulated["who"], circulated["actor"], circulated["actor_kind"], circulated["system"]) == \
        ("Mediator", world.users["mediator"].email, "user", None)

    login(client, world.users["mediator"])
    page = client.get(f"/p/{world.process.slug}/audit?action=document.create").get_data(as_text=True)
    row = next(r for r in page.split("<tr>") if "created the document “By the CLI”" in r)
    assert '<td>System<br><span class="muted small">system: command line</span></td>' in row


def test_the_round_archive_job_is_recorded_as_the_system_in_a_background_job(client, world, doc):
    document, _, _ = doc
    circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    mark = audit_mark()
    assert run_pending() == 1
    (entry,) = [e for e in _entries_since(mark) if e.action == "export.archive"]
    assert entry.actor_id is None and entry.actor_label == "system: background job"
    said = _api_entries(client, world, action="export.archive")[0]
    assert (said["who"], said["actor"], said["actor_kind"], said["system"]) == \
        ("System", None, "system", "background job")
    assert said["what"].startswith("archived Rev. 1 (") and said["changes"]["round"] == 1


def test_the_system_access_has_no_user_no_membership_and_no_role(world):
    system = system_access(world.process, BACKGROUND_JOB)
    assert (system.user_id, system.role, system.party_id, system.system) == (None, None, None, "background job")
    with pytest.raises(ValueError):
        system_access(world.process, "")


def test_the_system_is_granted_only_the_team_s_reading_of_what_it_writes(world):
    """Every rule that asks for a role refuses it; `reads_as_team` (the archive's copies, the
    command line's exports, an import's notes) is the grant."""
    system = system_access(world.process, COMMAND_LINE)
    assert reads_as_team(system)
    for rule in (can_edit_text, can_circulate, can_manage_process, can_review_findings, can_submit,
                 can_view_internal, can_view_working_draft):
        assert rule(system) is False, rule.__name__
    before = db_state()
    with pytest.raises(Forbidden):
        require_process_manager(system)
    assert db_state() == before


def test_the_system_cannot_record_a_party_s_position(world, doc):
    document, _, clauses = doc
    round_ = circulate_round(document, actor=world.users["mediator"])
    db.session.commit()
    pin = db.session.get(RoundPin, (round_.id, clauses[0].id))
    before = db_state()
    with pytest.raises(Forbidden) as refused:
        set_position(system_access(world.process, COMMAND_LINE), clauses[0], world.parties["a"], "agreed",
                     pin.version_id, None, actor=None)
    assert refused.value.code == "system_no_position"
    db.session.rollback()
    assert db_state() == before
