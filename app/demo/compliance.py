"""Demo step 5: the amnesty check over the demo text, one finding reviewed.

The circulated text carries a general amnesty with no exclusions (a violation, which
the legal adviser confirms) and an amnesty for political offences that excludes the
core crimes (a notice). Two new working-draft clauses wait in the legal queue: one
vague scheme (a warning, which the legal adviser escalates to the mediator with a note)
and an undertaking not to prosecute (a violation, unreviewed: circulating the working
draft meets the gate)."""
from ..drafting.operations import add_clause
from ..compliance.models import Decision
from ..compliance.operations import review_finding
from ..compliance.refresh import current_findings
from ..processes.models import Role
from ..processes.permissions import Access


def seed(ctx: dict) -> None:
    process, users, document = ctx["process"], ctx["users"], ctx["document"]
    legal = Access(users["legal_adviser"].id, process, Role.legal_adviser, None)
    justice = next(s for s in ctx["sections"] if s.title.startswith("Justice"))
    # New working-draft clauses, written in English: their Arabic is still to be written.
    for text in ("Members of the Movement shall benefit from the broadest possible amnesty, under conditions to be "
                 "set by the Truth and Reconciliation Commission.",
                 "No criminal proceedings shall be instituted against members of the security forces for acts "
                 "committed in the performance of their duties during the conflict."):
        add_clause(document, justice, text, actor=users["drafter"])
    findings = current_findings(document)
    general = next(f for f in findings if f.severity == "violation" and f.language is None
                   and "general amnesty" in f.version.text)
    review_finding(legal, general, Decision.confirmed.value,
                   "A blanket amnesty covering international crimes: the UN cannot endorse this wording.",
                   actor=users["legal_adviser"])
    # The Arabic text of that article is authentic too, and says the same (issue #22).
    for arabic in [f for f in findings if f.language == "ar" and f.clause_id == general.clause_id
                   and f.severity != "notice"]:
        review_finding(legal, arabic, Decision.confirmed.value,
                       "The authentic Arabic text grants the same blanket amnesty.", actor=users["legal_adviser"])
    vague = next(f for f in findings if f.severity == "warning" and f.language is None
                 and "broadest possible amnesty" in f.version.text)
    review_finding(legal, vague, Decision.escalated.value, None, actor=users["legal_adviser"],
                   assignee_id=users["mediator"].id,
                   note="Ask the Movement which offences the Commission's conditions would cover before Rev. 3.")
