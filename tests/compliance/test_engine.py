"""The amnesty-norm engine, rule by rule, across languages and clauses, and measured
against the labelled development set."""
import io
import json
import time
from pathlib import Path

import pytest

from app.compliance.engine import RULESET_VERSION, check_clause, check_document, referenced_ids
from app.compliance.engine.jsonl import JsonlError, run_jsonl
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "compliance" / "dev_clauses.jsonl"
FURTHER = Path(__file__).parent / "data" / "further_clauses.jsonl"


def severities(text):
    return {f.severity for f in check_clause(text)}


def meets(label: str, found: set) -> bool:
    return {"violates": "violation" in found,
            "needs-review": bool(found & {"violation", "warning"}),
            "compliant": "violation" not in found,
            "no-amnesty": not found & {"violation", "warning"}}[label]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(rows) -> tuple[list, float, float]:
    failures = [r["id"] for r in rows if not meets(r["label"], severities(r["text"]))]
    flagged = [r for r in rows if r["label"] in ("violates", "needs-review")]
    clean = [r for r in rows if r["label"] in ("compliant", "no-amnesty")]
    recall = sum(meets(r["label"], severities(r["text"])) for r in flagged) / max(1, len(flagged))
    false_positive = sum(not meets(r["label"], severities(r["text"])) for r in clean) / max(1, len(clean))
    return failures, recall, false_positive


def test_development_set():
    if not DEV_SET.exists():
        skip_or_fail(f"{DEV_SET} not found beside the repository")
    failures, recall, false_positive = measure(load(DEV_SET))
    print(f"\ndev set: recall {recall:.0%}, false-positive rate {false_positive:.0%}")
    assert failures == []


def test_further_clauses_from_real_agreements_and_constructed_cases():
    rows = load(FURTHER)
    assert {r["lang"] for r in rows} >= {"en", "fr", "es", "pt"}
    failures, recall, false_positive = measure(rows)
    print(f"\nfurther clauses: recall {recall:.0%}, false-positive rate {false_positive:.0%}")
    assert failures == []


@pytest.mark.parametrize("text", [
    "The Government shall grant amnesty to all combatants.",
    "All members of the Front are pardoned for offences committed during the hostilities.",
    "Le Gouvernement accordera la grâce présidentielle aux combattants.",
    "Se concede indulto a los integrantes de las fuerzas armadas.",
    "Criminal proceedings against members of the militia shall be discontinued.",
    "The Parties undertake not to prosecute members of the other Party for acts of war.",
    "Members of the Movement shall be indemnified against criminal proceedings for acts of war.",
])
def test_effect_not_vocabulary_triggers_a_violation(text):
    assert "violation" in severities(text)


@pytest.mark.parametrize("text", [
    "No amnesty shall be granted for genocide, crimes against humanity or war crimes.",
    "Ninguna amnistía podrá concederse por el delito de genocidio.",
    "The perpetrators of war crimes shall be prosecuted before the Special Court.",
    "Observers shall enjoy immunity from legal process in respect of their official functions.",
    "The Government shall pardon the debts of farmers in the northern provinces.",
    "All prisoners of war shall be released.",
    "Claims for compensation shall be subject to a limitation period of three years.",
    "No journalist shall be prosecuted for the peaceful expression of opinions.",
])
def test_prohibitions_and_other_immunities_are_not_amnesties(text):
    assert not severities(text) & {"violation", "warning"}


def test_a_violation_names_what_is_missing_with_span_and_citation():
    text = ("Preamble words. Amnesty shall be granted for all offences, with the exception of genocide "
            "and war crimes.")
    [finding] = check_clause(text)
    assert finding.rule == "amnesty.missing-exclusions" and finding.severity == "violation"
    assert "crimes against humanity" in finding.message and "sexual violence" in finding.message
    assert "genocide," not in finding.message.split("exclude")[1][:10]
    assert text[finding.start:finding.end].startswith("Amnesty shall be granted")
    assert "S/2009/189" in finding.citation and "1820" in finding.citation


def test_partial_gross_violations_are_named():
    # The three core crimes are excluded, two gross violations are not: a legal adviser
    # decides (issue #20's standard), and the message names what is missing.
    text = ("Amnesty is granted for political offences. It does not apply to genocide, crimes against "
            "humanity, war crimes, torture, enforced disappearance or sexual violence.")
    [finding] = check_clause(text)
    assert finding.severity == "warning" and finding.rule == "amnesty.partial-exclusions"
    assert "extrajudicial" in finding.message and "slavery" in finding.message


def test_compliant_grant_is_a_notice():
    text = ("Amnesty is granted for rebellion and sedition. It shall not extend to genocide, crimes against "
            "humanity, war crimes, gross violations of human rights, or rape and other sexual violence.")
    [finding] = check_clause(text)
    assert finding.severity == "notice" and finding.rule == "amnesty.compliant"
    assert "political offences" in finding.message


@pytest.mark.parametrize("text", [
    "The Parties shall grant the widest possible amnesty.",
    "Amnesty shall be granted for all acts except heinous crimes.",
    "An amnesty law shall be enacted; its scope shall be determined by the National Assembly.",
    "Combatants may apply for amnesty on condition that they disclose the truth.",
])
def test_unclear_scope_is_a_warning(text):
    assert severities(text) == {"warning"}


def test_further_norms():
    remedy = check_clause("All combatants are granted amnesty from criminal and civil liability.")
    assert {f.rule for f in remedy} >= {"amnesty.remedy-bar"}
    limitation = check_clause("The statute of limitations for war crimes committed during the conflict "
                              "shall expire one year after signature.")
    assert [(f.rule, f.severity) for f in limitation] == [("limitation.core-crimes", "violation")]
    courts = check_clause("The Parties shall not cooperate with the International Criminal Court.")
    assert [(f.rule, f.severity) for f in courts] == [("courts.international-bar", "warning")]
    assert not check_clause("The Parties shall cooperate fully with the International Criminal Court.")


def _doc(*texts, sections=None):
    return [{"id": f"c{i}", "text": t, "number": str(i + 1), "section": (sections or [None] * len(texts))[i],
             "label": None} for i, t in enumerate(texts)]


FULL_EXCLUSION = ("No amnesty shall be granted for genocide, crimes against humanity, war crimes, gross "
                  "violations of human rights or sexual violence.")


def test_exclusion_in_a_referenced_article():
    clauses = _doc("Amnesty shall be granted for offences committed during the conflict, subject to Article 2.",
                   FULL_EXCLUSION)
    results = check_document(clauses)
    assert [f.severity for f in results["c0"]] == ["notice"] and results["c1"] == []
    assert referenced_ids(clauses)["c0"] == {"c1"}
    alone = check_clause(clauses[0]["text"])
    assert [f.severity for f in alone] == ["violation"]


def test_exclusion_in_an_annex_list():
    clauses = _doc("Amnesty is granted for all offences linked to the conflict, except the crimes listed in Annex 2.",
                   "Genocide; crimes against humanity; war crimes; gross violations of human rights; rape and other "
                   "forms of sexual violence.")
    clauses[1]["label"] = "Annex 2"
    clauses[1]["number"] = None
    assert [f.severity for f in check_document(clauses)["c0"]] == ["notice"]


def test_general_clause_of_the_same_section_counts_but_not_of_another():
    grant = "Amnesty shall be granted to members of the armed groups for offences connected with the conflict."
    same = check_document(_doc(grant, FULL_EXCLUSION, sections=["s1", "s1"]))
    other = check_document(_doc(grant, FULL_EXCLUSION, sections=["s1", "s2"]))
    assert [f.severity for f in same["c0"]] == ["notice"]
    assert [f.severity for f in other["c0"]] == ["violation"]


def test_jsonl_contract():
    out = io.StringIO()
    run_jsonl(io.StringIO('{"id": 1, "text": "Amnesty is granted to all."}\n\n'
                          '{"id": "b", "text": "The sky is blue."}\n'), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == [1, "b"]
    # The contract's fields, plus the human label and the explanation (issue #20).
    assert set(lines[0]["findings"][0]) == {"rule", "severity", "message", "start", "end", "citation",
                                            "label", "explanation"}
    assert lines[0]["findings"][0]["label"] == "Amnesty without exclusion of the core crimes"
    assert lines[1]["findings"] == []
    with pytest.raises(JsonlError) as err:
        run_jsonl(io.StringIO('{"id": 1, "text": "x"}\n{oops\n'), io.StringIO())
    assert err.value.line == 2


def test_pathological_input_does_not_hang():
    texts = ["amnesty " * 20_000, "a" * 100_000, "[" * 5000 + "amnesty" + "]" * 5000,
             "No " * 10_000 + "amnesty", "\x00\x01 amnesty \u202e genocide \u200b" * 500]
    # CPU seconds, not wall-clock: a loaded CI machine must not fail it, and a hang
    # (catastrophic backtracking) is minutes, not the ~10 s these take.
    start = time.process_time()
    for text in texts:
        check_clause(text)
    assert time.process_time() - start < 60


def test_rate_on_ordinary_clauses():
    ordinary = ("The Parties shall establish a Joint Commission composed of representatives of both Parties, "
                "which shall meet every month to review the implementation of the provisions of this chapter "
                "and report to the Implementation Monitoring Committee on progress and obstacles encountered. ")
    clauses = [{"id": str(i), "text": ordinary * 2, "number": str(i), "section": str(i // 100), "label": None}
               for i in range(5000)]
    clauses[10]["text"] = "Amnesty is granted to all combatants."
    start = time.perf_counter()
    results = check_document(clauses)
    rate = len(clauses) / (time.perf_counter() - start)
    print(f"\ncompliance engine: {rate:,.0f} clauses/s on 5,000 clauses of ~90 words")
    assert results["10"] and not results["11"]
    assert RULESET_VERSION


def test_a_chapter_wide_carve_out_without_amnesty_words_counts_for_its_chapter():
    grant = "Amnesty shall be granted to members of the armed groups for offences connected with the conflict."
    carve_out = ("The provisions of this Chapter shall not apply to genocide, crimes against humanity, war crimes, "
                 "gross violations of human rights or crimes of sexual violence.")
    assert [f.severity for f in check_document(_doc(grant, carve_out, sections=["s", "s"]))["c0"]] == ["notice"]
