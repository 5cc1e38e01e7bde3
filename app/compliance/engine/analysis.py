"""Reading one clause: where it grants relief from prosecution or punishment, to whom and
for what, what it carves out, where it forbids relief, what it refers to. Judging
(which findings follow) happens in check.py, once the whole document is known, because
exclusions may stand in other clauses.

Negation decides direction: a negated prosecution ("no proceedings shall be
instituted") is a grant, a negated relief ("no amnesty shall be granted", "لا يجوز العفو")
is a prohibition. Prohibition patterns are matched first and every relief word inside
one is not a grant.
"""
import re
from dataclasses import dataclass, field
from functools import cached_property

from .normalise import Normalised, normalise
from .ruleset import Ruleset, load_ruleset
from .sentences import sentence_spans

_REFERENCE = re.compile(
    r"\b(articles?|art\.|art[ií]culos?|artigos?|paragraphs?|para\.|p[áa]rrafos?|clauses?|cl[áa]usulas?|"
    r"sections?|chapters?|cap[ií]tulos?|chapitres?|annex(?:e|es)?|anexos?|appendix|appendices|"
    r"ap[ée]ndices?|المادة|الماده|الملحق)\s+\(?(\d+[a-z]?|[IVXLC]+)\b", re.IGNORECASE)
_SUBJECT_TO = re.compile(r"(?:subject\s+to|in\s+accordance\s+with|as\s+(?:provided|set\s+out|defined)\s+in|"
                         r"listed\s+in|referred\s+to\s+in|sous\s+r[ée]serve|conform[ée]ment|sin\s+perjuicio|"
                         r"conforme|de\s+acuerdo\s+con|nos\s+termos)\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
_NEGATOR = re.compile(r"(?:\b(?:no|not|never|nor|without|ni|ne|non|sans|nunca|sin|nenhum\w*|n[ãa]o|nem|ning[uú]n\w*|"
                      r"aucun\w*)\b|(?<!\S)(?:لا|لن|ليس|غير|عدم)(?!\S))[^.;]{0,40}$", re.IGNORECASE)
_NEGATABLE = ("amnesty", "pardon", "limitation", "immunity")


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
    refuses: set[str] = field(default_factory=set)       # relief refused for these (usable by others)
    references: list[Reference] = field(default_factory=list)
    vague: list[tuple[str, int, int]] = field(default_factory=list)
    remedy: tuple[int, int] | None = None
    courts_bar: tuple[int, int] | None = None
    political: tuple[int, int] | None = None
    open_scope: tuple[int, int] | None = None
    closed_scope: tuple[int, int] | None = None
    state_agents: tuple[int, int] | None = None
    prohibited_families: set[str] = field(default_factory=set)
    limits: list[tuple[int, int]] = field(default_factory=list)      # relief words limited here, granted elsewhere
    spans: list[tuple[int, int, str]] = field(default_factory=list)   # (start, end, kind)
    exclusion_spans: dict = field(default_factory=dict)               # category -> (start, end)

    @cached_property
    def mentioned(self) -> set[str]:
        """Every category the clause names (for an annex that lists excluded crimes);
        computed only when another clause refers to this one."""
        norm = normalise(self.text)
        return set(_categories_in(load_ruleset(), norm.text, 0))


def _categories_in(rules: Ruleset, text: str, offset: int, start_at: int = 0) -> dict:
    """Category key -> (start, end) of its first mention at or after start_at."""
    found = {}
    for category in rules.categories:
        for match in category.regex.finditer(text):
            if offset + match.start() >= start_at:
                found[category.key] = (offset + match.start(), offset + match.end())
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


def _negated(rules: Ruleset, family: str, sentence: str, start: int) -> bool:
    """A relief noun governed by a negator a few words before it, in a sentence with no
    granting verb ("without amnesty", "nor any pardon")."""
    return family in _NEGATABLE and bool(_NEGATOR.search(sentence, max(0, start - 60), start)) \
        and not rules.granting.search(sentence)


def _grant_hits(rules: Ruleset, sentence: str, offset: int, prohibited, marker,
                context: "_Context") -> list[GrantHit]:
    hits = []
    agents = context.agents     # read once for the clause: a sentence adds nothing to it
    for grant in rules.grants:
        for match in grant.regex.finditer(sentence):
            if _inside(match.span(), prohibited):
                continue
            if _negated(rules, grant.family, sentence, match.start()):
                if rules.exclusion_markers.search(sentence, max(0, match.start() - 40), match.start()):
                    context.limits.append((offset + match.start(), offset + match.end()))
                continue
            if grant.family == "immunity" and context.functional and not agents:
                continue    # the clause is about officials' or diplomats' immunities
            not_if = rules.not_if.get(grant.family)
            if not_if is not None and not_if.search(sentence):
                continue
            if grant.family == "limitation" and not rules.limitation_needs.search(sentence):
                continue
            if grant.family != "limitation" and context.functional and not agents \
                    and rules.functional.search(sentence):
                continue    # immunity of officials, monitors, diplomats, members of parliament
            if marker is not None and 0 <= marker.start() - match.end() <= 40 \
                    and not rules.granting.search(sentence[:marker.start()]):
                context.limits.append((offset + match.start(), offset + match.end()))
                continue    # "The amnesty shall not apply to ...": limits a grant made elsewhere
            hits.append(GrantHit(grant.family, offset + match.start(), offset + match.end(),
                                 (offset, offset + len(sentence))))
            break
    return hits


def _references(text: str, offset: int, marker_at: int | None) -> list[Reference]:
    refs = []
    for match in _REFERENCE.finditer(text):
        word = match.group(1).lower()
        kind = "annex" if word.startswith(("annex", "anex", "append", "apénd", "apend", "الملحق")) else "article"
        carved = (marker_at is not None and offset + match.start() >= marker_at) \
            or bool(_SUBJECT_TO.search(text[:match.start()]))
        refs.append(Reference(kind, match.group(2).upper(), carved))
    return refs


def _first(pattern: re.Pattern, text: str, offset: int) -> tuple[int, int] | None:
    match = pattern.search(text)
    return (offset + match.start(), offset + match.end()) if match else None


@dataclass
class _Context:
    """What holds for the whole clause while its sentences are read."""
    agents: bool
    functional: bool
    limits: list


def _read_sentence(rules: Ruleset, result: Analysis, text: str, start: int, end: int, context: _Context) -> None:
    sentence = text[start:end]
    if rules.definitions.search(sentence):
        return      # defines amnesty or empowers an organ to grant one: grants nothing
    prohibited = _prohibited_spans(rules, sentence)
    marker = rules.exclusion_markers.search(sentence)
    marker_at = start + marker.start() if marker else None
    for s, e in prohibited:
        result.spans.append((start + s, start + e, "prohibition"))
        for grant in rules.grants:
            if grant.family in _NEGATABLE and grant.regex.search(sentence, s, e):
                result.prohibited_families.add(grant.family)
    if prohibited:
        names = _categories_in(rules, sentence, start)
    elif marker is not None:
        names = _categories_in(rules, sentence, start, start_at=marker_at)
    else:
        names = {}
    for key, span in names.items():
        result.exclusion_spans.setdefault(key, span)
    result.excluded |= set(names)
    hits = _grant_hits(rules, sentence, start, prohibited, marker, context)
    if prohibited or (marker is not None and not hits):
        # A sentence that refuses relief refuses it for the grants of other clauses too
        # (a general clause of the chapter).
        result.refuses |= set(names)
    result.grants.extend(hits)
    result.references += _references(sentence, start, marker_at)
    if hits:
        scope_text = sentence if marker is None else sentence[:marker.start()]
        result.political = result.political or _first(rules.political_offences, scope_text, start)
        result.open_scope = result.open_scope or _first(rules.open_scope, scope_text, start)
        result.closed_scope = result.closed_scope or _first(rules.closed_scope, scope_text, start)
        result.state_agents = result.state_agents or _first(rules.state_agents, sentence, start)
        if result.remedy is None:
            remedy = rules.remedy_bar.search(sentence)
            if remedy and not rules.remedy_preserved.search(text):
                result.remedy = (start + remedy.start(), start + remedy.end())
    if result.courts_bar is None and rules.international_courts.search(sentence):
        if rules.courts_bar.search(sentence):
            result.courts_bar = (start, end)


def _to_original(result: Analysis, norm: Normalised) -> Analysis:
    """Spans found on the normalised text, moved back onto the clause's own characters."""
    if norm.positions is None:
        return result
    span = norm.span
    for hit in result.grants:
        hit.start, hit.end = span(hit.start, hit.end)
        hit.sentence = span(*hit.sentence)
    for name in ("remedy", "courts_bar", "political", "open_scope", "closed_scope", "state_agents"):
        value = getattr(result, name)
        if value is not None:
            setattr(result, name, span(*value))
    result.vague = [(why, *span(s, e)) for why, s, e in result.vague]
    result.limits = [span(s, e) for s, e in result.limits]
    result.spans = [(*span(s, e), kind) for s, e, kind in result.spans]
    result.exclusion_spans = {k: span(*v) for k, v in result.exclusion_spans.items()}
    return result


def analyse(text: str, rules: Ruleset | None = None) -> Analysis:
    """What one clause says about relief from prosecution, sentence by sentence."""
    rules = rules or load_ruleset()
    result = Analysis(text=text)
    norm = normalise(text)
    if not rules.may_apply(norm.text.casefold(), arabic=norm.positions is not None):
        return result     # most clauses: nothing amnesty-like, nothing to borrow from them
    context = _Context(agents=bool(rules.state_agents.search(norm.text)),
                       functional=bool(rules.functional.search(norm.text)), limits=result.limits)
    for start, end in sentence_spans(norm.text):
        _read_sentence(rules, result, norm.text, start, end, context)
    if result.grants or result.limits:
        for why, pattern in rules.vague:
            match = pattern.search(norm.text)
            if match:
                result.vague.append((why, match.start(), match.end()))
    return _to_original(result, norm)
