"""Measuring the engine on a labelled JSON-lines file (`flask --app wsgi compliance-eval`).

Each line: {"id", "text", "label"} with label one of violates, needs-review, compliant,
no-amnesty; optionally "lang", "judgment_call" and "acceptable" (outcomes a legal adviser
would accept: violation, warning, notice, none). A clause's outcome is its most severe
finding. Judgment calls are right when the outcome is acceptable; other clauses when it
meets their label: violates -> violation, needs-review -> at least a warning,
compliant -> no violation, no-amnesty -> no warning or violation.
"""
import json
from dataclasses import dataclass, field

from .check import check_clause

LABELS = ("violates", "needs-review", "compliant", "no-amnesty")
_PREDICTED = {"violation": "violates", "warning": "needs-review", "notice": "compliant", "none": "no-amnesty"}
_RANK = {"violation": 3, "warning": 2, "notice": 1, "none": 0}
# Thresholds of issue #20: share of each label's clauses that must be right.
THRESHOLDS = {"violates": 0.9, "needs-review": 0.9, "compliant": 0.9, "no-amnesty": 0.9}


def outcome(text: str, language: str | None = None) -> str:
    severities = [f.severity for f in check_clause(text, language)]
    return max(severities, key=_RANK.__getitem__, default="none")


def is_right(row: dict, result: str) -> bool:
    if row.get("judgment_call") and row.get("acceptable"):
        return result in row["acceptable"]
    return {"violates": result == "violation",
            "needs-review": result in ("warning", "violation"),
            "compliant": result != "violation",
            "no-amnesty": result in ("notice", "none")}[row["label"]]


@dataclass
class Report:
    rows: list = field(default_factory=list)     # (row, outcome, right)

    def rate(self, label: str) -> float | None:
        """Share of the label's clauses whose outcome is right (the issue's thresholds)."""
        mine = [right for row, _, right in self.rows if row["label"] == label]
        return sum(mine) / len(mine) if mine else None

    def precision_recall(self, label: str) -> tuple[float | None, float | None, int]:
        """A right outcome counts as predicting the gold label; a wrong one predicts the
        label its severity stands for."""
        predicted = [(row["label"], row["label"] if right else _PREDICTED[result]) for row, result, right in self.rows]
        tp = sum(1 for gold, pred in predicted if gold == label and pred == label)
        n_pred = sum(1 for _, pred in predicted if pred == label)
        n_gold = sum(1 for gold, _ in predicted if gold == label)
        return (tp / n_pred if n_pred else None), (tp / n_gold if n_gold else None), n_gold

    def failures(self) -> list[tuple[str, str, str]]:
        return [(row.get("id"), row["label"], result) for row, result, right in self.rows if not right]

    def passes(self) -> bool:
        return all(r is None or r >= THRESHOLDS[label] for label in LABELS for r in [self.rate(label)])


def read_rows(stream) -> list[dict]:
    rows = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"line {number}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or row.get("label") not in LABELS:
            raise ValueError(f'line {number}: expected "text" and a "label" among {", ".join(LABELS)}')
        rows.append(row)
    return rows


def evaluate(rows: list[dict]) -> Report:
    report = Report()
    for row in rows:
        result = outcome(row["text"], row.get("lang") or row.get("language"))
        report.rows.append((row, result, is_right(row, result)))
    return report


def _pct(value) -> str:
    return "   -" if value is None else f"{value:4.0%}"


def format_report(report: Report) -> str:
    lines = [f"{'label':<14}{'n':>4}{'precision':>11}{'recall':>8}{'right':>8}  threshold"]
    for label in LABELS:
        precision, recall, n = report.precision_recall(label)
        target = {"violates": "≥90% flagged violation", "needs-review": "≥90% at least a warning",
                  "compliant": "≤10% flagged violation", "no-amnesty": "≤10% warning or violation"}[label]
        lines.append(f"{label:<14}{n:>4}{_pct(precision):>11}{_pct(recall):>8}{_pct(report.rate(label)):>8}  {target}")
    wrong = report.failures()
    lines.append(f"{len(report.rows) - len(wrong)} of {len(report.rows)} clauses right; "
                 f"thresholds {'met' if report.passes() else 'NOT met'}.")
    lines += [f"  wrong: {cid} ({label}) -> {result}" for cid, label, result in wrong]
    return "\n".join(lines)
