"""Demo step 1: the process, its parties and the six logins."""
from ..auth.operations import create_user
from ..processes.models import PartyKind, Role
from ..processes.operations import add_member, add_party, create_process
from . import DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS


def seed(ctx: dict) -> None:
    process = create_process(DEMO_SLUG, "Northland Peace Talks", un_endorsed=True,
                             observers_may_submit=True, document_symbol="NL/CPA")
    parties = {
        "government": add_party(process, "government", "Government of Northland"),
        "nlm": add_party(process, "nlm", "Northland Liberation Movement"),
        "civil-society": add_party(process, "civil-society", "Civil Society Assembly",
                                   PartyKind.observer),
    }
    users = {}
    for email, name, role, party_slug in DEMO_USERS:
        user = create_user(email, name, DEMO_PASSWORD)
        add_member(process, user, Role(role), parties.get(party_slug))
        users[role if role != "delegate" else party_slug] = user
    ctx.update(process=process, parties=parties, users=users)
