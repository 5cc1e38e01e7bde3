"""JSON shape of a finding and its reviews."""
from .models import Finding


def _when(value):
    return value.isoformat() if value else None


def finding_json(f: Finding) -> dict:
    return {
        "id": f.id, "clause_id": f.clause_id, "version_id": f.version_id, "rule": f.rule,
        "severity": f.severity, "message": f.message, "start": f.start, "end": f.end,
        "citation": f.citation, "label": f.label or f.rule, "explanation": f.explanation, "excerpt": f.version.text[f.start:f.end], "open": f.is_open,
        "superseded": f.superseded_at is not None, "ruleset_version": f.ruleset_version,
        "review": None if f.review is None else {"decision": f.review.decision.value, "reason": f.review.reason},
        "reviews": [{"decision": r.decision.value, "reason": r.reason,
                     "reviewer": r.reviewer.name if r.reviewer else None, "at": _when(r.created_at)}
                    for r in f.reviews],
    }
