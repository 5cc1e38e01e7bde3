"""One function per request: `export` builds the DOCX and records it as a release (a
POST: only a form of this site, with its CSRF token, or a token client releases a copy);
`released_copy` finds what was released to the caller before (a GET: it writes nothing,
so a link on another site cannot make anyone "release" anything).

A copy is deterministic: the same round, variant and recipient give the same bytes, so
the SHA-256 in a release record identifies a copy someone holds (see releases.py)."""
import re

from flask_babel import force_locale, gettext as _
from sqlalchemy import select

from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.languages import copy_section, in_language, lead_of, primary
from ..drafting.models import Document
from ..processes.models import Party
from ..processes.permissions import Access
from ..rounds.models import Round
from ..rounds.queries import round_outline
from ..drafting.queries import working_outline
from ..models_base import utcnow
from ..extensions import db
from .files import export_root, store
from .models import ExportFile
from .permissions import copy_scope, is_team_copy
from .gather import (article_in_copy, clean_sections, comments_for, language_name, matrix_groups, meta_for,
                     redline_between, redline_summary, renumbering_rows, round_label)
from .reimport import base_of
from .releases import release_id_for
from .word import build_clean, build_comments, build_matrix, build_redline
from .word.base import NAUEA
from .word.bilingual import Cell, Column, Row, Section, bilingual_docx
from .word.writers import stale_text


def file_name(document: Document, round_: Round | None, variant: str, recipient: Party | None,
              against: Round | None = None, suffix: str = "docx", language=None) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", document.title).strip("-")[:60] or "document"
    where = f"Rev{round_.number}" if round_ else "working-draft"
    if against is not None:
        where += f"-vs-Rev{against.number}"
    who = f"-{recipient.slug}" if recipient else ""
    tongue = f"-{re.sub(r'[^A-Za-z0-9-]+', '', language.code)}" if language is not None else ""
    return f"{stem}-{where}-{variant}{who}{tongue}.{suffix}"


def release_id(document: Document, round_: Round | None, variant: str, recipient: Party | None,
               against: Round | None, language=None) -> str:
    if variant == "redline" and against is None:
        variant = "clean"                 # the first round's "redline" is its clean text
    return release_id_for(document, round_.number if round_ else None, variant, recipient,
                          against.number if against else None, language.code if language is not None else None)


UI_LOCALES = ("en", "fr", "es", "ar")


def label_locale(document: Document, language) -> str:
    """The locale of a copy's fixed labels ("Rev. 2", "Original:", the date): the copy's
    language where the interface has it, else the lead's, else English. Fixed by the copy,
    never by the reader's interface, so one copy is always the same bytes."""
    for tag in ((language.code if language is not None else None), lead_of(document).code):
        code = primary(tag) if tag else None
        if code in UI_LOCALES:
            return code
    return "en"


def render(access: Access, document: Document, round_: Round | None, variant: str,
           recipient: Party | None, against: Round | None = None, language=None) -> bytes:
    """The DOCX for one variant, in `language` (None: the lead), its fixed labels in
    label_locale's. A party copy gathers data as that party would see it."""
    with force_locale(label_locale(document, language)):
        return _render(access, document, round_, variant, recipient, against, language)


def _render(access: Access, document: Document, round_: Round | None, variant: str,
            recipient: Party | None, against: Round | None, language) -> bytes:
    rid = release_id(document, round_, variant, recipient, against, language)
    meta = meta_for(document, round_, recipient, team=is_team_copy(access, recipient),
                    variant=variant if variant != "redline" or against else "clean", release_id=rid,
                    language=language)
    if variant == "clean":
        sections = clean_sections(document, round_, language)
        if is_team_copy(access, recipient) and language is None:     # round-trip anchors (lead only)
            meta.anchors, meta.document_id, meta.base = True, document.id, base_of(document, round_)
            meta.section_ids = [s.key for s in sections]
        return build_clean(meta, sections)
    if round_ is None:
        raise ValueError("only the clean variant exists for the working draft")
    if variant == "redline":
        if against is None:
            return build_clean(meta, clean_sections(document, round_, language))
        redline, summary = redline_between(against, round_, language)
        meta.heading = _("Changes from %(old)s to %(new)s", old=round_label(against), new=round_label(round_))
        meta.summary = redline_summary(against, round_, summary, redline.stats)
        meta.renumbering, meta.compared = renumbering_rows(against, round_), (round_label(against), round_label(round_))
        return build_redline(meta, redline)
    if variant == "comments":
        scope = copy_scope(access, recipient)
        meta.heading = _("Submissions on %(round)s, as Word comments", round=round_label(round_))
        return build_comments(meta, clean_sections(document, round_), comments_for(scope, round_, recipient))
    headers, groups = matrix_groups(access, document, round_)
    meta.heading = _("Compilation of submissions on %(round)s", round=round_label(round_))
    return build_matrix(meta, headers, groups)


def export(access: Access, document: Document, round_: Round | None, variant: str, recipient: Party | None,
           *, actor, against: Round | None = None, language=None) -> tuple[str, bytes]:
    data = render(access, document, round_, variant, recipient, against, language)
    name = file_name(document, round_, variant, recipient, against, language=language)
    code = language.code if language is not None else None
    start_writing()         # the file is built: only now take the write lock to record it
    stored = store(document, name, data, variant=variant, round_number=round_.number if round_ else None,
                   against_number=against.number if against else None,
                   recipient_id=recipient.id if recipient else None, requested_by_id=getattr(actor, "id", None),
                   release_id=release_id(document, round_, variant, recipient, against, language), language=code)
    # The release record: which wording went to whom, when, and the file's fingerprint.
    record_event(actor, "export.download", round_ or document, process_id=access.process.id,
                 changes={"document_id": document.id, "round": round_.number if round_ else None,
                          "variant": variant, "recipient": recipient.slug if recipient else None,
                          "against": against.number if against else None, "sha256": stored.sha256,
                          "language": code,
                          "release_id": stored.release_id, "file": stored.path})
    return name, data


def released_copy(document: Document, round_: Round | None, variant: str, recipient: Party | None,
                  *, user, against: Round | None = None, language=None) -> tuple[str, bytes] | None:
    """The file of this copy last released to `user` (by their own POST), or None. A copy
    someone else released is not the caller's: each person's copy is recorded when it is
    released to them."""
    rid = release_id(document, round_, variant, recipient, against, language)
    entry = db.session.scalar(
        select(ExportFile).where(ExportFile.document_id == document.id, ExportFile.release_id == rid,
                                 ExportFile.requested_by_id == user.id, ExportFile.file_format == "docx")
        .order_by(ExportFile.id.desc()).limit(1))
    if entry is None:
        return None
    path = export_root() / entry.path
    if not path.is_file():
        return None
    return file_name(document, round_, variant, recipient, against, language=language), path.read_bytes()


def bilingual_table(document: Document, round_: Round | None, languages: list) -> tuple[str, bytes]:
    """The side-by-side table of `languages` (drafting.languages.Language, two or three)
    of a round (None: the working draft): (file name, bytes). Each column's labels, and
    its marks of texts to be updated (the clean copy's), in that column's language
    (label_locale); the title lines in the first column's."""
    base = round_outline(round_) if round_ else working_outline(document.id)
    per_language = [in_language([copy_section(s) for s in base], document, lang.code) for lang in languages]
    columns, cells = [], []          # cells[k][(i, j)]: column k's cell of section i's clause j
    for lang, outline in zip(languages, per_language):
        with force_locale(label_locale(document, lang)):
            name = language_name(lang.code)
            columns.append(Column(lang.code, name if lang.authentic else _("%(language)s (translation)", language=name),
                                  lang.rtl))
            cells.append({(i, j): Cell(article_in_copy(c.number), c.title, c.text,
                                       stale_text(missing=getattr(c, "missing", False), to_be_updated=c.to_be_updated))
                          for i, s in enumerate(outline) for j, c in enumerate(s.clauses)})
    sections = [Section(f"{section.number}. {section.title}",
                        [Row([column[(i, j)] for column in cells]) for j, _c in enumerate(section.clauses)])
                for i, section in enumerate(base)]
    with force_locale(label_locale(document, languages[0])):
        subtitle = (round_label(round_) if round_ else _("Working draft (internal)")) + " · " + \
            " / ".join(language_name(lang.code) for lang in languages)
        nauea = _(NAUEA) if document.process.nauea else None
    data = bilingual_docx(title=document.title, subtitle=subtitle, columns=columns, sections=sections,
                          when=round_.circulated_at if round_ else utcnow(), nauea=nauea,
                          font=document.process.house_font or "Times New Roman")
    name = f"{document.public_id}-{f'Rev.{round_.number}' if round_ else 'draft'}-" \
        + "-".join(re.sub(r"[^A-Za-z0-9-]+", "", lang.code) for lang in languages) + ".docx"
    return name, data
