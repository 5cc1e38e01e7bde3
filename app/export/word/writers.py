"""The four exports. Each takes plain data and returns the bytes of a .docx file."""
from docx.enum.section import WD_ORIENT
from docx.text.paragraph import Paragraph

from .base import Builder
from .model import ExportComment, ExportMeta, ExportSection, MatrixRow
from .text import bracket_runs, elements, run_xml, xml_safe
from .tracked import Revisions


def _label_run(label: str) -> str:
    return run_xml(f"{label}. ", bold=True)


def build_clean(meta: ExportMeta, sections: list[ExportSection]) -> bytes:
    b = Builder(meta)
    for section in sections:
        b.heading(f"{section.number}. {section.title}")
        for clause in section.clauses:
            b.paragraph(_label_run(clause.label) + bracket_runs(clause.text))
    return b.save()


def build_redline(meta: ExportMeta, sections: list[ExportSection]) -> bytes:
    """The newer round with every change as a Word revision: accepting all gives the
    newer text, rejecting all the older one, clause by clause."""
    b = Builder(meta)
    rev = Revisions(meta.revision_author, meta.revision_date)
    for section in sections:
        b.heading(f"{section.number}. {section.title}")
        for c in section.clauses:
            if c.change == "added":
                b.paragraph(rev.ins(_label_run(c.label) + bracket_runs(c.text)), mark=rev.mark("ins"))
            elif c.change == "removed":
                label = c.old_label or c.label
                b.paragraph(rev.delete(run_xml(f"{label}. ", bold=True, deleted=True)
                                       + run_xml(c.old_text or "", deleted=True)), mark=rev.mark("del"))
            else:
                runs = []
                if c.old_label and c.old_label != c.label:
                    runs += [rev.delete(run_xml(f"{c.old_label}. ", bold=True, deleted=True)),
                             rev.ins(_label_run(c.label))]
                else:
                    runs.append(_label_run(c.label))
                for op, text in (c.ops if c.ops is not None else [(0, c.text)]):
                    if op == 0:
                        runs.append(bracket_runs(text))
                    elif op == 1:
                        runs.append(rev.ins(bracket_runs(text)))
                    else:
                        runs.append(rev.delete(run_xml(text, deleted=True)))
                b.paragraph("".join(runs))
    return b.save()


def build_comments(meta: ExportMeta, sections: list[ExportSection], comments: list[ExportComment]) -> bytes:
    """The clean text with each submission as a Word comment on its clause; the
    thread's replies follow in the same comment, each on its own paragraph."""
    b = Builder(meta)
    by_clause: dict = {}
    for comment in comments:
        by_clause.setdefault(comment.clause_key, []).append(comment)
    body = b.doc._body
    for section in sections:
        b.heading(f"{section.number}. {section.title}")
        for clause in section.clauses:
            runs = _label_run(clause.label) + bracket_runs(clause.text)
            if clause.key not in by_clause:
                b.paragraph(runs)
                continue
            p = b.paragraph_element(runs)
            for comment in by_clause[clause.key]:
                added = b.doc.add_comment(Paragraph(p, body).runs, text=xml_safe(comment.text),
                                          author=xml_safe(comment.author), initials=xml_safe(comment.initials))
                for reply in comment.replies:
                    added.add_paragraph(xml_safe(f"Reply — {reply.author}: {reply.text}"))
    return b.save()


_SMALL = 20         # half-points: the matrix is set in 10 pt to fit four parties across


def _cell(cell, xml: str, *, new_paragraph=False) -> None:
    paragraph = cell.add_paragraph() if new_paragraph else cell.paragraphs[0]
    paragraph._p.extend(elements(xml))


def _redline_cell(ops) -> str:
    """Plain formatting (not revisions) for a proposal inside the matrix."""
    return "".join(run_xml(text, strike=op < 0, underline=op > 0, size=_SMALL) for op, text in ops)


def build_matrix(meta: ExportMeta, headers: list[str], rows: list[MatrixRow]) -> bytes:
    b = Builder(meta)
    section = b.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    b.heading("Compilation of submissions")
    table = b.table(1, len(headers))
    table.style = b.doc.styles["Table Grid"]
    for cell, title in zip(table.rows[0].cells, headers):
        _cell(cell, run_xml(title, bold=True, size=_SMALL))
    for row in rows:
        cells = table.add_row().cells
        _cell(cells[0], run_xml(row.label, bold=True, size=_SMALL))
        _cell(cells[1], bracket_runs(row.text, size=_SMALL))
        for cell, value in zip(cells[2:-1], row.cells):
            if isinstance(value, tuple):            # (what the party wrote, proposal ops)
                note, ops = value
                _cell(cell, run_xml(note or "", size=_SMALL))
                _cell(cell, _redline_cell(ops), new_paragraph=True)
            elif isinstance(value, list):
                _cell(cell, _redline_cell(value))
            else:
                _cell(cell, run_xml(value or "", size=_SMALL))
        _cell(cells[-1], run_xml(row.disposition or "", size=_SMALL))
    return b.save()
