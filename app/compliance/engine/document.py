"""Checking a whole document: exclusions borrowed from referenced and general clauses."""
from functools import lru_cache

from .analysis import Analysis, analyse
from .check import judge
from .findings import Finding
from .ruleset import load_ruleset


def _index(clauses: list[dict]) -> tuple[dict, dict]:
    """Lookup of referable clauses: article numbers and annex labels -> clause id."""
    articles, annexes = {}, {}
    for clause in clauses:
        if clause.get("number") not in (None, ""):
            articles[str(clause["number"]).upper()] = clause["id"]
        label = (clause.get("label") or "").strip()
        if label:
            word, _, key = label.rpartition(" ")
            target = annexes if word.lower().startswith(("annex", "anex", "append")) else articles
            target[key.upper()] = clause["id"]
    return articles, annexes


def _dependencies(clause: dict, analysis: Analysis, analyses: dict, by_section: dict,
                  articles: dict, annexes: dict) -> list[tuple[str, bool]]:
    """(clause id, carves out wholesale) for every clause this one may borrow from."""
    found = []
    for ref in analysis.references:
        target = (annexes if ref.kind == "annex" else articles).get(ref.key)
        if target is not None and target != clause["id"]:
            found.append((target, ref.in_exclusion))
    for other in by_section.get(clause.get("section"), ()):
        if other != clause["id"] and analyses[other].refuses and not analyses[other].grants:
            found.append((other, False))
    return found


@lru_cache(maxsize=100_000)
def _analysis_of(text: str) -> Analysis:
    """Analyses depend on the text alone: re-checking a large document after one edit
    re-reads only the clauses whose wording is new to this process."""
    return analyse(text)


def _prepare(clauses: list[dict]):
    analyses = {c["id"]: _analysis_of(c.get("text") or "") for c in clauses}
    by_section: dict = {}
    for c in clauses:
        if c.get("section") is not None:
            by_section.setdefault(c["section"], []).append(c["id"])
    articles, annexes = _index(clauses)
    return analyses, by_section, articles, annexes


class Layout:
    """A document's clauses as the engine reads them (id, number, section; no texts), in
    document order, with the lookups a check builds from them: by id, by section, and
    the article and annex index (built on first use, only when a judged clause grants
    relief). Built once, it serves every pass over the same outline."""

    def __init__(self, clauses: list[dict]):
        self.clauses = clauses
        self.known = {c["id"]: c for c in clauses}
        self.by_section: dict = {}
        for c in clauses:
            if c.get("section") is not None:
                self.by_section.setdefault(c["section"], []).append(c["id"])
        self._index = None

    @property
    def index(self) -> tuple[dict, dict]:
        if self._index is None:
            self._index = _index(self.clauses)
        return self._index

    def borrowed_by(self, clause_id, analysis: Analysis) -> list:
        """The clauses a grant of relief may borrow exclusions from: those it refers to
        and the rest of its section."""
        articles, annexes = self.index
        found = [target for ref in analysis.references
                 if (target := (annexes if ref.kind == "annex" else articles).get(ref.key)) is not None]
        return found + list(self.by_section.get(self.known[clause_id].get("section"), ()))


def check_document(clauses: list[dict]) -> dict:
    """Findings per clause id for clauses given in document order."""
    return check_clauses(clauses, [c["id"] for c in clauses],
                         lambda ids, by_id={c["id"]: c for c in clauses}: {i: by_id[i].get("text") or ""
                                                                           for i in ids})


def check_clauses(clauses, judged, read_texts, *, language: str | None = None,
                  borrowers=(), changed: set | None = None) -> dict:
    """Findings per clause id for the clauses `judged` of a document whose clauses are
    given in document order (a Layout, or a list of dicts: id, number, section, label;
    their text is not needed).

    Texts are read through `read_texts(ids) -> {id: text}` only for the clauses judged and,
    for those that grant relief, the clauses they may borrow exclusions from (those they
    refer to and the rest of their section): a clause is judged exactly as in a pass over
    the whole document, while an incremental re-check reads a few sections, not all. A
    clause whose text reads as None has no text in this language: it is not judged and
    lends nothing, as if it were not in this language's document.

    `borrowers` (clauses whose own texts did not change) are judged only if they grant
    relief and may borrow from a clause in `changed` (every clause, when `changed` is
    None): nothing else can change their findings."""
    rules = load_ruleset()
    layout = clauses if isinstance(clauses, Layout) else Layout(clauses)
    known, by_section = layout.known, layout.by_section
    analyses: dict = {}
    absent: set = set()

    def analyse_all(ids) -> None:
        wanted = [i for i in dict.fromkeys(ids) if i not in analyses]
        if wanted:
            texts = read_texts(wanted)
            for i in wanted:
                text = texts.get(i)
                if text is None:
                    absent.add(i)
                analyses[i] = _analysis_of(text or "")

    judged = [i for i in dict.fromkeys(judged) if i in known]
    own = set(judged)
    others = [i for i in dict.fromkeys(borrowers) if i in known and i not in own]
    analyse_all(judged + others)
    for cid in others:
        if analyses[cid].grants and (changed is None or not changed.isdisjoint(layout.borrowed_by(cid, analyses[cid]))):
            judged.append(cid)
    judged = [i for i in judged if i not in absent]
    # Only a grant borrows, through the article index: a pass with none never builds it.
    granting = [cid for cid in judged if analyses[cid].grants]
    articles, annexes = layout.index if granting else ({}, {})
    analyse_all([target for cid in granting for target in layout.borrowed_by(cid, analyses[cid])])
    results: dict = {}
    for cid in judged:
        clause, analysis = known[cid], analyses[cid]
        excluded = set(analysis.excluded)
        if analysis.grants:
            for target, wholesale in _dependencies(clause, analysis, analyses, by_section, articles, annexes):
                other = analyses[target]
                excluded |= other.mentioned if wholesale else (other.excluded | other.refuses)
        results[cid] = judge(analysis, excluded, rules, language or clause.get("language") or clause.get("lang"))
    return results


def referenced_ids(clauses: list[dict]) -> dict:
    """For each clause id, the ids of clauses whose text its findings depend on."""
    analyses, by_section, articles, annexes = _prepare(clauses)
    return {c["id"]: {target for target, _ in _dependencies(c, analyses[c["id"]], analyses, by_section,
                                                             articles, annexes)}
            for c in clauses}


__all__ = ["Layout", "check_clauses", "check_document", "referenced_ids", "Finding"]
