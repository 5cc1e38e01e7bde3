"""A bilingual document: English (lead, authentic), Arabic (authentic), French (translation)."""
import pytest

from app.drafting.operations import add_document_language, edit_clause
from app.extensions import db
from tests.helpers import build_doc

AR = ["تلتزم الأطراف بالسلام.",
      "يدخل وقف إطلاق النار حيز النفاذ [خلال 72 ساعة / خلال 7 أيام].",
      "تنسحب القوات إلى المواقع المتفق عليها."]
FR = ["Les Parties s'engagent en faveur de la paix.",
      "Un cessez-le-feu entre en vigueur [dans les 72 heures / dans les 7 jours].",
      "Les forces se retirent sur des positions convenues."]


def build_bilingual(world):
    document, sections, clauses = build_doc(world)
    drafter = world.users["drafter"]
    add_document_language(document, "ar", authentic=True, actor=drafter)
    add_document_language(document, "fr", authentic=False, actor=drafter)
    for clause, ar, fr in zip(clauses, AR, FR):
        edit_clause(clause.id, ar, clause.current_version_id, actor=drafter, language="ar")
        db.session.refresh(clause)
        edit_clause(clause.id, fr, clause.current_version_id, actor=drafter, language="fr")
        db.session.refresh(clause)
    db.session.commit()
    return document, sections, clauses


@pytest.fixture
def bilingual(world):
    return build_bilingual(world)
from tests.export.conftest import libreoffice  # noqa: E402,F401  (the session LibreOffice)
