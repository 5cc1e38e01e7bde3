"""The circulation gate's view of the findings: which violations and warnings on the
wording about to go out no legal adviser has confirmed or dismissed, described so that
the mediator who is asked to confirm sees the clauses, and the record names them.

An escalated finding is still unreviewed here: headquarters has not answered yet.
"""
import hashlib

from sqlalchemy import select

from ..public_ids import encode
from ..drafting.models import Clause, Document
from ..drafting.numbering import article_label
from ..drafting.queries import working_outline
from ..extensions import db
from .labels import finding_label
from .models import Finding
from .operations import kept_clause_places
from .refresh import current_findings
from .serialize import finding_text

EXCERPT_CHARS = 160


def held_findings(document: Document, version_ids: set[int] | None = None) -> list[Finding]:
    """Open violations and warnings on the current wording (refreshed first), limited to
    `version_ids` (the wordings a round pins) when given."""
    return [f for f in current_findings(document)
            if f.is_open and (version_ids is None or f.version_id in version_ids)]


def stored_finding_ids(document: Document) -> set[int]:
    """The current findings already stored: a refusal rolls back any the gate's own check
    adds, so only these ids will still name a finding after it."""
    return set(db.session.scalars(select(Finding.id).where(Finding.document_id == document.id,
                                                           Finding.superseded_at.is_(None))))


def fingerprint(findings: list[Finding]) -> str:
    """Names a set of held findings by what they are, not by their ids, so that a
    confirmation given for one set is not taken for another."""
    keys = sorted(f"{f.version_id}:{f.rule}:{f.severity}:{f.start}:{f.end}" for f in findings)
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()[:32]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"


def describe(document: Document, findings: list[Finding]) -> list[dict]:
    """Each held finding with its clause's number and the start of its text."""
    if not findings:
        return []
    wanted = {f.clause_id for f in findings}
    # The numbers from the outline the check just used, when this process keeps it for
    # the current outline; else only the sections holding them are read (numbers run on
    # through the document, and a section's outline numbers its clauses as the whole
    # outline does).
    places = kept_clause_places(document.id, wanted)
    if places is None:
        sections = set(db.session.scalars(select(Clause.section_id).where(Clause.id.in_(wanted))))
        places = {c.clause_id: (c.number, c.section_id) for sid in sorted(sections)
                  for s in working_outline(document.id, section_id=sid) for c in s.clauses if c.clause_id in wanted}
    rows = []
    for f in findings:
        number, section_id = places.get(f.clause_id, (None, None))
        text = finding_text(f)
        rows.append({
            # Public ids (app/public_ids.py), as every id the API and pages show.
            "id": f.id, "clause_id": encode("clause", f.clause_id), "version_id": encode("version", f.version_id),
            "section_id": encode("section", section_id) if section_id is not None else None,
            "number": number, "article": article_label(number) if number else "Clause",
            "clause_text": _short(text), "excerpt": text[f.start:f.end], "language": f.language,
            "severity": f.severity, "rule": f.rule, "label": finding_label(f), "message": f.message,
            "state": "escalated" if f.review is not None else "unreviewed",
        })
    return sorted(rows, key=lambda r: (r["number"] or 0, r["severity"] != "violation", r["id"]))
