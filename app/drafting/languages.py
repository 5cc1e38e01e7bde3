"""Authentic texts in several languages (issue #22): reading them.

A document has one or more languages, each authentic (binding) or a translation, and one
lead, the language the team drafts in. The lead's text is `ClauseVersion.text`, exactly as
before languages existed, so every feature that reads a wording reads the lead text
unchanged; the other languages' texts are `ClauseText` rows keyed by (version, language).

Every edit, in any language, writes a new clause version (operations.edit_clause): that
keeps a round's texts in every language frozen by the round's pins, and makes a change to
any authentic text lapse the positions on the old version as a lead edit always has (once
circulated). Each language's text carries the version it was last *revised for*; it is
"to be updated" when that is an earlier version. The rule an edit of language L follows:

- L's new text is revised for the new version;
- if L was up to date, the edit is a new change: every other language keeps its old
  "revised for", so each is now to be updated;
- if L was to be updated, the edit is its update: the languages that were up to date stay
  up to date (their "revised for" moves to the new version), the others stay stale.

Resubmitting a stale text unchanged is how a drafter records that it needs no change
(concordance confirmed). A clause is concordant when every authentic text is up to date;
agreement (agreement/status.py) and conclusion require it.

A document without language rows (made before this feature by code that inserts rows
directly) has one implicit language, lead and authentic: its process's house language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from flask import request
from flask_babel import get_locale
from sqlalchemy import and_, case, or_, select
from sqlalchemy.orm import aliased

from ..database import column_rows
from ..extensions import db
from .models import Clause, ClauseText, ClauseVersion, Document, DocumentLanguage
from .permissions import languages_heard_of

CODE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")
RTL = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"}
NAMES = {"en": "English", "ar": "Arabic", "fr": "French", "es": "Spanish", "ru": "Russian", "zh": "Chinese",
         "he": "Hebrew", "fa": "Farsi", "ur": "Urdu", "bs": "Bosnian", "hr": "Croatian", "sr": "Serbian",
         "el": "Greek", "tr": "Turkish", "pt": "Portuguese", "de": "German", "sw": "Swahili"}


@dataclass(frozen=True)
class Language:
    code: str
    authentic: bool
    lead: bool

    @property
    def rtl(self) -> bool:
        return is_rtl(self.code)

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def name(self) -> str:
        return language_name(self.code)

    def json(self) -> dict:
        return {"code": self.code, "authentic": self.authentic, "lead": self.lead}


def is_rtl(code: str | None) -> bool:
    return bool(code) and code.split("-")[0].lower() in RTL


def language_name(code: str) -> str:
    return NAMES.get(code.split("-")[0].lower(), code)


def display_name(code: str) -> str:
    """The language's name in the interface language (Babel's: "anglais" for en on a French
    page); `language_name` (English, as Word files print it) where Babel has none."""
    locale = get_locale()
    found = locale.languages.get(primary(code)) if locale is not None else None
    return found or language_name(code)


def primary(tag: str | None) -> str:
    return (tag or "en").split("-")[0].lower()


def languages_of(document: Document) -> list[Language]:
    """The document's languages, the lead first."""
    rows = db.session.execute(
        select(DocumentLanguage.code, DocumentLanguage.authentic, DocumentLanguage.lead)
        .where(DocumentLanguage.document_id == document.id)
        .order_by(DocumentLanguage.lead.desc(), DocumentLanguage.position, DocumentLanguage.id)).all()
    if not rows:
        return [Language(primary(document.process.language), True, True)]
    return [Language(code, bool(authentic), bool(lead)) for code, authentic, lead in rows]


def languages_by_document(documents) -> dict[int, list[Language]]:
    """Each document's languages in one query (lists of documents)."""
    documents = list(documents)
    found: dict[int, list[Language]] = {}
    if documents:
        for did, code, authentic, lead in db.session.execute(
                select(DocumentLanguage.document_id, DocumentLanguage.code, DocumentLanguage.authentic,
                       DocumentLanguage.lead)
                .where(DocumentLanguage.document_id.in_([d.id for d in documents]))
                .order_by(DocumentLanguage.lead.desc(), DocumentLanguage.position, DocumentLanguage.id)):
            found.setdefault(did, []).append(Language(code, bool(authentic), bool(lead)))
    return {d.id: found.get(d.id) or [Language(primary(d.process.language), True, True)] for d in documents}


def lead_of(document: Document) -> Language:
    return languages_of(document)[0]


def language_of(document: Document, code: str | None) -> Language | None:
    """The document's language named `code` (None: the lead); None if it has no such."""
    languages = languages_of(document)
    if code is None:
        return languages[0]
    return next((lang for lang in languages if lang.code == code), None)


def other_authentic(document: Document) -> list[str]:
    return [lang.code for lang in languages_of(document) if lang.authentic and not lang.lead]


@dataclass
class TextRow:
    text: str | None            # None: no text in that language yet
    title: str | None
    to_be_updated: bool
    revised_for_id: int | None


def texts_for(version_ids, language: str) -> dict[int, TextRow]:
    """{version id: its text in `language`} (not the lead) in one query per 1,000 ids."""
    ids = list(version_ids)
    found: dict[int, TextRow] = {}
    for start in range(0, len(ids), 1000):
        for vid, text, title, revised in column_rows(
                select(ClauseText.version_id, ClauseText.text, ClauseText.title, ClauseText.revised_for_id)
                .where(ClauseText.language == language, ClauseText.version_id.in_(ids[start:start + 1000]))):
            found[vid] = TextRow(text, title, revised != vid, revised)
    return found


def lead_stale(version_ids) -> set[int]:
    """The versions among these whose lead text is to be updated."""
    ids = list(version_ids)
    stale: set[int] = set()
    for start in range(0, len(ids), 1000):
        stale.update(db.session.scalars(select(ClauseVersion.id).where(
            ClauseVersion.id.in_(ids[start:start + 1000]), ClauseVersion.lead_revised_for_id.is_not(None))))
    return stale


def stale_authentic(document: Document, version_ids) -> dict[int, list[str]]:
    """{version id: the authentic languages to be updated in it} for the versions given,
    only those with one; a document with one authentic language answers {} without a
    query. A missing text counts as to be updated."""
    languages = languages_of(document)
    others = [lang.code for lang in languages if lang.authentic and not lang.lead]
    lead = languages[0]
    if not others and not (lead.authentic and len(languages) > 1):
        return {}
    ids = list(version_ids)
    stale: dict[int, list[str]] = {}
    if lead.authentic:
        for vid in lead_stale(ids):
            stale.setdefault(vid, []).append(lead.code)
    for code in others:
        have = texts_for(ids, code)
        for vid in ids:
            row = have.get(vid)
            if row is None or row.to_be_updated:
                stale.setdefault(vid, []).append(code)
    return stale


def version_text(document: Document, version: ClauseVersion, code: str | None) -> str | None:
    """One version's text in `code` (None or the lead: the lead text); None: no text yet."""
    if code is None or code == lead_of(document).code:
        return version.text
    row = texts_for([version.id], code).get(version.id)
    return row.text if row else None


def clause_languages(document: Document, version: ClauseVersion) -> list[dict]:
    """Every language's text of one version, with whether it is to be updated."""
    out = []
    for lang in languages_of(document):
        if lang.lead:
            out.append({**lang.json(), "text": version.text, "title": version.title,
                        "to_be_updated": version.lead_revised_for_id is not None})
        else:
            row = texts_for([version.id], lang.code).get(version.id)
            out.append({**lang.json(), "text": row.text if row else None, "title": row.title if row else None,
                        "to_be_updated": row is None or row.to_be_updated})
    return out


def in_language(outline, document: Document, code: str | None):
    """The outline (drafting.queries.SectionRow list) with its texts in `code`; each
    clause says whether that text is to be updated. The lead language leaves the texts as
    they are. One query per 1,000 clauses."""
    lang = language_of(document, code)
    ids = [c.version_id for s in outline for c in s.clauses]
    if lang.lead:
        stale = lead_stale(ids) if len(languages_of(document)) > 1 else set()
        for section in outline:
            for c in section.clauses:
                c.language, c.to_be_updated = lang.code, c.version_id in stale
        return outline
    texts = texts_for(ids, lang.code)
    for section in outline:
        for c in section.clauses:
            row = texts.get(c.version_id)
            c.language = lang.code
            c.to_be_updated = row is None or row.to_be_updated
            c.text = row.text if row else ""
            c.title = row.title if row else None
            c.missing = row is None
    return outline



def _stale_query(languages: list[Language], pairs):
    """(clause id, then per language whether its text is to be updated or missing) for the
    clauses of `pairs` (a subquery of clause_id, version_id) stale in any of `languages`:
    one pass over the pairs, whatever the number of languages (each language an indexed
    probe per pair: the lead's on the version, the others' on (version, language))."""
    clause_id, version_id = pairs.c
    query = select(clause_id).select_from(pairs)
    flags = []
    for lang in languages:
        if lang.lead:
            version = aliased(ClauseVersion)
            query = query.join(version, version.id == version_id)
            flags.append(version.lead_revised_for_id.is_not(None))
        else:
            text = aliased(ClauseText)
            query = query.outerjoin(text, and_(text.version_id == version_id, text.language == lang.code))
            flags.append(or_(text.id.is_(None), text.revised_for_id != text.version_id))
    return query.add_columns(*(case((flag, 1), else_=0) for flag in flags)).where(or_(*flags))


def stale_of_pairs(document: Document, pairs, authentic_only: bool) -> dict[int, list[str]]:
    """{clause id: its languages to be updated} over `pairs` (a subquery of clause_id,
    version_id): the working draft's live clauses here, a round's pins in rounds/queries."""
    languages = languages_of(document)
    if len(languages) < 2:
        return {}
    wanted = [lang for lang in languages if lang.authentic or not authentic_only]
    if not wanted:
        return {}
    stale: dict[int, list[str]] = {}
    for cid, *flags in db.session.execute(_stale_query(wanted, pairs)):
        stale[cid] = [lang.code for lang, flag in zip(wanted, flags) if flag]
    return stale


def stale_in_draft(document: Document, *, authentic_only: bool = True) -> dict[int, list[str]]:
    """{clause id: its (authentic) languages to be updated} over the working draft's live
    clauses: one query per language, none for a document of one language."""
    pairs = (select(Clause.id.label("clause_id"), Clause.current_version_id.label("version_id"))
             .join(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
             .where(Clause.document_id == document.id, ClauseVersion.is_tombstone.is_(False)).subquery())
    return stale_of_pairs(document, pairs, authentic_only)


def stale_counts(stale: dict[int, list[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for codes in stale.values():
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    return counts


def chosen_languages(document, access=None) -> list:
    """The columns: ?lang= repeated (two or three of the document's languages, in the
    order asked), by default the lead and the next one or two; with `access`, of those
    it may hear of."""
    languages = languages_of(document)
    if access is not None:
        languages = languages_heard_of(access, document, languages)
    asked = [code for code in request.args.getlist("lang") if code]
    chosen = []
    for code in asked:
        lang = next((lang for lang in languages if lang.code == code), None)
        if lang is not None and lang not in chosen:
            chosen.append(lang)
    return (chosen or languages)[:3], languages


def copy_section(section):
    return replace(section, clauses=[replace(c) for c in section.clauses])
