"""Demo step 4: positions on both rounds (one lapsed by the Rev. 2 change), a
reservation, a position the mediator recorded on a party's behalf, and a package."""
from sqlalchemy import select

from ..agreement import tallies
from ..agreement.models import Position, Stance
from ..agreement.operations import agree_package, create_package, set_position
from ..extensions import db
from ..processes.models import Role
from ..processes.permissions import Access
from ..rounds.models import RoundPin


def seed(ctx: dict) -> None:
    process, parties, users, clauses, document = (ctx["process"], ctx["parties"], ctx["users"], ctx["clauses"],
                                                  ctx["document"])
    rev1, rev2 = ctx["rounds"]
    gov = Access(users["government"].id, process, Role.delegate, parties["government"].id)
    nlm = Access(users["nlm"].id, process, Role.delegate, parties["nlm"].id)
    mediator = Access(users["mediator"].id, process, Role.mediator, None)

    def clause(prefix):
        return next(c for key, c in clauses.items() if key.startswith(prefix[:40]))

    # Rev. 1: positions given while it was the current round (written as they were then).
    rev1_pins = dict(db.session.execute(select(RoundPin.clause_id, RoundPin.version_id)
                                        .where(RoundPin.round_id == rev1.id)).all())
    general = [clause(p) for p in ("The Government of Northland and the Northland",
                                   "This Agreement shall be interpreted in accord",
                                   "The Annexes form an integral part")]
    ceasefire = clause("A permanent ceasefire shall enter into force")
    for who, party in (("government", "government"), ("nlm", "nlm")):
        for c in general + ([ceasefire] if party == "government" else []):
            db.session.add(Position(document_id=document.id, clause_id=c.id, version_id=rev1_pins[c.id],
                                    party_id=parties[party].id, stance=Stance.agreed, set_by_id=users[who].id,
                                    created_at=rev1.circulated_at))
    db.session.flush()
    tallies.rebuild(document.id)        # written directly, after Rev. 2 was circulated

    # Rev. 2: the Government's agreement to the ceasefire clause lapsed when its wording changed.
    rev2_pins = dict(db.session.execute(select(RoundPin.clause_id, RoundPin.version_id)
                                        .where(RoundPin.round_id == rev2.id)).all())
    set_position(nlm, ceasefire, parties["nlm"], "agreed", rev2_pins[ceasefire.id], None, actor=users["nlm"])
    amnesty = clause("The Government shall grant a general amnesty")
    set_position(gov, amnesty, parties["government"], "reservation", rev2_pins[amnesty.id],
                 "The Government cannot accept an amnesty for serious crimes.", actor=users["government"])
    monitoring = clause("An Implementation Monitoring Committee chaired")
    set_position(gov, monitoring, parties["government"], "agreed", rev2_pins[monitoring.id], None,
                 actor=users["government"])
    set_position(mediator, monitoring, parties["nlm"], "agreed", rev2_pins[monitoring.id],
                 "Agreed orally at the plenary of 14 November.", actor=users["mediator"])
    package = create_package(mediator, document, "Wealth and power sharing",
                             [clause("Revenues from natural resources shall be shared").id,
                              clause("The Movement shall nominate").id], actor=users["mediator"])
    agree_package(gov, package, parties["government"], "agreed", actor=users["government"])
