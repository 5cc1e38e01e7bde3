"""What the engine reports: plain data, no Flask, no database."""
from dataclasses import asdict, dataclass

SEVERITIES = ("violation", "warning", "notice")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str          # violation | warning | notice
    message: str
    start: int             # character span in the clause text, end exclusive
    end: int
    citation: str

    def as_dict(self) -> dict:
        return asdict(self)
