"""The clean text, the redline and the comments copy. Each takes plain data and returns
the bytes of a .docx file. Section and article numbers are Word's automatic numbering
(styles Heading1 and Article), never typed."""
from flask_babel import gettext as _

from .base import TEXT_W, Builder
from .blocks import footnotes_of, is_footnote, is_table, runs_with_notes, table_rows, table_xml
from .model import BOTH, DELETED, INSERTED, MARK, MOVED_FROM, MOVED_TO, ExportClause, ExportComment, ExportMeta, ExportSection, Redline
from .text import bracket_runs, bracketed, escape, run, run_xml, xml_safe
from .tracked import Revisions, word_date

STALE_STYLE = "ToBeUpdated"       # the DOCX reader skips it (read_paragraphs.PENHOLDER_NOTE)
LEVEL_STYLES = ("ArticleText", "ArticleLevel1", "ArticleLevel2", "ArticleLevel3")
TITLE_RPR = "<w:i/><w:iCs/>"


def style_of(kind: str, level: int) -> str:
    """A paragraph's style: the heading, the numbered article line, or body text at its
    level. Paired paragraphs of a redline have the same level in both rounds, so a style
    never changes under a tracked change."""
    if kind == "heading":
        return "Heading1"
    if kind == "article":
        return "Article"
    if kind == MARK:
        return STALE_STYLE
    return LEVEL_STYLES[min(max(level, 0), len(LEVEL_STYLES) - 1)]


def _clause_paragraphs(b: Builder, clause: ExportClause, *, before: str = "", after: str = "") -> None:
    """A clause's paragraphs (its title, if any, on the numbered line), its tables as Word
    tables and its footnotes as Word footnotes (blocks.py); `before` opens the first
    paragraph, `after` closes the last (bookmarks, comment ranges)."""
    lines = [block.text for block in clause.blocks]
    whole = "\n".join(lines)
    spans = bracketed(whole)
    if "{^" not in whole and "|" not in whole:
        _plain_paragraphs(b, clause, spans, before, after)       # the usual article: no table, no note
        return
    notes = footnotes_of(lines[1:] if clause.title else lines)
    kept = [(i, block) for i, block in enumerate(clause.blocks) if not (notes and is_footnote(block.text))]
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    written = 0
    n = 0
    while n < len(kept):
        i, block = kept[n]
        first = written == 0
        if first and is_table(block.text):         # a table opens the article: the numbered line first
            b.paragraph(before, style_of("article", 0), ppr=b.article_spacing())
            written += 1
            continue
        if is_table(block.text) and block.kind != "title":
            group = []
            while n < len(kept) and is_table(kept[n][1].text):
                group.append(kept[n][1].text)
                n += 1
            rows, header = table_rows(group)
            b.add(table_xml(rows, header, TEXT_W, notes, b.notes))
            written += 1
            continue
        runs = runs_with_notes(block.text, TITLE_RPR if block.kind == "title" else "", offset=offsets[i],
                               spans=spans, notes=notes, book=b.notes)
        if first:
            runs = before + runs
        last = n == len(kept) - 1
        if last:
            runs += after
        b.paragraph(runs, style_of("article" if first else "text", block.level),
                    ppr=b.article_spacing() if first else "")
        written += 1
        n += 1
    if kept and (written == 0 or is_table(kept[-1][1].text)) and after:
        b.paragraph(after, "ArticleText")          # a table ends the article: its closing marks after it
    elif not kept:
        b.paragraph(before + after, style_of("article", 0), ppr=b.article_spacing())


def _plain_paragraphs(b: Builder, clause: ExportClause, spans, before: str, after: str) -> None:
    offset, last = 0, len(clause.blocks) - 1
    for i, block in enumerate(clause.blocks):
        runs = bracket_runs(block.text, TITLE_RPR if block.kind == "title" else "", offset=offset, spans=spans)
        if i == 0:
            runs = before + runs
        if i == last:
            runs += after
        b.paragraph(runs, style_of("article" if i == 0 else "text", block.level),
                    ppr=b.article_spacing() if i == 0 else "")
        offset += len(block.text) + 1


def stale_text(*, missing: bool, to_be_updated: bool) -> str | None:
    """The mark of a text to be updated (or missing), in the locale the caller forced (the
    copy's: service.label_locale); None for a text that is up to date."""
    if missing:
        return _("No text yet in this language: to be updated.")
    if to_be_updated:
        return _("To be updated: this text is not yet revised for the article's current wording.")
    return None


def stale_note(clause: ExportClause) -> str | None:
    return stale_text(missing=clause.missing, to_be_updated=clause.to_be_updated)


def _stale_mark(b: Builder, clause: ExportClause) -> None:
    """A language copy marks an article whose text is to be updated, as the pages do, in a
    paragraph of its own style after it (never part of the article's text on re-import)."""
    note = stale_note(clause)
    if note is not None:
        b.paragraph(run(note), STALE_STYLE)


def _heading(b: Builder, section: ExportSection) -> None:
    if b.meta.anchors:
        start, end = b.bookmark(section_anchor(section.key))
        b.paragraph(start + bracket_runs(section.title) + end, "Heading1")
    else:
        b.paragraph(bracket_runs(section.title), "Heading1")


def section_anchor(section_id: int) -> str:
    return f"ph_s{section_id}"


def clause_anchor(clause_id: int, version_id: int | None) -> str:
    return f"ph_c{clause_id}_v{version_id or 0}"


def build_clean(meta: ExportMeta, sections: list[ExportSection]) -> bytes:
    """The clean text; a team copy (meta.anchors) names each section and article by a
    bookmark around it, so that an edited copy can be taken back in (reimport.py)."""
    b = Builder(meta)
    for section in sections:
        _heading(b, section)
        for clause in section.clauses:
            if meta.anchors:
                start, end = b.bookmark(clause_anchor(clause.key, clause.version))
                _clause_paragraphs(b, clause, before=start, after=end)
            else:
                _clause_paragraphs(b, clause)
            _stale_mark(b, clause)
    b.end_of_document()
    return b.save()


def _piece_runs(op: int, text: str, rpr: str, deleted: bool) -> str:
    return run(text, f"<w:rPr>{rpr}</w:rPr>" if rpr else "", deleted=deleted)


# What wraps a piece of text, by the paragraph's mark and the piece's op.
_WRAPPER = {
    (BOTH, 0): None, (BOTH, 1): "ins", (BOTH, -1): "del",
    (INSERTED, 1): "ins", (DELETED, -1): "del",
    (MOVED_FROM, -1): "moveFrom", (MOVED_TO, 0): "moveTo", (MOVED_TO, 1): "ins",
}


def build_redline(meta: ExportMeta, redline: Redline) -> bytes:
    """The newer round with every change as a Word revision: accepting all gives the
    newer text, rejecting all the older one, paragraph by paragraph (see redline.py)."""
    b = Builder(meta)
    rev = Revisions(meta.revision_author, meta.revision_date)
    open_ranges: dict = {}
    for p in redline.paragraphs:
        out = []
        if p.move is not None and p.move_starts:
            tag = "moveFrom" if p.mark == MOVED_FROM else "moveTo"
            marker, rid = rev.range_start(tag, f"move{p.move}")
            open_ranges[(tag, p.move)] = rid
            out.append(marker)
        wrapper, chunk = None, []
        for op, text, rpr in p.pieces:
            tag = _WRAPPER[(p.mark, op)]
            if tag != wrapper and chunk:
                out.append(rev.wrap(wrapper, "".join(chunk)) if wrapper else "".join(chunk))
                chunk = []
            wrapper = tag
            chunk.append(_piece_runs(op, text, rpr, tag in ("del", "moveFrom")))
        if chunk:
            out.append(rev.wrap(wrapper, "".join(chunk)) if wrapper else "".join(chunk))
        if p.move is not None and p.move_ends:
            tag = "moveFrom" if p.mark == MOVED_FROM else "moveTo"
            out.append(rev.range_end(tag, open_ranges.pop((tag, p.move))))
        mark = "" if p.mark == BOTH else rev.mark(p.mark)
        spacing = b.article_spacing() if p.kind == "article" else ""
        b.paragraph("".join(out), style_of(p.kind, p.level), mark=mark, ppr=spacing)
    b.end_of_document()
    _renumbering_annex(b, meta)
    return b.save()


def _renumbering_annex(b: Builder, meta: ExportMeta) -> None:
    """After the text (and its end line, so that accepting and rejecting never touch it):
    the table of corresponding article numbers, for citations of the earlier round."""
    if not meta.renumbering:
        return
    earlier, newer = meta.compared
    b.paragraph('<w:r><w:br w:type="page"/></w:r>', "Subtitle")
    b.paragraph(run_xml(_("Annex: corresponding article numbers, %(earlier)s and %(newer)s", earlier=earlier,
                          newer=newer)), "Subtitle")
    b.paragraph(run_xml(_("Articles renumbered, added or removed between %(earlier)s and %(newer)s; the articles "
                          "not listed keep their numbers.", earlier=earlier, newer=newer)), "TitleSummary")
    rows = [[earlier, newer]] + [[was or "—", now or "—"] for was, now in meta.renumbering]
    b.add(table_xml(rows, 1, TEXT_W, {}, None))
    b.paragraph("", "TitleSummary")      # a table may not end the body


def _para_id(n: int) -> str:
    return f"{0x10000000 + n:08X}"


def _comment_xml(cid: int, comment: ExportComment, para_id: str) -> str:
    lines = xml_safe(comment.text).split("\n") or [""]
    paragraphs = []
    for i, line in enumerate(lines):
        pid = f' w14:paraId="{para_id}" w14:textId="77777777"' if i == len(lines) - 1 else ""
        reference = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                     if i == 0 else "")
        paragraphs.append(f'<w:p{pid}><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{reference}{run(line)}</w:p>')
    return (f'<w:comment w:id="{cid}" w:author="{escape(xml_safe(comment.author))}" '
            f'w:date="{word_date(comment.date)}" w:initials="{escape(xml_safe(comment.initials))}">'
            f'{"".join(paragraphs)}</w:comment>')


def build_comments(meta: ExportMeta, sections: list[ExportSection], comments: list[ExportComment]) -> bytes:
    """The clean text with each submission as a Word comment on its clause, dated when
    it was submitted; the thread's replies are Word replies to it (commentsExtended),
    each with its own author and time."""
    b = Builder(meta)
    by_clause: dict = {}
    for comment in comments:
        by_clause.setdefault(comment.clause_key, []).append(comment)
    next_id = 0
    for section in sections:
        _heading(b, section)
        for clause in section.clauses:
            thread = by_clause.get(clause.key)
            if not thread:
                _clause_paragraphs(b, clause)
                continue
            ids = []
            for comment in thread:
                parent = _para_id(next_id)
                for item, parent_pid in [(comment, None)] + [(reply, parent) for reply in comment.replies]:
                    pid = _para_id(next_id)
                    b.comments.append(_comment_xml(next_id, item, pid))
                    b.comment_links.append((pid, parent_pid))
                    ids.append(next_id)
                    next_id += 1
            starts = "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
            ends = "".join(f'<w:commentRangeEnd w:id="{i}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
                           f'</w:rPr><w:commentReference w:id="{i}"/></w:r>' for i in ids)
            _clause_paragraphs(b, clause, before=starts, after=ends)
    b.end_of_document()
    return b.save()


__all__ = ["build_clean", "build_comments", "build_redline", "run_xml", "stale_note", "stale_text"]
