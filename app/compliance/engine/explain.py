"""Each finding explains itself in the legal adviser's terms: the grant, its scope, the
categories excluded and missing (with their spans), the norms, a model exclusion in the
clause's language (the cure) and comparable real provisions (precedents)."""
import tomllib
from functools import cache

from .analysis import Analysis
from .normalise import detect_language
from .ruleset import RULES_DIR, Ruleset

_PARTS = ("torture", "enforced_disappearance", "extrajudicial_executions", "slavery")


@cache
def _precedents() -> tuple[dict, ...]:
    data = tomllib.loads((RULES_DIR / "precedents.toml").read_text(encoding="utf-8"))
    return tuple(data["precedents"])


def _join(items: list[str], conj: dict, outer: bool = False) -> str:
    """"a, b and c"; the outer list of a cure uses semicolons once an item has its own list."""
    comma = conj.get("comma", ", ")
    if outer and any(conj["including"] in item for item in items):
        comma = conj.get("semicolon", "; ")
        return items[0] if len(items) == 1 else comma.join(items[:-1]) + comma + conj["and"].lstrip() + items[-1]
    return items[0] if len(items) == 1 else comma.join(items[:-1]) + conj["and"] + items[-1]


def cure(missing: list[str], excluded: set[str], rules: Ruleset, language: str) -> dict | None:
    """The model sentence that closes the gap, in the clause's language."""
    if not missing:
        return None
    language = language if language in rules.cure else "en"
    conj = rules.cure[language]
    names = []
    for key in missing:
        name = rules.category(key).names[language]
        if key == "gross_violations":
            parts = [rules.category(p).names[language] for p in _PARTS if p not in excluded]
            name += conj["including"] + _join(parts, conj)
        names.append(name)
    return {"language": language, "text": conj["template"].format(list=_join(names, conj, outer=True))}


def precedents(missing: list[str], language: str, limit: int = 3) -> list[dict]:
    """Provisions that cover most of what is missing, the clause's language first."""
    wanted = set(missing) | ({"torture", "enforced_disappearance", "extrajudicial_executions"}
                            if "gross_violations" in missing else set())

    def score(p):
        return (len(wanted & set(p["covers"])), p["language"] == language)

    ranked = sorted(_precedents(), key=score, reverse=True)
    chosen = [p for p in ranked if p["language"] == language][:limit - 1] if wanted else []
    best = ranked[0] if ranked else None
    if best is not None and best not in chosen:
        chosen.insert(0, best)
    return [{"id": p["id"], "language": p["language"], "source": p["source"], "text": p["text"],
             "why": p["why"]} for p in chosen[:limit]]


def _scope(analysis: Analysis) -> str:
    text = analysis.text
    parts = []
    for label, span in (("open to any conduct", analysis.open_scope), ("political offences", analysis.political),
                        ("a closed list of offences", analysis.closed_scope),
                        ("State agents", analysis.state_agents)):
        if span:
            parts.append(f"{label} (“{text[span[0]:span[1]]}”)")
    for why, start, end in analysis.vague[:1]:
        parts.append(f"unclear: {why} (“{text[start:end]}”)")
    return "; ".join(parts) or "not limited by the text to any list of offences"


def explanation(analysis: Analysis, excluded: set[str], missing: list[str], rules: Ruleset,
                language: str | None, grant: tuple[int, int] | None = None) -> dict:
    language = language or detect_language(analysis.text)
    g_start, g_end = grant or (analysis.grants[0].start, analysis.grants[0].end)
    spans = [{"start": g_start, "end": g_end, "kind": "grant"}]
    for span in (analysis.open_scope, analysis.political, analysis.closed_scope, analysis.state_agents):
        if span:
            spans.append({"start": span[0], "end": span[1], "kind": "scope"})
    spans += [{"start": s, "end": e, "kind": "exclusion"} for s, e in analysis.exclusion_spans.values()]
    spans += [{"start": s, "end": e, "kind": kind} for s, e, kind in analysis.spans]
    order = [c.key for c in rules.categories]
    norms = list(rules.norms["core"])
    if "sexual_violence" in missing:
        norms.append(rules.norms["sexual_violence"])
    return {
        "grant": {"text": analysis.text[g_start:g_end], "start": g_start, "end": g_end},
        "scope": _scope(analysis),
        "excluded": [k for k in order if k in excluded],
        "missing": list(missing),
        "spans": sorted(spans, key=lambda s: (s["start"], s["end"])),
        "norms": norms,
        "cure": cure(missing, excluded, rules, language),
        "precedents": precedents(missing, language) if missing else [],
    }
