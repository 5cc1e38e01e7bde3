"""Demo step 3: submissions from both parties on Rev. 2, the team's replies, an internal
note and dispositions; one proposal answered by the working draft's revision."""
from ..comments.operations import add_note, add_reply, create_submission, set_disposition, share_with_all
from ..comments.models import VersionAnswer
from ..extensions import db
from ..processes.models import Role
from ..processes.permissions import Access


def seed(ctx: dict) -> None:
    process, parties, users, clauses = ctx["process"], ctx["parties"], ctx["users"], ctx["clauses"]
    gov = Access(users["government"].id, process, Role.delegate, parties["government"].id)
    nlm = Access(users["nlm"].id, process, Role.delegate, parties["nlm"].id)
    observer = Access(users["observer"].id, process, Role.observer, parties["civil-society"].id)
    team = Access(users["mediator"].id, process, Role.mediator, None)

    def clause(prefix):
        return next(c for key, c in clauses.items() if key.startswith(prefix[:40]))

    revenue = clause("Revenues from natural resources shall be shared")
    gov_proposal = create_submission(
        gov, revenue, kind="proposal", body="The Government can accept a fixed share, not an open formula.",
        proposed_text="Revenues from natural resources shall be shared between the national Government and the "
                      "northern provinces, with thirty per cent allocated to the provinces.",
        draft=False, actor=users["government"])
    nlm_proposal = create_submission(
        nlm, revenue, kind="proposal", body="The provinces must receive at least half.",
        proposed_text="Revenues from natural resources shall be shared equally between the national Government "
                      "and the northern provinces.", draft=False, actor=users["nlm"])
    create_submission(nlm, clause("The Government shall grant a general amnesty"), kind="reservation",
                      body="The Movement cannot sign without an amnesty for its members.", proposed_text=None,
                      draft=False, actor=users["nlm"])
    question = create_submission(gov, clause("A Special Chamber for Serious Crimes shall"), kind="question",
                                 body="Who would appoint the international judges?", proposed_text=None,
                                 draft=False, actor=users["government"])
    create_submission(gov, clause("The Movement shall nominate"), kind="comment",
                      body="Draft for internal discussion within the delegation.", proposed_text=None,
                      draft=True, actor=users["government"])
    view = create_submission(observer, clause("Victims of the conflict shall have the right"), kind="view",
                             body="The Assembly asks that victims' organisations sit on the Truth Commission.",
                             proposed_text=None, draft=False, actor=users["observer"])
    add_reply(team, question, "The Secretary-General would nominate them, with the consent of both Parties.",
              actor=users["mediator"])
    set_disposition(team, gov_proposal, "partly_accepted",
                    "A fixed share is taken up; the percentage stays bracketed for the next round.",
                    actor=users["mediator"])
    set_disposition(team, nlm_proposal, "deferred", "To be discussed with the wealth-sharing package.",
                    actor=users["mediator"])
    share_with_all(team, view, actor=users["mediator"])
    add_note(team, revenue, "Both delegations signalled flexibility between 35 and 45 per cent in the corridors.",
             actor=users["mediator"])
    # The working-draft revision made after Rev. 2 answers both proposals.
    for proposal in (gov_proposal, nlm_proposal):
        db.session.add(VersionAnswer(version_id=revenue.current_version_id, submission_id=proposal.id))
    db.session.flush()
