"""Loads the rule data in app/compliance/rules/ and compiles it once."""
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
ENGINE_VERSION = "1"
FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Grant:
    family: str
    lang: str
    regex: re.Pattern


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    regex: re.Pattern
    part_of: str | None


@dataclass(frozen=True)
class Ruleset:
    citations: dict
    prefilter: re.Pattern
    grants: tuple[Grant, ...]
    not_if: dict            # family -> compiled pattern
    limitation_needs: re.Pattern
    prohibitions: tuple[re.Pattern, ...]
    prohibition_list: re.Pattern
    exclusion_markers: re.Pattern
    categories: tuple[Category, ...]
    required: tuple[str, ...]
    political_offences: re.Pattern
    vague: tuple[tuple[str, re.Pattern], ...]
    remedy_bar: re.Pattern
    remedy_preserved: re.Pattern
    international_courts: re.Pattern
    courts_bar: re.Pattern

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, FLAGS)


@cache
def load_ruleset() -> Ruleset:
    data = json.loads((RULES_DIR / "amnesty.json").read_text(encoding="utf-8"))
    return Ruleset(
        citations=data["citations"],
        # Matched against casefolded text, case-sensitively: eight times faster than
        # IGNORECASE on a long alternation (it gates every clause of a treaty).
        prefilter=re.compile(data["prefilter"].casefold(), re.UNICODE),
        grants=tuple(Grant(g["family"], g["lang"], _compile(g["pattern"])) for g in data["grants"]),
        not_if={family: _compile(p) for family, p in data["not_if"].items()},
        limitation_needs=_compile(data["limitation_needs"]),
        prohibitions=tuple(_compile(p["pattern"]) for p in data["prohibitions"]),
        prohibition_list=_compile(data["prohibition_list"]),
        exclusion_markers=_compile(data["exclusion_markers"]),
        categories=tuple(Category(c["key"], c["name"], _compile(c["pattern"]), c.get("part_of"))
                         for c in data["categories"]),
        required=tuple(data["required"]),
        political_offences=_compile(data["political_offences"]),
        vague=tuple((v["why"], _compile(v["pattern"])) for v in data["vague"]),
        remedy_bar=_compile(data["remedy_bar"]),
        remedy_preserved=_compile(data["remedy_preserved"]),
        international_courts=_compile(data["international_courts"]),
        courts_bar=_compile(data["courts_bar"]),
    )


def ruleset_version() -> str:
    """Changes whenever a rule file or the engine version changes."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for path in sorted(RULES_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
