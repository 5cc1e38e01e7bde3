"""Where a clause of a round is shown: the round page, with the section and the page of
it that holds the clause when the round is long enough to be shown in parts."""
from flask import url_for
from sqlalchemy import func, select

from ..extensions import db
from ..public_ids import encode
from .models import Round, RoundPin, RoundSection
from .paging import in_sections, page_holding


def clause_link(round_: Round, clause_id: int) -> str:
    url = url_for("rounds.view", document_id=round_.document_id, number=round_.number)
    pin = db.session.get(RoundPin, (round_.id, clause_id))
    total = db.session.scalar(select(func.sum(RoundSection.clause_count)).where(RoundSection.round_id == round_.id))
    if pin is not None and in_sections(total or 0):
        before = db.session.scalar(select(func.count()).select_from(RoundPin).where(
            RoundPin.round_id == round_.id, RoundPin.section_id == pin.section_id,
            RoundPin.position < pin.position))
        url = url_for("rounds.view", document_id=round_.document_id, number=round_.number,
                      section=encode("section", pin.section_id), page=page_holding(before))
    return f"{url}#clause-{encode('clause', clause_id)}"
