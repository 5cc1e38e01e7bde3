"""Races on a real PostgreSQL, with real threads, each with its own session and
transaction (the per-test transaction fixture cannot be shared across threads, so
these tests use their own database, committed for real and dropped afterwards).

Each thread runs one operation and commits, as one request does.
"""
import threading

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.public_ids import encode
from app.audit.operations import record_event
from app.audit.queries import chain_rows
from app.audit.verify import verify_entries
from app.errors import DomainError
from app.extensions import db
from tests.conftest import BACKENDS, make_test_app
from tests.helpers import build_world

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL races only")


@pytest.fixture(scope="module")
def race_app(request):
    server = request.getfixturevalue("pg_server")
    app = make_test_app(server.create_database("penholder_race"))
    with app.app_context():
        db.create_all()
        world = build_world("raceland")
        app.config["RACE_IDS"] = {k: u.id for k, u in world.users.items()}
        app.config["RACE_PROCESS"] = world.process.id
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def race(app, *calls):
    """Runs each call in its own thread and transaction, released together; returns
    what each returned, or the DomainError it raised (then nothing of it is kept)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                results[i] = call()
                db.session.commit()
            except DomainError as err:
                db.session.rollback()
                results[i] = err
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def user(app, key):
    from app.auth.models import User
    return db.session.get(User, app.config["RACE_IDS"][key])


def agreeing(app, key, party_key, clause_id, version_id):
    """A call that records the party's agreement to the clause's wording (for race())."""
    from app.agreement.operations import set_position
    from app.drafting.models import Clause
    from app.processes.models import Party

    def call():
        party = db.session.scalar(select(Party).where(Party.slug == party_key,
                                                      Party.process_id == app.config["RACE_PROCESS"]))
        return set_position(_access(app, key, "delegate", party_key), db.session.get(Clause, clause_id),
                            party, "agreed", version_id, None, actor=user(app, key)).id
    return call


def make_document(app, texts):
    from app.drafting.operations import add_clause, add_section, create_document
    from app.processes.permissions import Access
    from app.processes.models import Process, Role
    with app.app_context():
        process = db.session.get(Process, app.config["RACE_PROCESS"])
        mediator = user(app, "mediator")
        document = create_document(Access(mediator.id, process, Role.mediator, None), "Race text",
                                   actor=mediator)
        section = add_section(document, "One", actor=mediator)
        clauses = [add_clause(document, section, t, actor=mediator) for t in texts]
        db.session.commit()
        return document.id, [(c.id, c.current_version_id) for c in clauses]


def test_two_drafters_saving_one_clause_from_one_base(race_app):
    from app.drafting.models import Clause, ClauseVersion
    from app.drafting.operations import edit_clause
    _, [(clause_id, base)] = make_document(race_app, ["The parties shall meet."])

    def edit(who, text):
        return lambda: edit_clause(clause_id, text, base, actor=user(race_app, who)).id

    for _ in range(3):
        results = race(race_app, edit("drafter", f"The parties shall meet weekly ({_})."),
                       edit("mediator", f"The parties shall meet monthly ({_})."))
        winners = [r for r in results if isinstance(r, int)]
        losers = [r for r in results if isinstance(r, DomainError)]
        assert len(winners) == 1 and len(losers) == 1
        with race_app.app_context():
            # The refusal names the winning version by its public id.
            assert losers[0].status == 409 and losers[0].extra["version_id"] == encode("version", winners[0])
            clause = db.session.get(Clause, clause_id)
            current = db.session.get(ClauseVersion, clause.current_version_id)
            assert clause.current_version_id == winners[0]
            assert losers[0].extra["text"] == current.text
            assert db.session.scalar(select(func.count()).select_from(ClauseVersion)
                                     .where(ClauseVersion.clause_id == clause_id)) == 2 + _
            base = current.id


def test_two_mediators_circulating_at_once_make_one_round(race_app):
    """The second circulation must not freeze the same state again as a new round: it
    waits for the first (document row lock), then is refused with 409."""
    from app.rounds.models import Round
    from app.rounds.operations import circulate_round
    from app.drafting.models import Document
    document_id, _ = make_document(race_app, ["Article 1.", "Article 2."])

    def circulate():
        return circulate_round(db.session.get(Document, document_id),
                               actor=user(race_app, "mediator")).number

    results = race(race_app, circulate, circulate)
    assert sorted(r for r in results if isinstance(r, int)) == [1]
    [refused] = [r for r in results if isinstance(r, DomainError)]
    assert refused.status == 409
    with race_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Round)
                                 .where(Round.document_id == document_id)) == 1


def test_concurrent_writers_never_fork_the_audit_chain(race_app):
    def write(i):
        def call():
            for j in range(5):
                record_event(None, "test.race", object_type="test", object_id=f"{i}-{j}",
                             process_id=race_app.config["RACE_PROCESS"])
                db.session.flush()
            return i
        return call

    with race_app.app_context():
        before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    results = race(race_app, *[write(i) for i in range(8)])
    assert sorted(results) == list(range(8))
    with race_app.app_context():
        report = verify_entries(chain_rows())
        assert report.ok, report.reason
        assert report.count == before + 40
        rows = db.session.execute(select(AuditEntry.object_id, AuditEntry.seq)
                                  .where(AuditEntry.action == "test.race")).all()
        # One transaction's entries stay together and in the order they were written.
        for i in range(8):
            run = [seq for oid, seq in sorted(rows, key=lambda r: r.seq) if oid.startswith(f"{i}-")]
            assert run == list(range(run[0], run[0] + 5))
            assert [oid for oid, _ in sorted(rows, key=lambda r: r.seq) if oid.startswith(f"{i}-")] \
                == [f"{i}-{j}" for j in range(5)]


def test_edits_and_circulation_racing_keep_a_consistent_record(race_app):
    """An edit racing a circulation lands either in the round or after it, never half."""
    from app.drafting.models import ClauseVersion
    from app.drafting.operations import edit_clause
    from app.drafting.models import Document
    from app.rounds.models import RoundPin
    from app.rounds.operations import circulate_round
    document_id, [(clause_id, base)] = make_document(race_app, ["Original wording."])

    results = race(race_app,
                   lambda: edit_clause(clause_id, "Revised wording.", base,
                                       actor=user(race_app, "drafter")).id,
                   lambda: circulate_round(db.session.get(Document, document_id),
                                           actor=user(race_app, "mediator")).id)
    assert not any(isinstance(r, DomainError) for r in results), results
    new_version, round_id = results
    with race_app.app_context():
        pinned = db.session.scalar(select(RoundPin.version_id).where(RoundPin.round_id == round_id))
        assert pinned in (base, new_version)
        assert db.session.get(ClauseVersion, pinned).text in ("Original wording.", "Revised wording.")
        assert verify_entries(chain_rows()).ok


def _access(app, key, role_name, party_key=None):
    from app.processes.models import Party, Process, Role
    from app.processes.permissions import Access
    process = db.session.get(Process, app.config["RACE_PROCESS"])
    party_id = None
    if party_key:
        party_id = db.session.scalar(select(Party.id).where(Party.process_id == process.id, Party.slug == party_key))
    return Access(app.config["RACE_IDS"][key], process, Role(role_name), party_id)


def test_submissions_racing_the_round_closing_are_in_or_clearly_refused(race_app):
    from app.comments.models import Submission
    from app.comments.operations import create_submission
    from app.drafting.models import Clause, Document
    from app.rounds.models import Round
    from app.rounds.operations import circulate_round, close_round

    document_id, clauses = make_document(race_app, ["Clause for comments."])
    with race_app.app_context():
        circulate_round(db.session.get(Document, document_id), actor=user(race_app, "mediator"))
        db.session.commit()

    def submit(i):
        def call():
            clause = db.session.get(Clause, clauses[0][0])
            return create_submission(_access(race_app, "delegate_a", "delegate", "alpha"), clause, kind="comment",
                                     body=f"Racing comment {i}", proposed_text=None, draft=False,
                                     actor=user(race_app, "delegate_a")).id
        return call

    def close():
        round_ = db.session.scalar(select(Round).where(Round.document_id == document_id))
        close_round(round_, actor=user(race_app, "mediator"))
        return "closed"

    results = race(race_app, *[submit(i) for i in range(6)], close)
    assert results[-1] == "closed"
    accepted = [r for r in results[:-1] if isinstance(r, int)]
    refused = [r for r in results[:-1] if isinstance(r, DomainError)]
    assert len(accepted) + len(refused) == 6
    assert all(err.code == "round_closed" for err in refused)
    with race_app.app_context():
        round_ = db.session.scalar(select(Round).where(Round.document_id == document_id))
        stored = db.session.scalars(select(Submission).where(Submission.round_id == round_.id)).all()
        assert sorted(s.id for s in stored) == sorted(accepted)
        assert all(s.submitted_at <= round_.closed_at for s in stored)


def test_positions_racing_a_new_circulation_are_on_a_circulated_wording_or_refused(race_app):
    from app.agreement.models import Position
    from app.drafting.models import Document
    from app.drafting.operations import edit_clause
    from app.rounds.models import RoundPin
    from app.rounds.operations import circulate_round

    document_id, clauses = make_document(race_app, ["Clause to agree.", "Another clause."])
    with race_app.app_context():
        circulate_round(db.session.get(Document, document_id), actor=user(race_app, "mediator"))
        edit_clause(clauses[0][0], "Clause to agree, amended.", clauses[0][1], actor=user(race_app, "drafter"))
        db.session.commit()

    def agree(key, party_key):
        return agreeing(race_app, key, party_key, *clauses[0])

    def circulate():
        return circulate_round(db.session.get(Document, document_id), actor=user(race_app, "mediator")).number

    results = race(race_app, agree("delegate_a", "alpha"), agree("delegate_b", "beta"), circulate)
    assert results[-1] == 2
    for r in results[:2]:
        assert isinstance(r, int) or (isinstance(r, DomainError) and r.code == "stale_version")
    with race_app.app_context():
        pinned_once = set(db.session.scalars(select(RoundPin.version_id).where(RoundPin.clause_id == clauses[0][0])))
        for p in db.session.scalars(select(Position).where(Position.clause_id == clauses[0][0])):
            assert p.version_id in pinned_once          # never a wording no party was given


def test_two_parties_agreeing_one_clause_at_once_are_both_counted(race_app):
    from app.agreement.models import ClauseTally
    from app.drafting.models import Document
    from app.rounds.operations import circulate_round

    document_id, clauses = make_document(race_app, ["A clause both agree at the same moment."])
    with race_app.app_context():
        circulate_round(db.session.get(Document, document_id), actor=user(race_app, "mediator"))
        db.session.commit()

    calls = (agreeing(race_app, "delegate_a", "alpha", *clauses[0]), agreeing(race_app, "delegate_b", "beta", *clauses[0]))
    assert all(isinstance(r, int) for r in race(race_app, *calls))
    with race_app.app_context():
        assert db.session.get(ClauseTally, clauses[0][0]).agreed == 2
