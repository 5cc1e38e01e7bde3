"""A process with something of everything, for tests that walk every route: two
documents, circulated rounds, submissions in each state, a package, a finding, an
archive job, and a second document whose latest round is closed and unchanged."""
from dataclasses import dataclass

from sqlalchemy import select

from app.agreement.operations import create_package
from app.comments.operations import create_submission
from app.compliance.models import Finding
from app.compliance.refresh import current_findings
from app.drafting.operations import add_clause, add_section, create_document, delete_clause
from app.extensions import db
from app.processes.models import Role
from app.processes.permissions import Access
from app.rounds.operations import circulate_round, close_round

AMNESTY = ("All members of the armed forces and of the Movement shall be granted a full amnesty "
           "for all acts committed in the course of the conflict.")


def access(world, who: str) -> Access:
    role = {"mediator": Role.mediator, "drafter": Role.drafter, "legal": Role.legal_adviser,
            "observer": Role.observer}.get(who, Role.delegate)
    party = {"delegate_a": "a", "delegate_a2": "a", "delegate_b": "b", "observer": "obs"}.get(who)
    return Access(world.users[who].id, world.process, role, world.parties[party].id if party else None)


@dataclass
class Scene:
    world: object
    document: object
    sections: list
    clauses: list           # circulated in Rev. 1: peace, ceasefire [brackets], withdrawal, amnesty
    draft_only: object      # added after Rev. 1: in the working draft only
    round: object
    a_proposal: object      # submitted by party A
    a_draft: object         # party A's draft
    b_comment: object       # submitted by party B
    package: object         # clauses 1 and 3
    finding: object         # on the amnesty clause
    closed: object          # second document: Rev. 2 closed, nothing changed since
    closed_round: object
    gone: object            # its clause in Rev. 1 only
    stays: object           # its clause in Rev. 1 and Rev. 2
    bridging: object = None  # the team's bridging proposal on the ceasefire, not released
    webhook: object = None  # the mediator's, on round circulations (to a closed port here)

    @property
    def slug(self) -> str:
        return self.world.process.slug


def build_scene(world, doc) -> Scene:
    document, sections, clauses = doc
    mediator = world.users["mediator"]
    team = access(world, "mediator")
    amnesty = add_clause(document, sections[1], AMNESTY, actor=mediator)
    round_ = circulate_round(document, actor=mediator, confirm_findings=True)    # over the amnesty finding
    draft_only = add_clause(document, sections[1], "A working-draft clause no party has seen.", actor=mediator)
    a_proposal = create_submission(access(world, "delegate_a"), clauses[1], kind="proposal",
                                   body="Seventy-two hours is too short.",
                                   proposed_text="A ceasefire shall enter into force in 7 days.",
                                   draft=False, actor=world.users["delegate_a"])
    a_draft = create_submission(access(world, "delegate_a"), clauses[0], kind="comment",
                                body="An idea inside party A.", proposed_text=None, draft=True,
                                actor=world.users["delegate_a"])
    b_comment = create_submission(access(world, "delegate_b"), clauses[1], kind="comment",
                                  body="Party B comments.", proposed_text=None, draft=False,
                                  actor=world.users["delegate_b"])
    package = create_package(team, document, "Peace and withdrawal", [clauses[0].id, clauses[2].id],
                             actor=mediator)
    from app.comments.colliding import collisions_for, save_merge
    collisions = collisions_for(clauses[1], round_)
    bridging = save_merge(team, collisions, choices={str(n): a_proposal.public_id
                                                     for n in range(1, len(collisions.regions) + 1)},
                          custom={}, fingerprint=collisions.fingerprint, save_as="bridging",
                          reason="A bridge the team keeps for now.", base_version_id=None, actor=mediator).bridging
    current_findings(document)
    finding = db.session.scalar(select(Finding).where(Finding.clause_id == amnesty.id).limit(1))
    assert finding is not None, "the amnesty clause must give a finding"

    closed = create_document(team, "Closed talks", actor=mediator)
    only = add_section(closed, "Only section", actor=mediator)
    gone = add_clause(closed, only, "A clause dropped after Rev. 1.", actor=mediator)
    stays = add_clause(closed, only, "A clause that stays.", actor=mediator)
    circulate_round(closed, actor=mediator)
    delete_clause(gone.id, gone.current_version_id, actor=mediator)
    closed_round = circulate_round(closed, actor=mediator)
    close_round(closed_round, actor=mediator)
    from app.webhooks.operations import create_webhook
    webhook = create_webhook(team, "http://127.0.0.1:9/penholder", ["round.circulated"], actor=mediator)
    db.session.commit()
    return Scene(world, document, sections, [*clauses, amnesty], draft_only, round_, a_proposal, a_draft,
                 b_comment, package, finding, closed, closed_round, gone, stays, bridging, webhook)
