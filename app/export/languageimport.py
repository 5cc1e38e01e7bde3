"""Importing a language version of an existing document from Word (issue #22).

The file is read by the Word importer (importing.read_upload: word/reader.py), the same
reading as a new document's import: sections, articles with the labels Word's numbering
or the typed markers gave them ("Article 3", "3.", "المادة ٣"), titles and bodies. The
file's articles are then aligned with the working draft's:

1. by number: an article whose label carries a number (any script's digits) goes with
   the document's article of that number;
2. the file's articles without a number go, in order, with the document's next
   article after the one the previous file article went with, if that one is free.

The report lists the aligned articles, the document's articles the file has no
counterpart for, the file's articles that aligned with nothing (a number the document
lacks, a second article of the same number, an unnumbered paragraph with no free article
after its predecessor), and the numbering mismatches: an aligned pair standing in
different sections, or out of the document's order.

Every aligned text is checked like an edit before the first write; then each is written
as an edit in that language (drafting.operations.edit_clause: a new version, this
language's text revised for it, the rule of languages.py for the others), all in the
request's one transaction, and one audit entry records the import. A text unchanged and
up to date is left alone. Any refusal writes nothing.
"""
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext

from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.languages import language_of, texts_for
from ..drafting.models import Document
from ..drafting.numbering import article_label
from ..drafting.operations import KEEP, checked_clause_text, clean_clause_title, edit_clause
from ..drafting.queries import working_outline
from ..errors import Conflict, Invalid
from ..i18n import N_
from ..processes.permissions import Access
from .importing import read_upload

_DIGITS = re.compile(r"\d+")
# Why a paragraph of the file aligned with nothing, or with an article out of place: the
# codes are stable (the API's "code"), the texts translated where they are shown.
REASONS = {"no_such_article": N_("the document has no article of that number"),
           "number_repeated": N_("a second article of the same number"),
           "no_free_article": N_("no free article of the document after the previous one"),
           "other_section": N_("in another section than the document's article"),
           "out_of_order": N_("out of the document's order")}


def reason_text(code: str) -> str:
    return gettext(REASONS[code]) if code in REASONS else code


def label_number(label: str) -> int | None:
    """The article number a file's label carries: "Article 12" -> 12, "3." -> 3,
    "المادة ٣" -> 3 (Unicode digits); None when it has none (Roman numerals and words
    are read by position)."""
    found = _DIGITS.search(label or "")
    if found is None:
        return None
    return int("".join(str(unicodedata.digit(ch)) for ch in found.group(0)))


@dataclass
class Alignment:
    pairs: list = field(default_factory=list)          # (document ClauseRow, section index, ParsedClause, file section index)
    without_counterpart: list = field(default_factory=list)   # document ClauseRows
    unaligned: list = field(default_factory=list)      # (ParsedClause, why)
    mismatches: list = field(default_factory=list)     # (ParsedClause, ClauseRow, why)


def align(outline, draft) -> Alignment:
    ours = [(c, si) for si, s in enumerate(outline) for c in s.clauses if not c.is_deleted]
    by_number = {c.number: i for i, (c, _) in enumerate(ours)}
    theirs = [(c, si) for si, s in enumerate(draft.sections) for c in s.clauses]
    taken: dict[int, int] = {}            # our index -> their index
    out = Alignment()
    previous = -1
    for j, (clause, _) in enumerate(theirs):
        number = label_number(clause.label)
        if number is not None:
            i = by_number.get(number)
            if i is None:
                out.unaligned.append((clause, "no_such_article"))
                continue
            if i in taken:
                out.unaligned.append((clause, "number_repeated"))
                continue
        else:
            i = previous + 1
            if i >= len(ours) or i in taken:
                out.unaligned.append((clause, "no_free_article"))
                continue
        taken[i] = j
        previous = i
    last = -1
    for i in sorted(taken, key=taken.get):
        j = taken[i]
        row, our_section = ours[i]
        clause, their_section = theirs[j]
        out.pairs.append((row, our_section, clause, their_section))
        if our_section != their_section:
            out.mismatches.append((clause, row, "other_section"))
        elif i < last:
            out.mismatches.append((clause, row, "out_of_order"))
        last = max(last, i)
    out.without_counterpart = [ours[i][0] for i in range(len(ours)) if i not in taken]
    out.pairs.sort(key=lambda p: p[0].number or 0)
    return out


@dataclass
class LanguageImport:
    language: str
    alignment: Alignment
    written: list = field(default_factory=list)        # clause ids given a new text
    unchanged: list = field(default_factory=list)      # clause ids whose text was already that
    notes: list = field(default_factory=list)          # the reader's notes on the file

    def to_json(self, public_id) -> dict:
        a = self.alignment
        why = {code: reason_text(code) for code in REASONS}

        def theirs(clause):
            return {"label": clause.label, "title": clause.title, "text": clause.text[:500], "where": clause.where}
        return {
            "language": self.language,
            "counts": {"aligned": len(a.pairs), "written": len(self.written), "unchanged": len(self.unchanged),
                       "without_counterpart": len(a.without_counterpart), "unaligned": len(a.unaligned),
                       "numbering_mismatches": len(a.mismatches)},
            "aligned": [{"clause_id": public_id(row.clause_id), "article": article_label(row.number),
                         "file_label": clause.label, "where": clause.where,
                         "written": row.clause_id in self.written} for row, _, clause, _ in a.pairs],
            "without_counterpart": [{"clause_id": public_id(row.clause_id), "article": article_label(row.number)}
                                    for row in a.without_counterpart],
            "unaligned": [{**theirs(clause), "why": why[reason], "code": reason} for clause, reason in a.unaligned],
            "numbering_mismatches": [{"clause_id": public_id(row.clause_id), "article": article_label(row.number),
                                      "file_label": clause.label, "where": clause.where, "why": why[reason],
                                      "code": reason} for clause, row, reason in a.mismatches],
            "notes": self.notes,
        }


def import_language(access: Access, document: Document, code: str, data: bytes, *, actor,
                    dry_run: bool = False) -> LanguageImport:
    """Reads, aligns, checks, then (unless dry_run) writes; see the module's docstring."""
    language = language_of(document, code) if code else None
    if language is None:
        raise Invalid("The document has no such language.", code="bad_language")
    if language.lead:
        raise Invalid("This is the lead language: take an edited copy back in with the take-back import, "
                      "which checks for conflicting edits.", code="lead_language")
    if document.is_concluded:
        raise Conflict("The text is concluded; nothing more is changed.", code="concluded")
    draft = read_upload(data)
    alignment = align(working_outline(document.id), draft)
    if not alignment.pairs:
        raise Invalid("No article of the file aligned with the document's articles: nothing imported.",
                      code="nothing_aligned")
    current = texts_for([row.version_id for row, _, _, _ in alignment.pairs], language.code)
    wanted = []
    for row, _, clause, _ in alignment.pairs:
        try:
            title = clean_clause_title(clause.title) if clause.title else None
            text = checked_clause_text(clause.text, title)
        except Invalid as err:
            raise Invalid(gettext("%(article)s at %(where)s: %(reason)s", article=clause.name, where=clause.where,
                                  reason=err.message), code=err.code) from None
        wanted.append((row, text, title))
    result = LanguageImport(language.code, alignment, notes=list(draft.notes))
    if dry_run:
        for row, text, title in wanted:
            have = current.get(row.version_id)
            same = have is not None and not have.to_be_updated and have.text == text and \
                (title is None or title == have.title)
            (result.unchanged if same else result.written).append(row.clause_id)
        return result
    start_writing()
    for row, text, title in wanted:
        have = current.get(row.version_id)
        if have is not None and not have.to_be_updated and have.text == text and (title is None or title == have.title):
            result.unchanged.append(row.clause_id)
            continue
        edit_clause(row.clause_id, text, row.version_id, actor=actor, language=language.code,
                    title=title if title is not None else KEEP, reason="Imported from Word")
        result.written.append(row.clause_id)
    record_event(actor, "document.import_language", document, process_id=access.process.id,
                 changes={"language": language.code, "sha256": hashlib.sha256(data).hexdigest(),
                          "aligned": len(alignment.pairs), "written": len(result.written),
                          "without_counterpart": len(alignment.without_counterpart),
                          "unaligned": len(alignment.unaligned), "numbering_mismatches": len(alignment.mismatches)})
    return result
