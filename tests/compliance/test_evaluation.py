"""The engine held to issue #20's thresholds on the shared development sets (real and
synthetic) and on this repository's own sets, one of them written without tuning on it
(heldout_clauses.jsonl: real-style wordings in the five languages)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.compliance.cli import compliance_eval_command
from app.compliance.engine.evaluate import LABELS, evaluate, read_rows
from tests.conftest import skip_or_fail

SHARED = Path(__file__).resolve().parents[3] / "shared" / "compliance"
DATA = Path(__file__).parent / "data"
SETS = [SHARED / "real_clauses.jsonl", SHARED / "dev_clauses.jsonl",
        DATA / "further_clauses.jsonl", DATA / "heldout_clauses.jsonl", DATA / "heldout2_clauses.jsonl",
        DATA / "heldout3_clauses.jsonl", DATA / "heldout4_clauses.jsonl",
        DATA / "heldout5_clauses.jsonl", DATA / "heldout6_clauses.jsonl"]


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        skip_or_fail(f"{path} not found beside the repository")
    return read_rows(path.open(encoding="utf-8"))


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_thresholds(path):
    report = evaluate(_rows(path))
    rate = {label: report.rate(label) for label in LABELS}
    print(f"\n{path.name}: " + ", ".join(f"{k} {v:.0%}" for k, v in rate.items() if v is not None))
    assert rate["violates"] is None or rate["violates"] >= 0.9          # flagged violation
    assert rate["needs-review"] is None or rate["needs-review"] >= 0.9  # at least a warning
    assert rate["compliant"] is None or rate["compliant"] >= 0.9        # ≤10% flagged violation
    assert rate["no-amnesty"] is None or rate["no-amnesty"] >= 0.9      # ≤10% warning or violation


def test_the_heldout_set_covers_the_five_languages_and_every_label():
    rows = _rows(DATA / "heldout_clauses.jsonl")
    assert {r["lang"] for r in rows} == {"en", "fr", "es", "pt", "ar"}
    assert {r["label"] for r in rows if r["lang"] == "ar"} == set(LABELS)


def test_judgment_calls_count_as_right_when_acceptable():
    rows = [{"id": "a", "label": "violates", "judgment_call": True, "acceptable": ["violation", "warning"],
             "text": "Amnesty is granted for all offences, except genocide, crimes against humanity and war crimes."},
            {"id": "b", "label": "violates", "text": "The sky is blue."}]
    report = evaluate(rows)
    assert [right for _, _, right in report.rows] == [True, False]
    precision, recall, n = report.precision_recall("violates")
    assert (precision, recall, n) == (1.0, 0.5, 2)


def test_cli_prints_precision_and_recall_per_label(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "x", "label": "violates", "text": "Amnesty is granted to all combatants."})
                    + "\n\n" + json.dumps({"id": "y", "label": "no-amnesty", "text": "Roads shall be built."}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(compliance_eval_command, [str(path), "--strict"])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "recall" in result.output
    assert all(label in result.output for label in LABELS)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": "maybe"}\n', encoding="utf-8")
    result = CliRunner().invoke(compliance_eval_command, [str(bad)])
    assert result.exit_code == 1 and "line 1" in result.output
