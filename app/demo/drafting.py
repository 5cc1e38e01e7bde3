"""Demo step 2: the Comprehensive Peace Agreement for Northland, two circulated rounds
with real changes between them, and a working draft moving towards Rev. 3."""
from ..drafting.operations import add_clause, add_section, create_document, delete_clause, edit_clause, move_clause
from ..processes.permissions import Access
from ..processes.models import Role
from ..rounds.operations import circulate_round
from .languages import update_arabic, write_texts

TITLE = "Comprehensive Peace Agreement for Northland"

SECTIONS = [
    ("General provisions", [
        "The Government of Northland and the Northland Liberation Movement (hereinafter \"the Parties\") commit themselves to a just and lasting peace.",
        "This Agreement shall be interpreted in accordance with the Charter of the United Nations and international human rights law.",
        "The Parties recognise the territorial integrity of Northland [within its internationally recognised borders].",
        "The Parties shall implement this Agreement in good faith and within the timelines set out in the Implementation Matrix.",
        "Nothing in this Agreement shall be construed as prejudicing the rights of persons belonging to minorities.",
        "The Annexes form an integral part of this Agreement.",
    ]),
    ("Ceasefire and security arrangements", [
        "A permanent ceasefire shall enter into force [72 hours / seven days] after the signature of this Agreement.",
        "The Parties shall cease all offensive military operations, including aerial bombardment, the laying of mines and the recruitment of combatants.",
        "Forces of the Movement shall assemble in the cantonment sites listed in Annex 1 within [30 / 60] days.",
        "A Joint Ceasefire Commission shall be established, composed of representatives of both Parties and chaired by the United Nations.",
        "Members of the Ceasefire Monitoring Mission shall enjoy immunity from legal process in respect of words spoken or written and acts performed in their official capacity.",
        "The Parties shall provide the Ceasefire Monitoring Mission with unrestricted freedom of movement throughout Northland.",
        "Children associated with armed forces or groups shall be released immediately and handed over to child protection agencies.",
    ]),
    ("Power sharing and governance", [
        "A Transitional Government of National Unity shall be formed within 90 days of the signature of this Agreement.",
        "The Movement shall nominate [one third / two fifths] of the ministers of the Transitional Government.",
        "The post of Vice-President shall be held by a nominee of the Movement.",
        "Elections for the National Assembly shall be held no later than [24 / 36] months after the signature of this Agreement.",
        "An Independent Electoral Commission shall be established with members appointed by consensus of the Parties.",
        "The Parties shall guarantee freedom of expression, association and peaceful assembly during the transitional period.",
        "Members of the National Assembly shall not be liable to criminal or civil proceedings in respect of any vote cast or words spoken in the Assembly.",
    ]),
    ("Land, resources and wealth sharing", [
        "The Parties recognise the customary land rights of communities in the northern provinces.",
        "A Land Commission shall resolve disputes over land occupied during the conflict.",
        "Revenues from natural resources shall be shared between the national Government and the northern provinces [in equal parts / in proportion to population].",
        "A Reconstruction and Development Fund shall be established with contributions from the Government and international partners.",
        "Outstanding agricultural loans contracted by displaced farmers before the conflict shall be pardoned.",
        "The Parties shall protect the environment and ensure the sustainable management of forests and water resources.",
    ]),
    ("Justice, truth and reconciliation", [
        "A Truth and Reconciliation Commission shall be established to investigate violations of human rights committed during the conflict.",
        "The Government shall grant a general amnesty to all members of the Movement in respect of any act committed in pursuit of their political objectives.",
        "Amnesty shall be granted for the offences of rebellion, sedition and unlawful possession of arms committed in connection with the conflict. It shall not extend to genocide, crimes against humanity, war crimes, torture, enforced disappearance, extrajudicial executions, slavery, rape and other forms of sexual violence, or other gross violations of human rights.",
        "Victims of the conflict shall have the right to truth, justice, reparation and guarantees of non-recurrence.",
        "A Special Chamber for Serious Crimes shall be established within the High Court [with international judges / with national judges only].",
        "All political prisoners shall be released within 30 days of the signature of this Agreement.",
        "The Parties shall cooperate fully with the Special Chamber, including in the arrest and surrender of suspects.",
    ]),
    ("Implementation and verification", [
        "An Implementation Monitoring Committee chaired by the United Nations shall oversee the implementation of this Agreement.",
        "The Parties request the Security Council to establish a mission to support the implementation of this Agreement.",
        "Disputes concerning the interpretation of this Agreement shall be referred to the Implementation Monitoring Committee.",
        "The Parties shall submit a report on implementation to the Committee every three months.",
        "This Agreement shall enter into force upon its signature by both Parties.",
        "This Agreement is done in English, French and Spanish, each text being equally authentic.",
    ]),
]


def seed(ctx: dict) -> None:
    process, users = ctx["process"], ctx["users"]
    mediator, drafter = users["mediator"], users["drafter"]
    access = Access(mediator.id, process, Role.mediator, None)
    document = create_document(access, TITLE, actor=drafter)
    sections, clauses = [], {}
    for title, texts in SECTIONS:
        section = add_section(document, title, actor=drafter)
        sections.append(section)
        for text in texts:
            clause = add_clause(document, section, text, actor=drafter)
            clauses[text[:40]] = clause
    # Arabic (authentic) and French (translation) beside the English (issue #22).
    write_texts(document, clauses, drafter)
    # The text carries a general amnesty no legal adviser has reviewed yet (demo step 5
    # confirms it): the mediator circulates over it, as the gate lets them, on the record.
    rev1 = circulate_round(document, actor=mediator, note="First draft for comment by the Parties.",
                           confirm_findings=True)

    def edit(prefix: str, new_text: str, reason: str):
        clause = clauses[prefix[:40]]
        return edit_clause(clause.id, new_text, clause.current_version_id, actor=drafter, reason=reason)

    # Rev. 2 answers the first round of comments: real wording changes, a bracket
    # resolved, one opened, a clause moved, one deleted and one added.
    edit("A permanent ceasefire shall enter into force [72 hours / seven days]",
         "A permanent ceasefire shall enter into force 72 hours after the signature of this Agreement.",
         "Both Parties accepted 72 hours at the security working group.")
    edit("Elections for the National Assembly shall be held no later than",
         "Elections for the National Assembly shall be held no later than 30 months after the signature of this Agreement, [under the supervision of the United Nations].",
         "Compromise between 24 and 36 months; UN supervision proposed by the Movement.")
    edit("The Parties shall guarantee freedom of expression, association",
         "The Parties shall guarantee freedom of expression, association and peaceful assembly, and the freedom of the press, during the transitional period and thereafter.",
         "Government proposal, extended to the press.")
    delete_clause(clauses["The Parties shall submit a report on implem"[:40]].id,
                  clauses["The Parties shall submit a report on implem"[:40]].current_version_id,
                  actor=drafter, reason="Merged into the mandate of the Monitoring Committee.")
    move_clause(clauses["Children associated with armed forces or g"[:40]].id, sections[1].id, 2, actor=drafter)
    idps = add_clause(document, sections[4], "Internally displaced persons and refugees shall have the right to return voluntarily, in safety and dignity, to their places of origin.",
                      actor=drafter, reason="Requested by the Civil Society Assembly.")
    clauses[idps.current_version.text[:40]] = idps
    update_arabic(clauses, drafter)
    rev2 = circulate_round(document, actor=mediator, note="Revised text after the first round of comments.",
                           confirm_findings=True)

    # The working draft has moved on since Rev. 2 (the team's internal work); its Arabic
    # text is to be updated.
    edit("Revenues from natural resources shall be shared",
         "Revenues from natural resources shall be shared between the national Government and the northern provinces, with [forty / fifty] per cent allocated to the provinces.",
         "Working-draft proposal from the wealth-sharing group; not yet circulated.")
    ctx.update(document=document, sections=sections, clauses=clauses, rounds=[rev1, rev2])
