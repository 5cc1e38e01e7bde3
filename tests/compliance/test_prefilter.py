"""The prefilter gate (literal stems in rules/amnesty.toml) must never hide a clause a
rule would act on: on every labelled clause and on hostile samples, reading with the
gate gives exactly what reading without it gives."""
import json
from dataclasses import replace
from pathlib import Path

import pytest

from app.compliance.engine.analysis import analyse
from app.compliance.engine.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[3] / "shared" / "compliance"
SETS = [SHARED / "dev_clauses.jsonl", SHARED / "real_clauses.jsonl", HERE / "data" / "further_clauses.jsonl",
        HERE / "data" / "heldout_clauses.jsonl", HERE / "data" / "heldout2_clauses.jsonl",
        HERE / "data" / "heldout3_clauses.jsonl", HERE / "data" / "heldout4_clauses.jsonl",
        HERE / "data" / "heldout5_clauses.jsonl", HERE / "data" / "heldout6_clauses.jsonl"]


class _Open:
    """A prefilter that lets everything through."""

    def search(self, _text):
        return True


def _texts():
    texts = ["NO AMNESTY SHALL BE GRANTED.", "Amnistía general para todos.", "GÉNOCIDE et crimes",
             "The Parties shall build roads.", "IMMUNITY from PROSECUTION", "Perdón y olvido", "Grâce amnistiante",
             "Les crimes sont IMPRESCRIPTIBLES.", "والعفو عن الجرائم", "لا تسقط بالتقادم",
             "Members shall not be arrested or detained for acts of war.", "No suit shall lie against them."]
    for path in SETS:
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def _summary(a):
    return ([(g.family, g.start, g.end) for g in a.grants], sorted(a.excluded), sorted(a.refuses), a.limits,
            a.remedy, a.courts_bar,
            # references count only for a clause that grants (document.py borrows for grants)
            [(r.kind, r.key, r.in_exclusion) for r in a.references] if a.grants else [])


@pytest.mark.parametrize("text", _texts())
def test_the_prefilter_lets_through_every_clause_a_rule_acts_on(text):
    rules = load_ruleset()
    ungated = replace(rules, prefilter=_Open())
    assert _summary(analyse(text, rules)) == _summary(analyse(text, ungated))
