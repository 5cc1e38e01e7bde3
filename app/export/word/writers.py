"""The four exports. Each takes plain data and returns the bytes of a .docx file."""
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from .base import Builder
from .model import ExportComment, ExportMeta, ExportSection, MatrixRow
from .text import bracket_runs, make_run, xml_safe
from .tracked import Revisions


def _label_run(label: str):
    return make_run(f"{label}. ", bold=True)


def build_clean(meta: ExportMeta, sections: list[ExportSection]) -> bytes:
    b = Builder(meta)
    for section in sections:
        b.heading(f"{section.number}. {section.title}")
        for clause in section.clauses:
            b.paragraph([_label_run(clause.label), *bracket_runs(clause.text)])
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
                b.paragraph([rev.ins([_label_run(c.label), *bracket_runs(c.text)])], mark=rev.mark("ins"))
            elif c.change == "removed":
                label = c.old_label or c.label
                b.paragraph([rev.delete([make_run(f"{label}. ", bold=True, deleted=True),
                                         make_run(c.old_text or "", deleted=True)])], mark=rev.mark("del"))
            else:
                runs = []
                if c.old_label and c.old_label != c.label:
                    runs += [rev.delete([make_run(f"{c.old_label}. ", bold=True, deleted=True)]),
                             rev.ins([_label_run(c.label)])]
                else:
                    runs.append(_label_run(c.label))
                for op, text in (c.ops if c.ops is not None else [(0, c.text)]):
                    if op == 0:
                        runs.extend(bracket_runs(text))
                    elif op == 1:
                        runs.append(rev.ins(bracket_runs(text)))
                    else:
                        runs.append(rev.delete([make_run(text, deleted=True)]))
                b.paragraph(runs)
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
            p = b.paragraph([_label_run(clause.label), *bracket_runs(clause.text)])
            for comment in by_clause.get(clause.key, []):
                runs = Paragraph(p, body).runs
                added = b.doc.add_comment(runs, text=xml_safe(comment.text), author=xml_safe(comment.author),
                                          initials=xml_safe(comment.initials))
                for reply in comment.replies:
                    added.add_paragraph(xml_safe(f"Reply — {reply.author}: {reply.text}"))
    return b.save()


def _redline_cell(paragraph, ops) -> None:
    """Plain formatting (not revisions) for a proposal inside the matrix."""
    for op, text in ops:
        run = make_run(text, strike=op < 0, underline=op > 0)
        paragraph._p.append(run)


def build_matrix(meta: ExportMeta, headers: list[str], rows: list[MatrixRow]) -> bytes:
    b = Builder(meta)
    section = b.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    b.heading("Compilation of submissions")
    table = b.doc.add_table(rows=1, cols=len(headers))
    table.style = b.doc.styles["Table Grid"]
    for cell, title in zip(table.rows[0].cells, headers):
        cell.paragraphs[0]._p.append(make_run(title, bold=True))
    for row in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0]._p.append(make_run(row.label, bold=True))
        cells[1].paragraphs[0]._p.extend(bracket_runs(row.text))
        for cell, value in zip(cells[2:-1], row.cells):
            if isinstance(value, tuple):            # (what the party wrote, proposal ops)
                note, ops = value
                cell.paragraphs[0]._p.append(make_run(note or ""))
                _redline_cell(cell.add_paragraph(), ops)
            elif isinstance(value, list):
                _redline_cell(cell.paragraphs[0], value)
            else:
                cell.paragraphs[0]._p.append(make_run(value or ""))
        cells[-1].paragraphs[0]._p.append(make_run(row.disposition or ""))
    for paragraph in b.doc.paragraphs:
        for run in paragraph.runs:
            run.font.size = run.font.size or Pt(10)
    return b.save()

