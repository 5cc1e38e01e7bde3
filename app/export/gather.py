"""Everything an export needs, read once and shaped for the pure DOCX writers.

Nothing here decides who may export: `permissions.py` does. Everything here takes the
caller's Access, so a party copy can only ever be filled with what that party may see:
its own submissions and the team's replies to them (and what the team shared with every
party), never findings, notes or another party's private items.

Dates in a file come from the record, never from the clock: the round's circulation (the
file's date, its revisions, its properties) and each submission's and reply's own time.
"""
import json
from datetime import datetime, timezone

from flask_babel import format_date, get_locale, gettext as _
from sqlalchemy import select

from ..comments.permissions import can_see_thread, visible_replies
from ..comments.queries import submissions_by_clause, submissions_for
from ..drafting.languages import in_language, is_rtl, languages_of, lead_stale, texts_for
from ..drafting.models import Document
from ..drafting.numbering import section_heading
from ..drafting.queries import working_outline
from ..extensions import db
from ..i18n import N_
from ..processes.models import Attribution, Party
from ..processes.permissions import Access
from ..rounds.diffing import _pins, round_texts, round_titles, texts_of, titles_of
from ..rounds.models import Round, RoundSection
from ..rounds.queries import round_outline
from ..rounds.renumbering import renumbering_between
from ..rounds.roundcompare import compare_pins, summarise
from ..rounds.textdiff import word_diff
from .redline import merge
from .word.base import un_date
from .word.model import (ExportClause, ExportComment, ExportMeta, ExportSection, MatrixCell, MatrixGroup, MatrixRow,
                         Redline)

MARKING = "CONFIDENTIAL — for the parties to the talks only"
TEAM_MARKING = "CONFIDENTIAL — mediation team"
TEAM = "Mediation team"
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese",
             "pt": "Portuguese", "de": "German", "it": "Italian", "nl": "Dutch", "tr": "Turkish", "el": "Greek"}


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def document_symbol(document: Document, round_: Round | None) -> str:
    """The process's symbol for this round: "NL/CPA" + "/Rev.2", or the symbol with
    "{round}" replaced by the round's number; the process slug in capitals when unset."""
    stem = (document.process.document_symbol or document.process.slug.upper()).strip()
    if round_ is None:
        return _("%(symbol)s (working draft)", symbol=stem.replace("{round}", "WD")) if "{round}" in stem \
            else f"{stem}/WD"
    return stem.replace("{round}", str(round_.number)) if "{round}" in stem else f"{stem}/Rev.{round_.number}"


def language_name(tag: str) -> str:
    """The language's name in the copy's label locale (English for the rest)."""
    code = (tag or "en").split("-")[0].lower()
    named = {"en": _("English"), "fr": _("French"), "es": _("Spanish"), "ar": _("Arabic")}
    return named.get(code) or LANGUAGES.get(code, tag)


def article_in_copy(number: int | None) -> str:
    """"Article 12" in the copy's label locale ("المادة 12"), as its Word numbering says it."""
    return _("Article %(number)s", number=number) if number else _("Deleted clause")


def round_label(round_: Round) -> str:
    """"Rev. 2" in the copy's label locale (service.label_locale)."""
    return _("Rev. %(number)s", number=round_.number)


def meta_for(document: Document, round_: Round | None, recipient: Party | None, *, team: bool,
             variant: str = "clean", release_id: str | None = None, language=None) -> ExportMeta:
    """`language`: the copy's (drafting.languages.Language), None for the lead. Its fixed
    labels follow the locale the caller forced (service.render)."""
    process = document.process
    when = _utc(round_.circulated_at if round_ else datetime.now(timezone.utc)).replace(microsecond=0)
    meta = ExportMeta(
        process_title=process.title, document_title=document.title,
        round_label=round_label(round_) if round_ else _("Working draft"), date=when.date(),
        marking=_(TEAM_MARKING) if team and recipient is None else _(MARKING),
        nauea=process.nauea and not document.is_concluded,
        recipient=recipient.name if recipient else None, working_draft=round_ is None,
        revision_author=TEAM, revision_date=when, symbol=document_symbol(document, round_),
        language=process.language or "en-GB", original_language=language_name(process.language),
        font=process.house_font or "Times New Roman", line_numbering=bool(process.line_numbering),
        release_id=release_id, variant=variant)
    if language is not None:
        meta.language, meta.rtl = language.code, is_rtl(language.code)
    if get_locale() is not None and get_locale().language != "en":
        meta.date_text = format_date(when.date(), format="long")      # "1 décembre 2026"
    return meta


def _clause(c) -> ExportClause:
    clause = ExportClause.from_text(c.clause_id, c.number, c.text, getattr(c, "title", None),
                                    getattr(c, "version_id", None))
    clause.to_be_updated, clause.missing = getattr(c, "to_be_updated", False), getattr(c, "missing", False)
    return clause


def _sections(outline) -> list[ExportSection]:
    return [ExportSection(s.id, s.number, s.title, [_clause(c) for c in s.clauses]) for s in outline]


def clean_sections(document: Document, round_: Round | None, language=None) -> list[ExportSection]:
    """The clean text's sections, in `language` (None: the lead; a clause with no text in
    that language yet is empty), each clause saying whether its text is to be updated."""
    outline = round_outline(round_) if round_ else working_outline(document.id)
    # The lead too: after an edit in another language its text is to be updated.
    outline = in_language(outline, document, language.code if language is not None else None)
    return _sections(outline)


def _round_sections(round_: Round, pins, texts: dict[int, str], made: dict,
                    titles: dict[int, str], stale: dict | None = None) -> list[ExportSection]:
    """The round's sections and clauses; `made` shares one ExportClause per version
    between the two rounds of a redline (an unchanged clause is then the same object on
    both sides, which the merge sees at once). Numbers are not part of a clause there.
    `stale`: {version id: (missing, to be updated)} of the copy's language."""
    sections = {sid: ExportSection(sid, position, title, [])
                for sid, title, position in db.session.execute(
                    select(RoundSection.section_id, RoundSection.title, RoundSection.position)
                    .where(RoundSection.round_id == round_.id).order_by(RoundSection.position))}
    for pin in pins:
        clause = made.get(pin.version_id)
        if clause is None:
            clause = made[pin.version_id] = ExportClause.from_text(pin.clause_id, None, texts[pin.version_id],
                                                                   titles.get(pin.version_id))
            if stale and pin.version_id in stale:
                clause.missing, clause.to_be_updated = stale[pin.version_id]
        sections[pin.section_id].clauses.append(clause)
    return list(sections.values())


def redline_between(old: Round, new: Round, language=None) -> tuple[Redline, dict]:
    """The two rounds merged (see redline.py) and the comparison's counts. Texts: the
    newer round's in one join, the older round's only where its versions differ. In
    another language than the lead, both rounds' texts in that language."""
    new_pins, old_pins = _pins(new), _pins(old)
    if language is not None:
        rows = texts_for({p.version_id for p in new_pins} | {p.version_id for p in old_pins}, language.code)
        texts = {p.version_id: (rows[p.version_id].text or "") if p.version_id in rows else ""
                 for p in new_pins + old_pins}
        titles = {vid: row.title for vid, row in rows.items() if row.title}
        # Each round's texts to be updated are marked as its clean copy marks them.
        stale = {vid: (vid not in rows, True) for vid in texts if vid not in rows or rows[vid].to_be_updated}
        made: dict = {}
        redline = merge(_round_sections(old, old_pins, texts, made, titles, stale),
                        _round_sections(new, new_pins, texts, made, titles, stale))
        return redline, summarise(compare_pins(old_pins, new_pins), texts)
    texts = round_texts(new)
    texts_before = set(texts)
    texts.update(texts_of({p.version_id for p in old_pins} - texts.keys()))
    titles = round_titles(new)
    titles.update(titles_of({p.version_id for p in old_pins} - texts_before))
    stale = {vid: (False, True) for vid in lead_stale(texts)} if len(languages_of(new.document)) > 1 else {}
    made: dict = {}
    redline = merge(_round_sections(old, old_pins, texts, made, titles, stale),
                    _round_sections(new, new_pins, texts, made, titles, stale))
    if new.number == old.number + 1 and new.summary:
        summary = json.loads(new.summary)         # computed once, at circulation
    else:
        summary = summarise(compare_pins(old_pins, new_pins), texts)
    return redline, summary


def renumbering_rows(old: Round, new: Round) -> list[tuple[str, str]]:
    """The redline annex's rows: each run of renumbered articles, then the new ones and
    the removed ones, as "Article 31" / "Articles 31-9000"."""
    table = renumbering_between(old, new)

    def span(first: int, last: int) -> str:
        return article_in_copy(first) if first == last else _("Articles %(first)s\u2013%(last)s", first=first,
                                                                 last=last)
    def spans(numbers: list[int]) -> list[str]:      # 5, 6, 7, 9 -> "Articles 5-7", "Article 9"
        out: list[list[int]] = []
        for n in numbers:
            if out and n == out[-1][1] + 1:
                out[-1][1] = n
            else:
                out.append([n, n])
        return [span(first, last) for first, last in out]
    rows = [(span(r.old_from, r.old_to), span(r.new_from, r.new_to)) for r in table.runs]
    rows += [("", _("%(articles)s (new)", articles=label)) for label in spans(table.added)]
    rows += [(_("%(articles)s (removed)", articles=label), "") for label in spans(table.removed)]
    return rows


def redline_summary(old: Round, new: Round, summary: dict, stats: dict) -> list[str]:
    """The redline's title page: what changed, in counts. Added, removed and modified
    are the comparison's (as the diff and the round page give them); moved counts every
    article the redline shows as moved (reworded ones and those moving with their section
    included)."""
    lines = [_("Articles: %(added)s added; %(removed)s removed; %(modified)s modified; %(moved)s moved.",
               added=summary.get("added", 0), removed=summary.get("removed", 0),
               modified=summary.get("modified", 0), moved=stats.get("clauses_moved", 0)),
             _("Brackets: %(opened)s opened; %(closed)s closed.", opened=summary.get("brackets_opened", 0),
               closed=summary.get("brackets_closed", 0))]
    if any(stats.get(k) for k in ("sections_added", "sections_removed", "sections_renamed", "sections_moved")):
        lines.append(_("Sections: %(added)s added; %(removed)s removed; %(renamed)s renamed; %(moved)s moved.",
                       added=stats["sections_added"], removed=stats["sections_removed"],
                       renamed=stats["sections_renamed"], moved=stats["sections_moved"]))
    lines.append(_("Accept all changes to read %(new)s; reject all to read %(old)s.", new=round_label(new),
                   old=round_label(old)))
    return lines


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha())[:4].upper() or "P"


def _named(access: Access, submission, party: Party | None) -> str:
    """Who a submission is from, as this copy may say: the team's copy names the party
    and the delegate; a party's copy names the party for its own items, and for another
    party's items the team shared, follows the process's attribution setting."""
    if party is None:
        who = submission.author.name if submission.author is not None else None
        return f"{submission.party.name} ({who})" if who else submission.party.name
    if submission.party_id == party.id or access.process.proposal_attribution == Attribution.attributed:
        return submission.party.name
    return "Another party"


def comments_for(access: Access, round_: Round, party: Party | None) -> list[ExportComment]:
    """Submissions on the round as Word comments, dated when submitted, with the
    thread's replies as Word replies (each with its own author and time)."""
    out = []
    for s in submissions_for(access, round_id=round_.id):
        if s.status.value == "draft":
            continue
        who = _named(access, s, party)
        text = _("%(kind)s: %(body)s", kind=_kind_name(s.kind.value), body=s.body)
        if s.proposed_text:
            text += "\n" + _("Proposed wording: %(text)s", text=s.proposed_text)
        if s.status.value == "withdrawn":
            text += "\n" + _("(withdrawn)")
        if s.disposition is not None and can_see_thread(access, s):
            text += "\n" + _("Disposition: %(decision)s: %(reason)s",
                              decision=s.disposition.decision.value.replace("_", " "), reason=s.disposition.reason)
        replies = [ExportComment(s.clause_id, TEAM if r.from_team else who,
                                 "MT" if r.from_team else _initials(who), _utc(r.created_at), r.body)
                   for r in visible_replies(access, s)]
        out.append(ExportComment(s.clause_id, who, _initials(who), _utc(s.submitted_at or s.created_at), text,
                                 replies))
    return out


KIND_NAMES = {"comment": N_("Comment"), "question": N_("Question"), "reservation": N_("Reservation"),
              "proposal": N_("Proposal"), "view": N_("View")}


def _kind_name(kind: str) -> str:
    """A submission's kind as the copy names it, in the copy's label locale: "Comment" ..."""
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind.capitalize()


def _reply_lines(submission) -> list[str]:
    return [_("Reply (%(who)s, %(date)s): %(body)s", who=TEAM if r.from_team else submission.party.name,
              date=un_date(_utc(r.created_at).date()), body=r.body) for r in submission.replies]


def matrix_groups(access: Access, document: Document, round_: Round) -> tuple[list[str], list[MatrixGroup]]:
    """The team's compilation: per section, each clause with submissions, its circulated
    wording, each party's submissions (proposals as redlines) with the replies, and the
    team's dispositions."""
    parties = list(document.process.parties)
    by_clause = submissions_by_clause(access, round_id=round_.id)
    headers = ["Article", "Circulated wording"] + [p.name for p in parties] + ["Disposition"]
    groups = []
    for section in round_outline(round_):
        rows = []
        for c in section.clauses:
            subs = by_clause.get(c.clause_id)
            if not subs:
                continue
            cells = []
            for p in parties:
                mine = [s for s in subs if s.party_id == p.id]
                notes = "\n".join(_("%(kind)s (%(date)s): %(body)s",
                                     kind=_kind_name(s.kind.value) + (" " + _("(withdrawn)")
                                                                      if s.status.value == "withdrawn" else ""),
                                     date=un_date(_utc(s.submitted_at or s.created_at).date()), body=s.body)
                                   for s in mine)
                proposal = next((s for s in mine if s.proposed_text), None)
                cells.append(MatrixCell(notes, word_diff(c.text, proposal.proposed_text) if proposal else None,
                                        [line for s in mine for line in _reply_lines(s)]))
            decisions = "\n".join(f"{s.party.name}: {s.disposition.decision.value.replace('_', ' ')} — "
                                  f"{s.disposition.reason}" for s in subs if s.disposition is not None)
            rows.append(MatrixRow(article_in_copy(c.number), c.text, cells, decisions))
        if rows:
            groups.append(MatrixGroup(section_heading(section.number, section.title), rows))
    return headers, groups
