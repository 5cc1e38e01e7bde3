"""The prefilter gate runs on casefolded text without IGNORECASE (for speed); it must let
through everything the rule's case-insensitive pattern would."""
import json
import re
import tomllib
from pathlib import Path

import pytest

from app.compliance.engine.ruleset import FLAGS, expand, load_ruleset

RULES = Path(__file__).resolve().parents[2] / "app" / "compliance" / "rules" / "amnesty.toml"
DEV = Path(__file__).resolve().parents[3] / "shared" / "compliance" / "dev_clauses.jsonl"


def _texts():
    texts = ["NO AMNESTY SHALL BE GRANTED.", "Amnistía general para todos.", "GÉNOCIDE et crimes",
             "The Parties shall build roads.", "IMMUNITY from PROSECUTION", "Perdón y olvido", "Grâce amnistiante"]
    if DEV.exists():
        texts += [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


@pytest.mark.parametrize("text", _texts())
def test_the_casefolded_prefilter_lets_through_what_the_case_insensitive_one_does(text):
    insensitive = re.compile(expand(tomllib.loads(RULES.read_text(encoding="utf-8"))["prefilter"]), FLAGS)
    if insensitive.search(text):
        assert load_ruleset().prefilter.search(text.casefold())
