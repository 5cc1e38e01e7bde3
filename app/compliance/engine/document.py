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


def check_document(clauses: list[dict]) -> dict:
    """Findings per clause id for clauses given in document order."""
    return check_clauses(clauses, [c["id"] for c in clauses],
                         lambda ids, by_id={c["id"]: c for c in clauses}: {i: by_id[i].get("text") for i in ids})


def check_clauses(clauses: list[dict], judged, read_texts) -> dict:
    """Findings per clause id for the clauses `judged` of a document whose clauses are
    given in document order (id, number, section, label; their text is not needed).

    Texts are read through `read_texts(ids) -> {id: text}` only for the clauses judged and,
    for those that grant relief, the clauses they may borrow exclusions from (those they
    refer to and the rest of their section): a clause is judged exactly as in a pass over
    the whole document, while an incremental re-check reads a few sections, not all."""
    rules = load_ruleset()
    known = {c["id"]: c for c in clauses}
    by_section: dict = {}
    for c in clauses:
        if c.get("section") is not None:
            by_section.setdefault(c["section"], []).append(c["id"])
    analyses: dict = {}

    def analyse_all(ids) -> None:
        wanted = [i for i in dict.fromkeys(ids) if i not in analyses]
        if wanted:
            texts = read_texts(wanted)
            for i in wanted:
                analyses[i] = _analysis_of(texts.get(i) or "")

    judged = [i for i in dict.fromkeys(judged) if i in known]
    analyse_all(judged)
    # Only a grant borrows, through the article index: a pass with none skips building it.
    articles, annexes = _index(clauses) if any(analyses[i].grants for i in judged) else ({}, {})
    borrowed = []
    for cid in judged:
        analysis = analyses[cid]
        if analysis.grants:
            clause = known[cid]
            borrowed += [target for ref in analysis.references
                         if (target := (annexes if ref.kind == "annex" else articles).get(ref.key)) is not None]
            borrowed += by_section.get(clause.get("section"), ())
    analyse_all(borrowed)
    results: dict = {}
    for cid in judged:
        clause, analysis = known[cid], analyses[cid]
        excluded = set(analysis.excluded)
        if analysis.grants:
            for target, wholesale in _dependencies(clause, analysis, analyses, by_section, articles, annexes):
                other = analyses[target]
                excluded |= other.mentioned if wholesale else (other.excluded | other.refuses)
        results[cid] = judge(analysis, excluded, rules, clause.get("language") or clause.get("lang"))
    return results


def referenced_ids(clauses: list[dict]) -> dict:
    """For each clause id, the ids of clauses whose text its findings depend on."""
    analyses, by_section, articles, annexes = _prepare(clauses)
    return {c["id"]: {target for target, _ in _dependencies(c, analyses[c["id"]], analyses, by_section,
                                                             articles, annexes)}
            for c in clauses}


__all__ = ["check_clauses", "check_document", "referenced_ids", "Finding"]
