"""Which documents a caller may hear of is written twice: in SQL for the process's list
(permissions.visible_documents, the process page and API) and in Python for one document
(permissions.can_see_document, behind document_access_or_404); clauses likewise
(can_hear_of_clause: once a round pinned them). Hypothesis draws documents circulated or
not, clauses added to the working draft after a round, and every reader, and the list,
the one-by-one check and the rule (a party hears of what a round carried) must agree."""
from hypothesis import HealthCheck, given, settings, strategies as st

from app.drafting.operations import add_clause, add_section, create_document
from app.extensions import db
from app.processes.models import Role
from app.processes.permissions import Access
from app.rounds.operations import circulate_round
from app.rounds.permissions import can_hear_of_clause, can_see_document, visible_documents
from tests.comments.conftest import access

READERS = ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer")
TEAM = {"mediator", "drafter", "legal"}

# Per document: circulated?, and a clause added after the round (working draft only)?
documents = st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=4)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=documents, other_process_document=st.booleans())
def test_the_list_and_the_check_of_documents_agree(world, drawn, other_process_document):
    mediator = world.users["mediator"]
    team = access(world, "mediator")
    savepoint = db.session.begin_nested()
    try:
        made, clauses = [], []      # clauses: (clause, carried by a round?)
        for i, (circulated, later_clause) in enumerate(drawn):
            document = create_document(team, f"Document {i}", actor=mediator)
            section = add_section(document, "Provisions", actor=mediator)
            clauses.append((add_clause(document, section, "The Parties commit to peace.", actor=mediator),
                            circulated))
            if circulated:
                circulate_round(document, actor=mediator)
            if later_clause:
                clauses.append((add_clause(document, section, "A clause the team is drafting.", actor=mediator),
                                False))
            made.append((document, circulated))
        if other_process_document:      # another process's documents are in no one's list here
            create_document(Access(mediator.id, world.other_process, Role.mediator, None), "Elsewhere",
                            actor=mediator)
        db.session.flush()
        for who in READERS:
            reader = access(world, who)
            listed = [d.id for d in visible_documents(reader)]
            assert listed == [d.id for d, _ in made if can_see_document(reader, d)], who
            assert listed == [d.id for d, circulated in made if who in TEAM or circulated], who
            assert ([c.id for c, _ in clauses if can_hear_of_clause(reader, c)]
                    == [c.id for c, carried in clauses if who in TEAM or carried]), who
    finally:
        savepoint.rollback()
        db.session.expire_all()
