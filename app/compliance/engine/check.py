"""Judging clauses against the amnesty norms, with the whole document in view.

A grant must expressly exclude genocide, crimes against humanity, war crimes, gross
violations of human rights (named as such, or as torture, enforced disappearance,
extrajudicial executions and slavery) and rape and other sexual violence. The exclusion
may stand in the clause, in a clause it refers to ("subject to Article 14", "the crimes
listed in Annex 2"), or in a general clause of the same section that refuses amnesty.
"""
from .analysis import Analysis, analyse
from .findings import Finding
from .ruleset import Ruleset, load_ruleset

_GROSS_PARTS = ("torture", "enforced_disappearance", "extrajudicial_executions", "slavery")


def _covered(rules: Ruleset, excluded: set[str]) -> tuple[list[str], list[str]]:
    """(missing required categories, missing named parts of gross violations)."""
    parts_missing = [p for p in _GROSS_PARTS if p not in excluded]
    covered = set(excluded)
    if not parts_missing:
        covered.add("gross_violations")
    missing = [key for key in rules.required if key not in covered]
    return missing, parts_missing if "gross_violations" in missing else []


def _names(rules: Ruleset, keys) -> str:
    names = [rules.category(k).name for k in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _citation(rules: Ruleset, missing: list[str]) -> str:
    citation = rules.citations["amnesty"]
    if "sexual_violence" in missing:
        citation += "; " + rules.citations["sexual_violence"]
    return citation


def judge(analysis: Analysis, excluded: set[str], rules: Ruleset | None = None) -> list[Finding]:
    """Findings for one clause, given every category excluded for it (own and borrowed)."""
    rules = rules or load_ruleset()
    findings: list[Finding] = []
    if analysis.grants:
        findings.append(_grant_finding(analysis, excluded, rules))
        if analysis.remedy:
            start, end = analysis.remedy
            findings.append(Finding(
                "amnesty.remedy-bar", "warning",
                "The relief also reaches civil liability, reparation or truth: check that victims keep "
                "their rights to an effective remedy, reparation and the truth.",
                start, end, rules.citations["remedy"]))
    if analysis.courts_bar:
        start, end = analysis.courts_bar
        findings.append(Finding(
            "courts.international-bar", "warning",
            "The clause appears to bar international courts (such as the International Criminal Court) "
            "or cooperation with them: a legal adviser must confirm it does not shield the core crimes.",
            start, end, rules.citations["courts"]))
    return findings


def _grant_finding(analysis: Analysis, excluded: set[str], rules: Ruleset) -> Finding:
    limitation_only = all(g.family == "limitation" for g in analysis.grants)
    start, end = analysis.grants[0].sentence
    missing, parts = _covered(rules, excluded)
    what = "A statute of limitations or prescription" if limitation_only else "This provision"
    if not missing:
        kind = "for named political offences " if analysis.political_only else ""
        return Finding("amnesty.compliant", "notice",
                       f"{what} grants relief {kind}and expressly excludes genocide, crimes against humanity, "
                       "war crimes, gross violations of human rights and sexual violence. Recorded so the "
                       "file shows an amnesty exists.", start, end, _citation(rules, []))
    gap = _names(rules, missing)
    if parts and len(parts) < len(_GROSS_PARTS):
        gap += f" (of the gross violations of human rights it names only some: {_names(rules, parts)} are missing)"
    if analysis.vague:
        why, vs, ve = analysis.vague[0]
        return Finding("amnesty.scope-unclear", "warning",
                       f"{what} grants amnesty-like relief whose scope cannot be established from the text "
                       f"({why}). It does not expressly exclude {gap}. Refer to a legal adviser.",
                       start, end, _citation(rules, missing))
    rule = "limitation.core-crimes" if limitation_only else "amnesty.missing-exclusions"
    effect = ("bars prosecution by lapse of time" if limitation_only
              else "has the effect of an amnesty (it bars prosecution or extinguishes liability)")
    return Finding(rule, "violation",
                   f"{what} {effect} but does not expressly exclude {gap}. A UN-endorsed agreement can never "
                   "promise amnesty for these crimes: add an express exclusion.",
                   start, end, _citation(rules, missing))


def check_clause(text: str) -> list[Finding]:
    """One clause on its own."""
    analysis = analyse(text)
    return judge(analysis, analysis.excluded)
