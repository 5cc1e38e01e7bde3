"""Demo step 6: two working groups, each holding chapters of the text. Their members are
the mediator and the legal adviser, so the group pages show progress and a queue (and
they hear of submissions waiting there) while the demo's drafter keeps the pen on the
whole text and the delegates' round pages show every section. Add a delegate or the
drafter to a group on its page to see a delegate's page open on the group's sections and
a drafter's edits kept to them."""
from ..groups.operations import create_group
from ..processes.models import Role
from ..processes.permissions import Access

GROUPS = (
    ("Ceasefire and security", "The ceasefire, the security arrangements and their verification.",
     ("Ceasefire", "Implementation")),
    ("Justice and land", "Transitional justice and the land, resources and wealth-sharing chapter.",
     ("Justice", "Land")),
)


def seed(ctx: dict) -> None:
    process, users = ctx["process"], ctx["users"]
    mediator = Access(users["mediator"].id, process, Role.mediator, None)
    for name, mandate, prefixes in GROUPS:
        sections = [s.id for s in ctx["sections"] if s.title.startswith(prefixes)]
        create_group(mediator, name=name, mandate=mandate, section_ids=sections,
                     members=[users["mediator"].email, users["legal_adviser"].email], actor=users["mediator"])
