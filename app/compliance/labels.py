"""Human names for findings: legal advisers and mediators read "Amnesty without the
required exclusions", never a rule id such as "amnesty.missing-exclusions".

The engine may store its own label on a finding (a `label` column); when it does, that
label wins. Otherwise the rule id is named from this table, and an id it does not know
yet gets the name of its family, so that no page ever shows a raw id.
"""

RULE_LABELS = {
    "amnesty.missing-exclusions": "Amnesty without the required exclusions",
    "amnesty.scope-unclear": "Amnesty of unclear scope",
    "amnesty.remedy-bar": "Relief that may bar victims' remedies",
    "amnesty.compliant": "Amnesty with the required exclusions",
    "limitation.core-crimes": "Limitation period reaching the core crimes",
    "courts.international-bar": "Bar on international courts",
}

FAMILY_LABELS = {
    "amnesty": "Amnesty concern",
    "limitation": "Limitation period concern",
    "courts": "International courts concern",
    "immunity": "Immunity concern",
    "pardon": "Pardon concern",
}

FALLBACK = "Amnesty concern"


def rule_label(rule: str | None) -> str:
    if not rule:
        return FALLBACK
    if rule in RULE_LABELS:
        return RULE_LABELS[rule]
    return FAMILY_LABELS.get(rule.split(".", 1)[0], FALLBACK)


def finding_label(finding) -> str:
    """The finding's own label if the engine gave it one, else the name of its rule."""
    own = getattr(finding, "label", None)
    if isinstance(own, str) and own.strip():
        return own.strip()
    return rule_label(getattr(finding, "rule", None))
