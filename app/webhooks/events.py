"""Which audit entries are webhook events, and what a delivery of each carries.

The payload names objects by their public ids and gives a link; it carries no text
(see the package docstring). `EVENTS` maps an audit action to a function of the entry's
object and its changes that returns (event name, object ids, link). `finding.opened` is
the one event that is no audit entry: the rule engine opens findings while a read brings
them up to date (app/compliance/refresh.py), and `opened_finding` builds its payload.
"""
from ..public_ids import encode
from ..comments.models import Submission
from ..extensions import db

EVENT_NAMES = ("round.circulated", "submission.received", "disposition.recorded", "position.changed",
               "agreement.lapsed", "finding.opened", "finding.escalated", "finding.decided", "document.concluded")


def _document(document_id) -> str:
    return encode("document", document_id)


def _round(round_, changes):
    doc = _document(round_.document_id)
    return "round.circulated", {"document": doc, "round": round_.number}, f"/documents/{doc}/rounds/{round_.number}"


def _submission(submission, changes):
    round_ = submission.round
    doc = _document(round_.document_id)
    return ("submission.received", {"document": doc, "round": round_.number, "submission": submission.public_id},
            f"/documents/{doc}/rounds/{round_.number}")


def _disposition(disposition, changes):
    submission = db.session.get(Submission, disposition.submission_id)
    round_ = submission.round
    doc = _document(round_.document_id)
    return ("disposition.recorded", {"document": doc, "round": round_.number, "submission": submission.public_id},
            f"/documents/{doc}/rounds/{round_.number}")


def _position(position, changes):
    doc = _document(position.document_id)
    return ("position.changed", {"document": doc, "clause": encode("clause", position.clause_id),
                                 "position": encode("position", position.id)}, f"/documents/{doc}/status")


def _reopened(document, changes):
    doc = _document(document.id)
    return "agreement.lapsed", {"document": doc}, f"/documents/{doc}/status"


def _concluded(document, changes):
    doc = _document(document.id)
    return "document.concluded", {"document": doc}, f"/documents/{doc}/status"


def _finding(finding, changes):
    # The decision is read from the audit entry: the finding's `reviews` may have been
    # loaded before this review was added.
    name = "finding.escalated" if changes.get("decision") == "escalated" else "finding.decided"
    doc = _document(finding.document_id)
    return name, {"document": doc, "finding": finding.id}, f"/documents/{doc}/findings"


def opened_finding(finding):
    """What a team member reads in the queue about a finding, less its text: the rule,
    the severity and the language of the wording (None: the lead text), by ids."""
    doc = _document(finding.document_id)
    return ("finding.opened", {"document": doc, "clause": encode("clause", finding.clause_id),
                               "version": encode("version", finding.version_id), "finding": finding.id,
                               "rule": finding.rule, "severity": finding.severity, "language": finding.language},
            f"/documents/{doc}/findings")


EVENTS = {
    "round.circulate": _round,
    "submission.submit": _submission,
    "submission.disposition": _disposition,
    "position.set": _position,
    "document.reopen": _reopened,
    "document.conclude": _concluded,
    "finding.review": _finding,
}
