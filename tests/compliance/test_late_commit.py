"""On PostgreSQL, an edit given a lower version id can commit after one given a higher
id. A check pass landing between the two commits must not record "checked up to the
higher id" and leave the late edit unjudged forever (drafting/version_lock.py): here the
late edit writes an amnesty for war crimes, and the findings must come to hold it."""
import threading
import time

from sqlalchemy import select

from app.auth.models import User
from app.compliance.models import Finding
from app.compliance.operations import refresh_findings
from app.drafting.models import Clause, Document
from app.drafting.operations import add_clause, add_section, create_document, edit_clause
from app.extensions import db
from tests.conftest import make_test_app
from tests.helpers import build_world
from tests.security.scene import access

BLANKET = ("A full amnesty is granted to all persons for every crime committed during the conflict, "
           "including war crimes, crimes against humanity and genocide.")


def test_an_edit_committing_after_a_later_one_is_still_checked(pg_server):
    app = make_test_app(pg_server.create_database(f"penholder_late_{time.monotonic_ns()}"))
    with app.app_context():
        db.create_all()
        world = build_world()
        drafter = world.users["mediator"]
        document = create_document(access(world, "mediator"), "Late commits", actor=drafter)
        section = add_section(document, "Chapter 1", actor=drafter)
        first, second = (add_clause(document, section, f"The Parties shall meet on day {n}.", actor=drafter)
                         for n in (1, 2))
        ids = {"document": document.id, "first": (first.id, first.current_version_id),
               "second": (second.id, second.current_version_id), "actor": drafter.id}
        refresh_findings(document)
        db.session.commit()

    inserted, release, failures = threading.Event(), threading.Event(), []

    def late_edit():                      # draws the lower id, commits last
        try:
            with app.app_context():
                actor = db.session.get(User, ids["actor"])
                edit_clause(ids["first"][0], BLANKET, ids["first"][1], actor=actor)
                inserted.set()
                release.wait(30)
                db.session.commit()
        except Exception as err:          # reported below, in the test's thread
            failures.append(err)
            inserted.set()

    def check_pass():
        try:
            with app.app_context():
                refresh_findings(db.session.get(Document, ids["document"]))
                db.session.commit()
        except Exception as err:
            failures.append(err)

    writer = threading.Thread(target=late_edit)
    writer.start()
    assert inserted.wait(30)
    with app.app_context():              # the higher id, committed first
        actor = db.session.get(User, ids["actor"])
        edit_clause(ids["second"][0], "The Parties shall meet on day 3.", ids["second"][1], actor=actor)
        db.session.commit()
    checker = threading.Thread(target=check_pass)
    checker.start()
    checker.join(30)                     # the pass runs while the late edit is open
    assert not checker.is_alive(), "a pass waited for an editor"
    release.set()
    writer.join(30)
    assert not failures, failures

    with app.app_context():
        refresh_findings(db.session.get(Document, ids["document"]))
        db.session.commit()
        current = db.session.scalar(select(Clause.current_version_id).where(Clause.id == ids["first"][0]))
        severities = {f.severity for f in db.session.scalars(select(Finding).where(
            Finding.version_id == current, Finding.superseded_at.is_(None)))}
        assert "violation" in severities, severities
