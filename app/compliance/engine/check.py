"""Judging clauses against the amnesty norms, with the whole document in view.

The severity follows the standard (../shared/domain.md): relief whose scope can reach the
core crimes and excludes none of them, or leaves one of genocide, crimes against
humanity and war crimes open, is a violation; relief that excludes the core crimes but
not every gross violation or sexual violence, or whose scope or exclusions are unclear
(vague terms, political offences without a closed list, conditions, State agents in
vague terms), is a warning; relief that excludes everything, or is confined to a closed
list of offences that cannot reach them, is a notice.
"""
from .analysis import Analysis, analyse
from .explain import explanation
from .findings import Finding
from .ruleset import Ruleset, load_ruleset
from .sentences import sentence_spans as _sentences

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


def _citation(rules: Ruleset, missing: list[str], kind: str = "amnesty") -> str:
    citation = rules.citations[kind]
    if "sexual_violence" in missing:
        citation += "; " + rules.citations["sexual_violence"]
    return citation


def _finding(rules, rule, severity, message, span, citation, explain=None) -> Finding:
    return Finding(rule, severity, message, span[0], span[1], citation,
                   label=rules.labels.get(rule, rule), explanation=explain)


def judge(analysis: Analysis, excluded: set[str], rules: Ruleset | None = None,
          language: str | None = None) -> list[Finding]:
    """Findings for one clause, given every category excluded for it (own and borrowed)."""
    rules = rules or load_ruleset()
    findings: list[Finding] = []
    if analysis.grants:
        findings.append(_grant_finding(analysis, excluded, rules, language))
    elif analysis.limits:
        limited = _limits_finding(analysis, excluded, rules, language)
        if limited:
            findings.append(limited)
    if analysis.grants and analysis.remedy:
        findings.append(_finding(
            rules, "amnesty.remedy-bar", "warning",
            "The relief also reaches civil liability, reparation or truth: check that victims keep "
            "their rights to an effective remedy, reparation and the truth.",
            analysis.remedy, rules.citations["remedy"]))
    if analysis.courts_bar:
        findings.append(_finding(
            rules, "courts.international-bar", "warning",
            "The clause appears to bar international courts (such as the International Criminal Court) "
            "or cooperation with them: a legal adviser must confirm it does not shield the core crimes.",
            analysis.courts_bar, rules.citations["courts"]))
    return findings


def _verdict(analysis: Analysis, missing: list[str], rules: Ruleset) -> tuple[str, str, str]:
    """(rule, severity, why) for a grant with these categories still missing."""
    limitation_only = all(g.family == "limitation" for g in analysis.grants)
    core_missing = [k for k in rules.core if k in missing]
    closed = analysis.closed_scope and not analysis.open_scope and not analysis.political
    if not missing:
        return "amnesty.compliant", "notice", "expressly excludes every crime a UN-endorsed agreement may not amnesty"
    if closed and not analysis.state_agents and not analysis.vague:
        return ("amnesty.closed-list", "notice",
                "is confined to a closed list of offences that cannot reach genocide, crimes against humanity, "
                "war crimes or gross violations of human rights")
    if analysis.vague:
        return "amnesty.scope-unclear", "warning", f"has a scope that cannot be established from the text ({analysis.vague[0][0]})"
    if limitation_only and "limitation" in analysis.prohibited_families:
        return ("limitation.partial", "warning",
                "lets prosecution lapse with time, while making only some crimes imprescriptible")
    if not core_missing:
        return ("amnesty.partial-exclusions", "warning",
                "excludes genocide, crimes against humanity and war crimes but not every gross violation of "
                "human rights or sexual violence")
    if analysis.political and not analysis.open_scope and not analysis.state_agents:
        return ("amnesty.political-offences", "warning",
                "covers political offences without a closed list of them, which may reach the crimes")
    if closed:
        return ("amnesty.state-agents", "warning",
                "gives relief to State agents for offences described in general terms")
    if limitation_only:
        return "limitation.core-crimes", "violation", "bars prosecution by lapse of time"
    return ("amnesty.missing-exclusions", "violation",
            "has the effect of an amnesty (it bars prosecution or extinguishes liability)")


def _grant_finding(analysis: Analysis, excluded: set[str], rules: Ruleset, language: str | None) -> Finding:
    limitation_only = all(g.family == "limitation" for g in analysis.grants)
    span = analysis.grants[0].sentence
    missing, parts = _covered(rules, excluded)
    rule, severity, why = _verdict(analysis, missing, rules)
    what = "A statute of limitations or prescription" if limitation_only else "This provision"
    kind = "limitation" if limitation_only else "amnesty"
    explain = explanation(analysis, excluded, missing, rules, language)
    if severity == "notice":
        named = "for named political offences " if analysis.closed_scope or analysis.political else ""
        message = f"{what} grants relief {named}and {why}. Recorded so the file shows an amnesty exists."
        return _finding(rules, rule, severity, message, span, _citation(rules, [], kind), explain)
    gap = _names(rules, missing)
    if parts and len(parts) < len(_GROSS_PARTS):
        gap += f" (of the gross violations of human rights it names only some: {_names(rules, parts)} are missing)"
    if severity == "warning":
        message = (f"{what} {why}. It does not expressly exclude {gap}. Refer to a legal adviser.")
    else:
        message = (f"{what} {why} but does not expressly exclude {gap}. A UN-endorsed agreement can never "
                   "promise amnesty for these crimes: add an express exclusion.")
    return _finding(rules, rule, severity, message, span, _citation(rules, missing, kind), explain)


def _limits_finding(analysis: Analysis, excluded: set[str], rules: Ruleset, language: str | None):
    """A clause that sets the exclusions of a relief granted elsewhere ("the exemption in
    Article 2 does not include ..."): if its list leaves crimes out, the relief it
    qualifies may reach them."""
    missing, _ = _covered(rules, excluded)
    if not missing:
        return None
    start, end = analysis.limits[0]
    sentence = next(((s, e) for s, e in _sentences(analysis.text) if s <= start < e), (start, end))
    explain = explanation(analysis, excluded, missing, rules, language, grant=(start, end))
    message = (f"This clause sets the exclusions of a relief granted elsewhere, but does not expressly exclude "
               f"{_names(rules, missing)}: the relief it qualifies may reach them. Refer to a legal adviser.")
    return _finding(rules, "amnesty.limits-elsewhere", "warning", message, sentence,
                    _citation(rules, missing), explain)


def check_clause(text: str, language: str | None = None) -> list[Finding]:
    """One clause on its own."""
    analysis = analyse(text)
    return judge(analysis, analysis.excluded, language=language)
