"""Inserting a finding's cure: its model exclusion sentence appended to the clause as a
new version, through the drafting operation every edit goes through (stale-version
check, concluded-text lock, audit entry), plus an audit entry naming the finding."""
from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.operations import edit_clause
from ..errors import Conflict, Invalid
from ..processes.permissions import Access
from .models import Finding
from .permissions import require_cure_applier


def cure_text(finding: Finding) -> str | None:
    cure = (finding.explanation or {}).get("cure") or {}
    text = cure.get("text")
    return text.strip() if isinstance(text, str) and text.strip() else None


def cured_wording(current: str, cure: str) -> str:
    """The clause with the exclusion as its last paragraph."""
    return current.rstrip() + "\n" + cure


def apply_cure(access: Access, finding: Finding, base_version_id, *, actor):
    require_cure_applier(access)
    cure = cure_text(finding)
    if cure is None:
        raise Invalid("This finding has no exclusion to insert.", code="no_cure")
    if finding.superseded_at is not None:
        raise Invalid("This finding is on a wording that is no longer current; nothing was saved.",
                      code="superseded")
    if isinstance(base_version_id, int) and not isinstance(base_version_id, bool) \
            and base_version_id != finding.version_id:
        raise Conflict("The finding was made on another wording than the one your edit is based on; "
                       "nothing was saved. Reload the findings.", code="stale_version",
                       extra={"version_id": finding.version.public_id, "text": finding.version.text,
                              "title": finding.version.title, "is_deleted": finding.version.is_tombstone})
    start_writing()
    version = edit_clause(finding.clause_id, cured_wording(finding.version.text, cure), base_version_id,
                          actor=actor, reason=f"Exclusion inserted from compliance finding {finding.id}")
    record_event(actor, "finding.cure", finding, process_id=access.process.id,
                 changes={"clause_id": finding.clause_id, "from_version_id": finding.version_id,
                          "version_id": version.id, "text": cure,
                          "language": (finding.explanation.get("cure") or {}).get("language")})
    return version
