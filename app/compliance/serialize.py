"""JSON shape of a finding and its reviews."""
from ..public_ids import encode
from .labels import finding_label
from .models import Finding
from ..drafting.languages import texts_for


def _when(value):
    return value.isoformat() if value else None


def _review_json(r) -> dict:
    body = {"decision": r.decision.value, "reason": r.reason,
            "reviewer": r.reviewer.name if r.reviewer else None, "at": _when(r.created_at)}
    if r.assignee_id is not None or r.note:
        body.update(assignee_id=r.assignee_id, assignee=r.assignee.name if r.assignee else None, note=r.note)
    return body


def finding_text(f: Finding) -> str:
    """The text the finding is in: the lead's, or its language's (issue #22)."""
    if f.language is None:
        return f.version.text
    row = texts_for([f.version_id], f.language).get(f.version_id)
    return row.text if row else ""


def finding_json(f: Finding) -> dict:
    body = {
        "id": f.id, "clause_id": encode("clause", f.clause_id), "version_id": encode("version", f.version_id),
        "rule": f.rule,
        "severity": f.severity, "message": f.message, "start": f.start, "end": f.end,
        "citation": f.citation, "label": f.label or f.rule, "explanation": f.explanation, "excerpt": finding_text(f)[f.start:f.end],
        "language": f.language, "open": f.is_open,
        "superseded": f.superseded_at is not None, "ruleset_version": f.ruleset_version,
        "review": None if f.review is None else _review_json(f.review),
        "reviews": [_review_json(r) for r in f.reviews],
    }
    # The human name of the rule; the engine's own label, when it gives one, wins.
    body.setdefault("label", finding_label(f))
    return body
