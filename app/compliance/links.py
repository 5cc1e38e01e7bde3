"""Where a finding's clause is in the working draft (the drafting page, at the clause);
the rounds that carried the very wording it is on are rounds.links.rounds_carrying."""
from flask import url_for
from sqlalchemy import select

from ..drafting.models import Clause
from ..extensions import db
from ..public_ids import encode


def draft_clause_url(document_id: int, clause_id: int, section_id: int | None = None) -> str:
    """The clause on the team's drafting page (its section's page in a long text)."""
    url = url_for("drafting.document", document_id=document_id,
                  **({"section": encode("section", section_id)} if section_id else {}))
    return f"{url}#clause-{encode('clause', clause_id)}"


def sections_of(clause_ids: set[int]) -> dict[int, int]:
    """clause id -> the section it is in now (one query)."""
    if not clause_ids:
        return {}
    return dict(db.session.execute(select(Clause.id, Clause.section_id).where(Clause.id.in_(clause_ids))).all())
