"""Loads the rule data in app/compliance/rules/ and compiles it once."""
import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .normalise import normalise_arabic

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
ENGINE_VERSION = "2"
FLAGS = re.IGNORECASE | re.UNICODE
_AR = "\u0621-\u064a"
# {p}: an Arabic word start with its attached prefixes (و ف, then ب ل ك, then ال; or لل).
_MACROS = {"{p}": rf"(?<![{_AR}])(?:[وف]?(?:لل|[بك]?ال|[بلك])?)", "{e}": rf"(?![{_AR}])"}


@dataclass(frozen=True)
class Grant:
    family: str
    lang: str
    regex: re.Pattern


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    names: dict
    regex: re.Pattern
    part_of: str | None


@dataclass(frozen=True)
class Ruleset:
    citations: dict
    norms: dict
    labels: dict
    prefilter: re.Pattern            # word-initial Latin stems, on casefolded text
    grants: tuple[Grant, ...]
    not_if: dict            # family -> compiled pattern
    limitation_needs: re.Pattern
    functional: re.Pattern
    state_agents: re.Pattern
    definitions: re.Pattern
    granting: re.Pattern
    prohibitions: tuple[re.Pattern, ...]
    prohibition_list: re.Pattern
    exclusion_markers: re.Pattern
    open_scope: re.Pattern
    closed_scope: re.Pattern
    political_offences: re.Pattern
    categories: tuple[Category, ...]
    required: tuple[str, ...]
    core: tuple[str, ...]
    vague: tuple[tuple[str, re.Pattern], ...]
    remedy_bar: re.Pattern
    remedy_preserved: re.Pattern
    international_courts: re.Pattern
    courts_bar: re.Pattern
    cure: dict

    def may_apply(self, folded: str, arabic: bool = False) -> bool:
        """Whether any rule can act on this casefolded, normalised text."""
        if arabic:
            return True     # Arabic words take prefixes and many forms: read every Arabic clause
        return self.prefilter.search(folded) is not None

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)


def expand(pattern: str) -> str:
    """A rule pattern as the engine runs it: shorthands expanded, Arabic normalised."""
    for macro, value in _MACROS.items():
        pattern = pattern.replace(macro, value)
    return normalise_arabic(pattern)


def _compile(pattern: str) -> re.Pattern:
    return re.compile(expand(pattern), FLAGS)


def _read(name: str) -> dict:
    return tomllib.loads((RULES_DIR / name).read_text(encoding="utf-8"))


@cache
def load_ruleset() -> Ruleset:
    data, cats = _read("amnesty.toml"), _read("categories.toml")
    return Ruleset(
        citations=data["citations"],
        norms=data["norms"],
        labels=data["labels"],
        # This gates every clause of a treaty: one word-anchored alternation of literals
        # on casefolded text, cheaper per character than the rules themselves.
        prefilter=re.compile(r"\b(?:" + "|".join(sorted((re.escape(s.casefold()) for s in data["prefilter"]),
                                                         key=len, reverse=True)) + ")"),
        grants=tuple(Grant(g["family"], g["lang"], _compile(g["pattern"])) for g in data["grants"]),
        not_if={family: _compile(p) for family, p in data["not_if"].items()},
        limitation_needs=_compile(data["limitation_needs"]["pattern"]),
        functional=_compile(data["functional"]["pattern"]),
        state_agents=_compile(data["state_agents"]["pattern"]),
        definitions=_compile(data["definitions"]["pattern"]),
        granting=_compile(data["granting"]["pattern"]),
        prohibitions=tuple(_compile(p["pattern"]) for p in data["prohibitions"]),
        prohibition_list=_compile(data["prohibition_list"]["pattern"]),
        exclusion_markers=_compile(data["exclusion_markers"]["pattern"]),
        open_scope=_compile(data["open_scope"]["pattern"]),
        closed_scope=_compile(data["closed_scope"]["pattern"]),
        political_offences=_compile(data["political_offences"]["pattern"]),
        categories=tuple(Category(c["key"], c["names"]["en"], c["names"], _compile(c["pattern"]), c.get("part_of"))
                         for c in cats["categories"]),
        required=tuple(cats["required"]),
        core=tuple(cats["core"]),
        vague=tuple((v["why"], _compile(v["pattern"])) for v in data["vague"]),
        remedy_bar=_compile(data["remedy"]["bar"]),
        remedy_preserved=_compile(data["remedy"]["preserved"]),
        international_courts=_compile(data["courts"]["international"]),
        courts_bar=_compile(data["courts"]["bar"]),
        cure=cats["cure"],
    )


def ruleset_version() -> str:
    """Changes whenever a rule file or the engine version changes."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for path in sorted(p for p in RULES_DIR.iterdir() if p.suffix in (".json", ".toml", ".jsonl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
