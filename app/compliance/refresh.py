"""Findings brought up to date, then read: the one read of compliance that may write.

Findings are computed lazily: the first read after a clause (or the rule set) changed
runs the engine over the document and writes the pass (operations.refresh_findings: it
reads until then, then takes the write lock, and writes only if no other reader wrote
the same pass meanwhile). So a GET that shows findings (the queue, the circulation
preview, the gate, a conclusion's check) may write them, explicitly, here; a read of the
findings as stored is queries.stored_findings.
"""
from ..drafting.models import Document
from .models import Decision, Finding
from .operations import refresh_findings
from .queries import stored_findings


def current_findings(document: Document) -> list[Finding]:
    """The findings on the current wordings, most serious first: the pass is run and
    written first if any clause changed since the last one."""
    refresh_findings(document)
    return stored_findings(document)


def confirmed_violations(document: Document) -> list[Finding]:
    """Violations a legal adviser confirmed on a current wording: they block concluding a
    UN-endorsed text."""
    return [f for f in current_findings(document)
            if f.severity == "violation" and f.review is not None and f.review.decision == Decision.confirmed]
