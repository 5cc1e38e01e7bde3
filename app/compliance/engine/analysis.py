"""Reading one clause: where it grants amnesty-like relief, what it carves out, what it
refers to. Judging (which findings follow) happens in check.py, once the whole
document is known, because exclusions may stand in other clauses.
"""
import re
from dataclasses import dataclass, field
from functools import cached_property

from .ruleset import Ruleset, load_ruleset
from .sentences import sentence_spans

_REFERENCE = re.compile(
    r"\b(articles?|art\.|art[ií]culos?|paragraphs?|para\.|p[áa]rrafos?|clauses?|cl[áa]usulas?|"
    r"sections?|chapters?|cap[ií]tulos?|chapitres?|annex(?:e|es)?|anexos?|appendix|appendices|"
    r"ap[ée]ndices?)\s+(\d+[a-z]?|[IVXLC]+)\b", re.IGNORECASE)
_SUBJECT_TO = re.compile(r"(?:subject\s+to|in\s+accordance\s+with|as\s+(?:provided|set\s+out|defined)\s+in|"
                         r"listed\s+in|referred\s+to\s+in|sous\s+r[ée]serve|conform[ée]ment|sin\s+perjuicio|"
                         r"conforme|de\s+acuerdo\s+con|nos\s+termos)\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
# Verbs that make a sentence give relief, as opposed to one that only limits an
# amnesty granted elsewhere ("The amnesty shall not apply to genocide ...").
_GRANTING = re.compile(r"\b(?:grant\w*|accord\w*|confer\w*|benefit\w*|enjoy\w*|declar\w*|decree\w*|"
                       r"proclaim\w*|extend\w*\s+to\s+all|apply\s+to\s+all|cover\w*\s+all|conced\w*|"
                       r"otorg\w*|b[ée]n[ée]fici\w*|beneficia\w*|accorde\w*|octroi\w*)\b", re.IGNORECASE)


@dataclass
class GrantHit:
    family: str
    start: int
    end: int
    sentence: tuple[int, int]


@dataclass
class Reference:
    kind: str          # "annex" or "article"
    key: str           # "14", "2", "IV"
    in_exclusion: bool  # the reference itself carves out ("except the crimes in Annex 2")


@dataclass
class Analysis:
    text: str = ""
    grants: list[GrantHit] = field(default_factory=list)
    excluded: set[str] = field(default_factory=set)      # carved out inside this clause
    refuses: set[str] = field(default_factory=set)       # amnesty refused for these (usable by others)
    references: list[Reference] = field(default_factory=list)
    vague: list[tuple[str, int, int]] = field(default_factory=list)
    remedy: tuple[int, int] | None = None
    courts_bar: tuple[int, int] | None = None
    political_only: bool = False

    @cached_property
    def mentioned(self) -> set[str]:
        """Every category the clause names (for an annex that lists excluded crimes);
        computed only when another clause refers to this one."""
        return _categories_in(load_ruleset(), self.text, 0)


def _categories_in(rules: Ruleset, text: str, offset: int, start_at: int = 0) -> set[str]:
    found = set()
    for category in rules.categories:
        for match in category.regex.finditer(text):
            if offset + match.start() >= start_at:
                found.add(category.key)
                break
    return found


def _prohibited_spans(rules: Ruleset, text: str) -> list[tuple[int, int]]:
    """Where the text refuses relief, stretched over a list that goes on naming more
    kinds of relief ("No amnesty ... nor pardon nor equivalent benefit")."""
    spans = []
    for pattern in rules.prohibitions:
        for match in pattern.finditer(text):
            more = rules.prohibition_list.match(text, match.end())
            spans.append((match.start(), more.end() if more else match.end()))
    return spans


def _inside(span: tuple[int, int], spans) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _grant_hits(rules: Ruleset, sentence: str, offset: int, prohibited, marker) -> list[GrantHit]:
    hits = []
    for grant in rules.grants:
        for match in grant.regex.finditer(sentence):
            if _inside(match.span(), prohibited):
                continue
            not_if = rules.not_if.get(grant.family)
            if not_if is not None and not_if.search(sentence):
                continue
            if grant.family == "limitation" and not rules.limitation_needs.search(sentence):
                continue
            if marker is not None and 0 <= marker.start() - match.end() <= 40 \
                    and not _GRANTING.search(sentence[:marker.start()]):
                continue    # "The amnesty shall not apply to ...": limits a grant made elsewhere
            hits.append(GrantHit(grant.family, offset + match.start(), offset + match.end(),
                                 (offset, offset + len(sentence))))
            break
    return hits


def _references(text: str, offset: int, marker_at: int | None) -> list[Reference]:
    refs = []
    for match in _REFERENCE.finditer(text):
        kind = "annex" if match.group(1).lower().startswith(("annex", "anex", "append", "apénd", "apend")) \
            else "article"
        carved = (marker_at is not None and offset + match.start() >= marker_at) \
            or bool(_SUBJECT_TO.search(text[:match.start()]))
        refs.append(Reference(kind, match.group(2).upper(), carved))
    return refs


def analyse(text: str, rules: Ruleset | None = None) -> Analysis:
    """What one clause says about amnesty, sentence by sentence."""
    rules = rules or load_ruleset()
    result = Analysis(text=text)
    if not rules.prefilter.search(text.casefold()):
        return result     # most clauses: nothing amnesty-like, nothing to borrow from them
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        prohibited = _prohibited_spans(rules, sentence)
        marker = rules.exclusion_markers.search(sentence)
        marker_at = start + marker.start() if marker else None
        if prohibited:
            names = _categories_in(rules, sentence, start)
            result.refuses |= names
            result.excluded |= names
        elif marker is not None:
            result.excluded |= _categories_in(rules, sentence, start, start_at=marker_at)
        hits = _grant_hits(rules, sentence, start, prohibited, marker)
        result.grants.extend(hits)
        if marker is not None and not hits:
            # An exclusion-only sentence refuses relief for what it names, for the
            # grants of other clauses too (a general clause of the chapter).
            result.refuses |= _categories_in(rules, sentence, start, start_at=marker_at)
        result.references += _references(sentence, start, marker_at)
        if hits and result.remedy is None:
            remedy = rules.remedy_bar.search(sentence)
            if remedy and not rules.remedy_preserved.search(text):
                result.remedy = (start + remedy.start(), start + remedy.end())
        if result.courts_bar is None and rules.international_courts.search(sentence):
            bar = rules.courts_bar.search(sentence)
            if bar:
                result.courts_bar = (start, end)
    for why, pattern in rules.vague:
        match = pattern.search(text)
        if match:
            result.vague.append((why, match.start(), match.end()))
    first_grant = result.grants[0].sentence if result.grants else None
    result.political_only = bool(first_grant and rules.political_offences.search(text[first_grant[0]:first_grant[1]]))
    return result
