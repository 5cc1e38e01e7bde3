"""What the engine reports: plain data, no Flask, no database."""
from dataclasses import asdict, dataclass, field

SEVERITIES = ("violation", "warning", "notice")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str          # violation | warning | notice
    message: str
    start: int             # character span in the clause text, end exclusive
    end: int
    citation: str
    label: str = ""        # what the legal adviser reads instead of the rule id
    # grant, scope, excluded, missing, spans, norms, cure, precedents (see explain.py)
    explanation: dict | None = field(default=None, compare=False, hash=False)

    def as_dict(self) -> dict:
        return asdict(self)
