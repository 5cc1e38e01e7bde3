"""Everything an export needs, read once and shaped for the pure DOCX writers.

Nothing here decides who may export: `permissions.py` does. Everything here takes the
caller's Access, so a party copy can only ever be filled with what that party may see:
its own submissions and the team's replies to them, never findings, notes or another
party's items (the comment and matrix variants are the only ones with submissions).
"""
from datetime import datetime, timezone

from sqlalchemy import select

from ..comments.queries import submissions_by_clause, submissions_for
from ..drafting.models import Document
from ..drafting.queries import working_outline
from ..extensions import db
from ..processes.models import Party
from ..processes.permissions import Access
from ..rounds.diffing import compare_rounds, texts_for
from ..rounds.models import Round, RoundSection
from ..rounds.queries import round_outline
from ..rounds.textdiff import word_diff
from .word.model import ExportClause, ExportComment, ExportMeta, ExportSection, MatrixRow

MARKING = "CONFIDENTIAL — for the parties to the talks only"
TEAM_MARKING = "CONFIDENTIAL — mediation team"


def meta_for(document: Document, round_: Round | None, recipient: Party | None, *, team: bool) -> ExportMeta:
    when = round_.circulated_at if round_ else datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return ExportMeta(
        process_title=document.process.title, document_title=document.title,
        round_label=round_.label if round_ else "Working draft", date=when.date(),
        marking=TEAM_MARKING if team and recipient is None else MARKING,
        nauea=document.process.nauea and not document.is_concluded,
        recipient=recipient.name if recipient else None, working_draft=round_ is None,
        revision_author="Mediation team", revision_date=when.replace(microsecond=0))


def _sections(outline) -> list[ExportSection]:
    return [ExportSection(s.number, s.title, [ExportClause(c.clause_id, c.label, c.text) for c in s.clauses])
            for s in outline]


def clean_sections(document: Document, round_: Round | None) -> list[ExportSection]:
    return _sections(round_outline(round_) if round_ else working_outline(document.id))


def _merge(changes) -> list[tuple[str, object]]:
    """One sequence holding both rounds: ("both"|"old"|"new", change). Reading it
    without the "new" items gives the older round in order, without the "old" items the
    newer one; a moved clause is deleted where it stood and inserted where it goes."""
    common = [c for c in changes if c.change in ("unchanged", "modified") and not c.moved]
    old_only = sorted((c for c in changes if c.change == "removed" or (c.moved and c.change != "added")),
                      key=lambda c: c.old_position)
    new_only = [c for c in changes if c.change == "added" or (c.moved and c.change != "removed")]
    common_ids = {id(c) for c in common}
    merged, at = [], 0
    for c in sorted(common + new_only, key=lambda c: c.new_position):
        if id(c) in common_ids:
            while at < len(old_only) and old_only[at].old_position < c.old_position:
                merged.append(("old", old_only[at]))
                at += 1
            merged.append(("both", c))
        else:
            merged.append(("new", c))
    merged.extend(("old", c) for c in old_only[at:])
    return merged


def redline_sections(old: Round, new: Round) -> list[ExportSection]:
    """The two rounds merged clause by clause, each change a revision, so that accepting
    all gives the newer round and rejecting all the older one, in order."""
    changes = compare_rounds(old, new)
    texts = texts_for(changes, new)
    titles = {}
    for round_ in (old, new):       # the newer title wins
        for sid, title in db.session.execute(select(RoundSection.section_id, RoundSection.title)
                                             .where(RoundSection.round_id == round_.id)):
            titles[sid] = title
    sections: list[ExportSection] = []
    for side, c in _merge(changes):
        old_label = f"Article {c.old_position + 1}" if c.old_position is not None else None
        new_label = f"Article {c.new_position + 1}" if c.new_position is not None else None
        if side == "old":
            section_id = c.old_section_id
            item = ExportClause(c.clause_id, old_label, "", old_text=texts[c.old_version_id], change="removed",
                                old_label=old_label)
        elif side == "new":
            section_id = c.new_section_id
            item = ExportClause(c.clause_id, new_label, texts[c.new_version_id], change="added")
        else:
            section_id = c.new_section_id
            before, after = texts[c.old_version_id], texts[c.new_version_id]
            item = ExportClause(c.clause_id, new_label, after, old_text=before, change=c.change,
                                ops=word_diff(before, after) if before != after else [(0, after)],
                                old_label=old_label)
        if not sections or sections[-1].title != titles.get(section_id, ""):
            sections.append(ExportSection(len(sections) + 1, titles.get(section_id, ""), []))
        sections[-1].clauses.append(item)
    return sections


def comments_for(access: Access, round_: Round, party: Party | None) -> list[ExportComment]:
    """Submissions on the round as Word comments: for a party copy only that party's
    items and the team's replies to them; for the team every party's, attributed."""
    found = submissions_for(access, round_id=round_.id)
    if party is not None:
        found = [s for s in found if s.party_id == party.id]
    out = []
    for s in found:
        if s.status.value == "draft":
            continue
        who = s.party.name
        text = f"{s.kind.value.capitalize()}: {s.body}"
        if s.proposed_text:
            text += f"\nProposed wording: {s.proposed_text}"
        if s.status.value == "withdrawn":
            text += "\n(withdrawn)"
        if s.disposition is not None:
            text += f"\nDisposition: {s.disposition.decision.value.replace('_', ' ')}: {s.disposition.reason}"
        replies = [ExportComment(s.clause_id, "Mediation team" if r.from_team else who,
                                 "MT" if r.from_team else _initials(who), r.created_at, r.body)
                   for r in s.replies]
        out.append(ExportComment(s.clause_id, who, _initials(who), s.submitted_at or s.created_at, text, replies))
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha())[:4].upper() or "P"


def matrix_rows(access: Access, document: Document, round_: Round) -> tuple[list[str], list[MatrixRow]]:
    """The team's compilation: clause, circulated wording, each party's submissions
    (proposals as redlines), the team's disposition and reason."""
    parties = [p for p in document.process.parties]
    by_clause = submissions_by_clause(access, round_id=round_.id)
    headers = ["Clause", "Circulated wording"] + [p.name for p in parties] + ["Disposition"]
    rows = []
    for section in round_outline(round_):
        for c in section.clauses:
            subs = by_clause.get(c.clause_id)
            if not subs:
                continue
            cells = []
            for p in parties:
                mine = [s for s in subs if s.party_id == p.id]
                notes = "\n".join(f"{s.kind.value}{' (withdrawn)' if s.status.value == 'withdrawn' else ''}: "
                                  f"{s.body}" for s in mine)
                proposal = next((s for s in mine if s.proposed_text), None)
                cells.append((notes, word_diff(c.text, proposal.proposed_text)) if proposal else notes)
            decisions = "\n".join(f"{s.party.name}: {s.disposition.decision.value.replace('_', ' ')} — "
                                  f"{s.disposition.reason}" for s in subs if s.disposition is not None)
            rows.append(MatrixRow(c.label, c.text, cells, decisions))
    return headers, rows
