"""Every write to the working draft. Functions flush, never commit.

Versions are immutable rows; the clause's `current_version_id` moves by
compare-and-set under a row lock, so of two edits from the same base exactly one wins
and the other is refused with the current text (409), never overwritten.
"""
import secrets

from flask import current_app
from sqlalchemy import func, insert, select, update
from flask_babel import gettext

from ..audit.operations import record_event
from ..errors import N_, Conflict, Invalid, NotFound
from ..extensions import db
from ..models_base import utcnow
from ..processes.permissions import Access
from ..textinput import normalise_text
from .brackets import BracketError, check_balanced, count_brackets
from .languages import CODE_RE, languages_of, primary
from .models import Clause, ClauseText, ClauseVersion, Document, DocumentLanguage, Section
from .permissions import require_in_edit_scope, require_section_adder
from .structure import problems as structure_problems
from .version_lock import share_version_lock

MAX_TITLE_CHARS = 300
KEEP = object()          # edit_clause(title=KEEP): the new version keeps the current title


def clean_text(text, *, what: str = "Clause text") -> str:
    """Normalises line breaks and control characters (the rule of app/textinput.py, which
    the request boundary applies already; here for the CLI and imports) and trims;
    refuses empty or oversized text."""
    if not isinstance(text, str):
        raise Invalid(gettext("%(what)s must be a string.", what=gettext(what)))
    text = normalise_text(text, name=what).strip()
    if not text:
        raise Invalid(gettext("%(what)s is empty.", what=gettext(what)))
    limit = current_app.config.get("MAX_CLAUSE_CHARS", 20_000)
    if len(text) > limit:
        raise Invalid(gettext("%(what)s is %(length)s characters long; the limit is %(limit)s.",
                              what=gettext(what), length=len(text), limit=limit),
                      extra={"max_length": limit})
    return text


def checked_clause_text(text, title: str | None = None) -> str:
    """Clause text as the team writes it: brackets balance (across the paragraphs of the
    article, not necessarily within each) and its footnotes are whole (structure.py)."""
    text = clean_text(text)
    try:
        check_balanced(text)
    except BracketError as err:
        raise Invalid(str(err), code="unbalanced_brackets", extra={"position": err.position}) from None
    found = structure_problems(text, title or "")
    if found:
        raise Invalid(gettext("The article's structure needs a fix: %(problems)s.", problems="; ".join(found)),
                      code="bad_structure")
    return text


def clean_clause_title(title) -> str | None:
    """An article's title: one line, trimmed, brackets balanced; None (or "") for none."""
    if title is None:
        return None
    if not isinstance(title, str):
        raise Invalid("The article title must be a string.")
    title = " ".join(title.split())
    if not title:
        return None
    if len(title) > MAX_TITLE_CHARS:
        raise Invalid(gettext("The article title is longer than %(limit)s characters.", limit=MAX_TITLE_CHARS))
    try:
        check_balanced(title)
    except BracketError as err:
        raise Invalid(gettext("In the title: %(error)s", error=err), code="unbalanced_brackets", extra={"position": err.position}) from None
    return title


def _counts(title: str | None, text: str) -> tuple[int, int, int]:
    """Brackets, options and words of a wording, its title included (a bracketed title
    is contested language like any other)."""
    counts = count_brackets(text)
    words = len(text.split())
    if title:
        counts = counts + count_brackets(title)
        words += len(title.split())
    return counts.brackets, counts.options, words


def _title(title, what: str = "Title") -> str:
    if not isinstance(title, str) or not title.strip():
        raise Invalid(gettext("%(what)s is empty.", what=gettext(what)))
    title = " ".join(normalise_text(title, name=what).split())
    if len(title) > MAX_TITLE_CHARS:
        raise Invalid(gettext("%(what)s is longer than %(limit)s characters.", what=gettext(what), limit=MAX_TITLE_CHARS))
    return title


def ensure_editable(document: Document) -> None:
    if document.is_concluded:
        raise Conflict("The text is concluded and locked; the mediator must reopen it before any edit.",
                       code="concluded")


def _new_version(clause: Clause, text: str, *, author, reason: str | None,
                 based_on: ClauseVersion | None, tombstone: bool = False,
                 title: str | None = None, language: str | None = None, change: bool = False) -> ClauseVersion:
    """The new version, with the other languages' texts carried forward (languages.py
    states the rule). `language`: the language whose edit this is (None: the lead; the
    lead text then is `text`, else the lead text is carried forward by the caller).
    `change`: the edit is a new change whatever the edited text's state (a party's
    proposal applied): every other language is to be updated, and a stale edited text
    stays stale (the proposal does not carry the change it lacked)."""
    brackets, options, words = _counts(title, text) if not tombstone else (0, 0, 0)
    # Was the edited language up to date on the base? (An edit of a stale text is its update.)
    catch_up = False
    lead_revised_for = None
    if based_on is not None:
        if language is None:
            catch_up = based_on.lead_revised_for_id is not None and not change
            if change:
                lead_revised_for = based_on.lead_revised_for_id
        else:
            row = db.session.scalar(select(ClauseText.revised_for_id).where(
                ClauseText.version_id == based_on.id, ClauseText.language == language))
            catch_up = row != based_on.id and not change
            # The lead keeps what it was revised for, unless it was up to date and this
            # edit is an update of a stale text.
            if based_on.lead_revised_for_id is not None:
                lead_revised_for = based_on.lead_revised_for_id
            elif not catch_up:
                lead_revised_for = based_on.id
    share_version_lock(clause.document_id)       # before its id is drawn (version_lock.py)
    version = ClauseVersion(
        clause_id=clause.id, seq=(based_on.seq + 1) if based_on else 1, text=text, title=title,
        is_tombstone=tombstone, based_on_id=based_on.id if based_on else None,
        author_id=getattr(author, "id", None), reason=(reason or None) and reason.strip()[:2000],
        bracket_count=brackets, option_count=options, word_count=words, language=language,
        lead_revised_for_id=lead_revised_for,
    )
    db.session.add(version)
    db.session.flush()
    if based_on is not None:
        rows = db.session.execute(select(ClauseText.language, ClauseText.title, ClauseText.text,
                                         ClauseText.revised_for_id, ClauseText.bracket_count,
                                         ClauseText.author_id, ClauseText.created_at)
                                  .where(ClauseText.version_id == based_on.id,
                                         ClauseText.language != (language or ""))).all()
        if rows:
            db.session.execute(insert(ClauseText), [
                {"version_id": version.id, "clause_id": clause.id, "language": lang, "title": t, "text": body,
                 "revised_for_id": version.id if catch_up and revised == based_on.id else revised,
                 "bracket_count": b, "author_id": a, "created_at": at}
                for lang, t, body, revised, b, a, at in rows])
    return version


def create_document(access: Access, title: str, *, actor) -> Document:
    document = Document(process_id=access.process.id, title=_title(title, N_("Document title")),
                        created_by_id=actor.id if actor else None)
    db.session.add(document)
    db.session.flush()
    db.session.add(DocumentLanguage(document_id=document.id, code=primary(access.process.language),
                                    authentic=True, lead=True, position=0))
    db.session.flush()
    record_event(actor, "document.create", document, process_id=access.process.id,
                 changes={"title": document.title})
    return document


def add_document_language(document: Document, code, *, authentic, actor) -> DocumentLanguage:
    """A further language of the document, authentic or a translation. Its texts start
    empty: every clause is "to be updated" in it until a drafter writes its text. The
    lead cannot change here (every wording would change language)."""
    ensure_editable(document)
    if not isinstance(code, str) or not CODE_RE.match(code.strip()):
        raise Invalid("'code' must be a language tag such as ar, fr or es.", code="bad_language")
    if not isinstance(authentic, bool):
        raise Invalid("'authentic' must be true or false.")
    code = code.strip()
    languages = languages_of(document)
    if any(lang.code == code for lang in languages):
        raise Conflict(gettext("The document has the language '%(code)s' already.", code=code), code="language_exists")
    existing = db.session.scalar(select(func.count()).select_from(DocumentLanguage)
                                 .where(DocumentLanguage.document_id == document.id))
    if not existing:        # the implicit lead becomes a row of its own
        db.session.add(DocumentLanguage(document_id=document.id, code=languages[0].code, authentic=True,
                                        lead=True, position=0))
    row = DocumentLanguage(document_id=document.id, code=code, authentic=authentic, lead=False,
                           position=len(languages))
    db.session.add(row)
    db.session.flush()
    record_event(actor, "document.add_language", document, process_id=document.process_id,
                 changes={"code": code, "authentic": authentic})
    return row


def add_section(document: Document, title: str, *, actor) -> Section:
    ensure_editable(document)
    require_section_adder(actor, document)
    last = db.session.scalar(select(func.max(Section.position)).where(Section.document_id == document.id))
    section = Section(document_id=document.id, title=_title(title, N_("Section title")),
                      position=(last or 0) + 1)
    db.session.add(section)
    db.session.flush()
    record_event(actor, "section.create", section, process_id=document.process_id,
                 changes={"title": section.title, "document_id": document.id})
    return section


def rename_section(section: Section, title: str, *, actor) -> None:
    ensure_editable(section.document)
    require_in_edit_scope(actor, section.document, section.id)
    _live_section(section)
    old, section.title = section.title, _title(title, N_("Section title"))
    record_event(actor, "section.rename", section, process_id=section.document.process_id,
                 changes={"title": [old, section.title]})


def outline_changed(document_id: int) -> None:
    """Draws the document's outline_stamp anew: called by every change to which clauses
    are live, their order or their sections, in the change's transaction (a move writes
    no clause version, and the compliance check must still notice it)."""
    db.session.execute(update(Document).where(Document.id == document_id)
                       .values(outline_stamp=secrets.randbits(62))
                       .execution_options(synchronize_session=False))


def _live_section(section: Section) -> None:
    if section.removed_at is not None:
        raise NotFound("No such section.")


def remove_section(section: Section, *, actor, reason: str | None = None) -> int:
    """Takes a section (agenda item, chapter) out of the working draft with its clauses:
    each live clause is deleted as by `delete_clause` (a tombstone, its history kept) and
    the section is marked removed; rounds that circulated it keep it. Returns how many
    clauses were deleted."""
    ensure_editable(section.document)
    require_in_edit_scope(actor, section.document, section.id)
    _live_section(section)
    live = list(db.session.scalars(
        select(Clause).join(ClauseVersion, ClauseVersion.id == Clause.current_version_id)
        .where(Clause.section_id == section.id, ClauseVersion.is_tombstone.is_(False)).order_by(Clause.position)))
    why = reason or gettext("Section “%(title)s” removed", title=section.title)
    for clause in live:
        delete_clause(clause.id, clause.current_version_id, actor=actor, reason=why)
    section.removed_at = utcnow()
    outline_changed(section.document_id)
    db.session.flush()
    record_event(actor, "section.remove", section, process_id=section.document.process_id,
                 changes={"title": section.title, "clauses_deleted": len(live)})
    return len(live)


def move_section(section: Section, position: int, *, actor) -> None:
    """Moves a section to `position` (1-based among the document's sections); the others
    shift. Its clauses move with it and keep their versions."""
    ensure_editable(section.document)
    require_in_edit_scope(actor, section.document, section.id)
    _live_section(section)
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        raise Invalid("'position' must be a positive integer.")
    ordered = list(db.session.scalars(select(Section.id).where(
        Section.document_id == section.document_id, Section.removed_at.is_(None)).order_by(Section.position)))
    before = ordered.index(section.id) + 1
    ids = [sid for sid in ordered if sid != section.id]
    ids.insert(min(position, len(ids) + 1) - 1, section.id)
    db.session.execute(update(Section), [{"id": sid, "position": i + 1} for i, sid in enumerate(ids)])
    outline_changed(section.document_id)
    db.session.refresh(section)
    record_event(actor, "section.move", section, process_id=section.document.process_id,
                 changes={"position": [before, ids.index(section.id) + 1]})


def add_clause(document: Document, section: Section, text: str, *, actor,
               reason: str | None = None, title: str | None = None) -> Clause:
    """Appends a clause at the end of a section."""
    ensure_editable(document)
    if section.document_id != document.id:
        raise Invalid("That section is not in this document.")
    require_in_edit_scope(actor, document, section.id)
    _live_section(section)
    title = clean_clause_title(title)
    text = checked_clause_text(text, title)
    clause = Clause(document_id=document.id, section_id=section.id,
                    position=_next_position(section.id))
    db.session.add(clause)
    db.session.flush()
    version = _new_version(clause, text, author=actor, reason=reason, based_on=None, title=title)
    clause.current_version_id = version.id
    outline_changed(document.id)
    db.session.flush()
    record_event(actor, "clause.create", clause, process_id=document.process_id,
                 changes={"section_id": section.id, "version_id": version.id, "text": text,
                          **({"title": title} if title else {})})
    return clause


def add_clauses_bulk(document: Document, section: Section, texts: list[str], *, actor,
                     titles: list[str | None] | None = None, reason: str | None = None) -> list[int]:
    """Many clauses at once (imports): two inserts per clause, no per-clause audit row
    (one entry names the count), brackets and structure checked like any edit."""
    ensure_editable(document)
    require_in_edit_scope(actor, document, section.id)
    titles = [clean_clause_title(t) for t in titles] if titles is not None else [None] * len(texts)
    if len(titles) != len(texts):
        raise ValueError("one title (or None) per text")
    texts = [checked_clause_text(t, title) for t, title in zip(texts, titles)]
    start = _next_position(section.id)
    now = utcnow()
    # Core inserts with RETURNING (in parameter order): a treaty's 30,000 clauses as
    # rows, not ORM objects, which were most of an import's time.
    clause_ids = list(db.session.scalars(
        insert(Clause).returning(Clause.id, sort_by_parameter_order=True),
        [{"document_id": document.id, "section_id": section.id, "position": start + i, "created_at": now}
         for i in range(len(texts))]))
    reason = (reason or None) and reason.strip()[:2000]
    author_id = getattr(actor, "id", None)
    rows = []
    for clause_id, text, title in zip(clause_ids, texts, titles):
        brackets, options, words = _counts(title, text)
        rows.append({"clause_id": clause_id, "seq": 1, "text": text, "title": title, "is_tombstone": False,
                     "author_id": author_id, "reason": reason, "created_at": now, "bracket_count": brackets,
                     "option_count": options, "word_count": words})
    version_ids = list(db.session.scalars(
        insert(ClauseVersion).returning(ClauseVersion.id, sort_by_parameter_order=True), rows))
    db.session.execute(update(Clause), [{"id": c, "current_version_id": v}
                                        for c, v in zip(clause_ids, version_ids)])
    outline_changed(document.id)
    record_event(actor, "clause.import", section, process_id=document.process_id,
                 changes={"count": len(texts), "document_id": document.id})
    return clause_ids


def _next_position(section_id: int) -> int:
    last = db.session.scalar(select(func.max(Clause.position)).where(Clause.section_id == section_id))
    return (last or 0) + 1


def lock_clause(clause_id: int) -> Clause:
    """The clause row, locked until commit (PostgreSQL FOR UPDATE; SQLite serialises
    writers with BEGIN IMMEDIATE), freshly read so the base check sees the latest pointer."""
    clause = db.session.scalar(select(Clause).where(Clause.id == clause_id)
                               .with_for_update().execution_options(populate_existing=True))
    if clause is None:
        raise NotFound()
    return clause


def _check_base(clause: Clause, base_version_id) -> ClauseVersion:
    current = db.session.get(ClauseVersion, clause.current_version_id)
    if not isinstance(base_version_id, int) or isinstance(base_version_id, bool):
        raise Invalid("'base_version_id' must be the id of the version the edit was based on.")
    if base_version_id != current.id:
        raise Conflict(
            "This clause was changed since the version your edit is based on; nothing was saved. "
            "Review the current text and apply your change to it.",
            code="stale_version",
            extra={"version_id": current.public_id, "text": current.text, "title": current.title,
                   "is_deleted": current.is_tombstone})
    return current


def edit_clause(clause_id: int, text: str, base_version_id: int, *, actor,
                reason: str | None = None, title=KEEP, language: str | None = None,
                change: bool = False) -> ClauseVersion:
    """A new wording: the text and the title (KEEP keeps the current title; None or ""
    removes it). A title is wording: changing only the title is a new version too, and
    positions on the old one lapse like after any edit. `language`: the text in one of
    the document's languages (None or the lead: the lead text); languages.py has the
    rule for the others' "to be updated". An unchanged text is refused, unless it was to
    be updated: resubmitting it records that it needs no change. `change` (a party's
    proposal applied): a new change in any case (_new_version); unchanged is refused."""
    clause = lock_clause(clause_id)
    document = db.session.get(Document, clause.document_id)
    ensure_editable(document)
    require_in_edit_scope(actor, document, clause.section_id)
    if language is not None:
        languages = languages_of(document)
        if not isinstance(language, str) or not any(lang.code == language for lang in languages):
            raise Invalid("The document has no such language.", code="bad_language")
        if languages[0].code == language:
            language = None
    current = _check_base(clause, base_version_id)
    if current.is_tombstone:
        raise Conflict("This clause is deleted; restore a wording first.", code="deleted")
    if language is not None:
        return _edit_other_language(clause, document, current, text, title, language, actor, reason, change)
    title = current.title if title is KEEP else clean_clause_title(title)
    text = checked_clause_text(text, title)
    if text == current.text and title == current.title and (current.lead_revised_for_id is None or change):
        raise Invalid("The text is unchanged; nothing was saved.", code="unchanged")
    version = _new_version(clause, text, author=actor, reason=reason, based_on=current, title=title,
                           change=change)
    changes = {"text": text}
    if title != current.title:
        changes["title"] = [current.title, title]
    return _point_to(clause, document, version, current, actor, "clause.edit", changes)


def _edit_other_language(clause, document, current, text, title, language, actor, reason,
                         change=False) -> ClauseVersion:
    """A text in a language other than the lead: a new version with the lead text as it
    was and this language's new text revised for it (with `change`, a stale text keeps
    the version it was revised for)."""
    old = db.session.scalar(select(ClauseText).where(ClauseText.version_id == current.id,
                                                     ClauseText.language == language))
    title = (old.title if old else None) if title is KEEP else clean_clause_title(title)
    text = checked_clause_text(text, title)
    if old is not None and text == old.text and title == old.title and (not old.to_be_updated or change):
        raise Invalid("The text is unchanged; nothing was saved.", code="unchanged")
    version = _new_version(clause, current.text, author=actor, reason=reason, based_on=current,
                           title=current.title, language=language, change=change)
    version.bracket_count, version.option_count, version.word_count = (
        current.bracket_count, current.option_count, current.word_count)
    brackets, _, _ = _counts(title, text)
    revised_for = old.revised_for_id if change and old is not None and old.to_be_updated else version.id
    db.session.add(ClauseText(version_id=version.id, clause_id=clause.id, language=language, title=title,
                              text=text, revised_for_id=revised_for, bracket_count=brackets,
                              author_id=getattr(actor, "id", None)))
    db.session.flush()
    return _point_to(clause, document, version, current, actor, "clause.edit",
                     {"language": language, "text": text})


def delete_clause(clause_id: int, base_version_id: int, *, actor, reason: str | None = None) -> ClauseVersion:
    """Writes a tombstone: the clause leaves the working draft, its history stays."""
    clause = lock_clause(clause_id)
    document = db.session.get(Document, clause.document_id)
    ensure_editable(document)
    require_in_edit_scope(actor, document, clause.section_id)
    current = _check_base(clause, base_version_id)
    if current.is_tombstone:
        raise Conflict("This clause is deleted already.", code="deleted")
    version = _new_version(clause, current.text, author=actor, reason=reason, based_on=current,
                           tombstone=True, title=current.title)
    outline_changed(document.id)
    return _point_to(clause, document, version, current, actor, "clause.delete", {})


def restore_version(clause_id: int, version_id: int, base_version_id: int, *, actor,
                    reason: str | None = None) -> ClauseVersion:
    """Brings back an earlier wording as a new version (also undeletes)."""
    clause = lock_clause(clause_id)
    document = db.session.get(Document, clause.document_id)
    ensure_editable(document)
    require_in_edit_scope(actor, document, clause.section_id)
    current = _check_base(clause, base_version_id)
    old = db.session.get(ClauseVersion, version_id) if isinstance(version_id, int) else None
    if old is None or old.clause_id != clause.id or old.is_tombstone:
        raise Invalid("Choose an earlier wording of this clause to restore.")
    if old.id == current.id:
        raise Invalid("That wording is the current one; nothing was saved.", code="unchanged")
    if db.session.get(Section, clause.section_id).removed_at is not None:
        raise Conflict("This clause's section was removed; move the clause to another section first.",
                       code="section_removed")
    version = _new_version(clause, old.text, author=actor,
                           reason=reason or gettext("Restored the wording of version %(seq)s", seq=old.seq),
                           based_on=current, title=old.title)
    if current.is_tombstone:        # undeleted: the clauses after it are renumbered
        outline_changed(document.id)
    return _point_to(clause, document, version, current, actor, "clause.restore",
                     {"restored_version_id": old.id})


def _point_to(clause, document, version, previous, actor, action, changes) -> ClauseVersion:
    # Compare-and-set as well as the row lock: belt and braces on every backend.
    result = db.session.execute(
        update(Clause).where(Clause.id == clause.id, Clause.current_version_id == previous.id)
        .values(current_version_id=version.id).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict("This clause was changed at the same moment; nothing was saved.",
                       code="stale_version")
    db.session.refresh(clause)
    record_event(actor, action, clause, process_id=document.process_id,
                 changes={"version_id": version.id, "based_on": previous.id, **changes,
                          **({"reason": version.reason} if version.reason else {})})
    return version


def move_clause(clause_id: int, section_id: int, position: int, *, actor) -> Clause:
    """Moves a clause to `position` (1-based, among the section's clauses, deleted ones
    included) in a section of the same document; the others shift. Its versions do not
    change, so positions given on its wording stay valid."""
    clause = lock_clause(clause_id)
    document = db.session.get(Document, clause.document_id)
    ensure_editable(document)
    target = db.session.get(Section, section_id) if isinstance(section_id, int) else None
    if target is None or target.document_id != document.id or target.removed_at is not None:
        raise Invalid("Choose a section of this document.")
    require_in_edit_scope(actor, document, clause.section_id, target.id)
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        raise Invalid("'position' must be a positive integer.")
    old_section = clause.section_id
    ids = list(db.session.scalars(select(Clause.id).where(Clause.section_id == target.id,
                                                          Clause.id != clause.id)
                                  .order_by(Clause.position)))
    ids.insert(min(position, len(ids) + 1) - 1, clause.id)
    clause.section_id = target.id
    db.session.flush()
    db.session.execute(update(Clause), [{"id": cid, "position": i + 1} for i, cid in enumerate(ids)])
    outline_changed(document.id)
    record_event(actor, "clause.move", clause, process_id=document.process_id,
                 changes={"section_id": [old_section, target.id], "position": position})
    db.session.refresh(clause)
    return clause
