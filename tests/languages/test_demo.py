"""The demo (issue #22): the northland text in English (lead, authentic) and Arabic
(authentic), a French translation, with one Arabic text to be updated after an English edit."""
from sqlalchemy import select

from app.demo import seed_demo
from app.drafting.languages import languages_of, stale_in_draft, texts_for
from app.rounds.queries import stale_in_round
from app.drafting.models import Clause, Document
from app.extensions import db
from app.rounds.queries import latest_round


def test_the_demo_text_has_english_arabic_and_french_with_one_arabic_text_to_be_updated(app):
    with app.app_context():
        assert seed_demo()
        document = db.session.scalar(select(Document).where(Document.title.like("Comprehensive Peace%")))
        assert [(lang.code, lang.authentic, lang.lead) for lang in languages_of(document)] == [
            ("en", True, True), ("ar", True, False), ("fr", False, False)]
        # One Arabic text to be updated after an English edit; the two clauses the team
        # added since Rev. 2 have no Arabic yet (also "to be updated").
        stale = stale_in_draft(document)
        assert list(stale.values()) == [["ar"]] * 3
        texts = texts_for([db.session.get(Clause, cid).current_version_id for cid in stale], "ar")
        [edited] = [db.session.get(Clause, cid) for cid in stale
                    if db.session.get(Clause, cid).current_version_id in texts]
        assert edited.current_version.text.startswith("Revenues from natural resources")
        assert texts[edited.current_version_id].to_be_updated
        assert stale_in_round(document, latest_round(document.id).id) == {}     # Rev. 2 is concordant
        everything = stale_in_draft(document, authentic_only=False)
        assert any("fr" in codes for codes in everything.values())             # the translation is in progress
