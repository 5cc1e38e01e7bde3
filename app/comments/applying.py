"""Accepting a proposal puts its wording into the working draft.

The proposal answers the wording of a round; the draft may have moved on since. The
proposal's changes (round text -> proposed text) are merged into the current draft word
by word (a diff3 over tokens, with the standard library's SequenceMatcher): where the
draft did not touch the same words they apply, and where it did the change is a
conflict, shown to the team beside the two wordings; nothing is applied half-way in
silence. (diff-match-patch's fuzzy patches were tried and rejected: they either put
words in the wrong place or fail on a changed end of text.) Accepting writes the new version, links it as the
answer to the proposal and records the disposition, in one step.

A proposal is written in one of the document's languages (issue #22): it merges with the
round's and the draft's text in that language only, and the new version carries it in
that language as a new change: every other language, the lead included, is then "to be
updated" for it (drafting.languages states the rule).
"""
from dataclasses import dataclass, field

import re
from difflib import SequenceMatcher

from ..drafting.languages import Language, clause_languages, language_of, lead_of, version_text
from ..drafting.models import Clause, ClauseVersion, Document
from ..errors import Conflict, Forbidden, Invalid
from ..extensions import db
from ..processes.permissions import Access
from .models import Decision, Kind, Status, Submission
from .operations import revise_clause, set_disposition
from .permissions import can_apply_proposal


@dataclass
class Merge:
    text: str                                   # the merged wording (the draft itself on conflict)
    conflicts: list[dict] = field(default_factory=list)   # {"round", "proposed"} per clash

    @property
    def clean(self) -> bool:
        return not self.conflicts


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _edits(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """(start, end, replacement) over base tokens: what `other` changed."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _collide(a: tuple, b: tuple) -> bool:
    (ai, aj, _), (bi, bj, _) = a, b
    if ai == aj and bi == bj:                   # two insertions: only at the same place
        return ai == bi
    if ai == aj:
        return bi < ai < bj
    if bi == bj:
        return ai < bi < aj
    return ai < bj and bi < aj


def merge_proposal(round_text: str, current_text: str, proposed_text: str) -> Merge:
    """Three-way merge by words: the proposal's changes to the round's wording applied to
    the current draft where the draft left those words alone. Where both changed the same
    words (or inserted at the same place) that change is a conflict, and none of the
    proposal is applied: the draft's wording stays for the team to merge by hand."""
    if current_text == round_text:
        return Merge(proposed_text)
    if current_text == proposed_text:
        return Merge(current_text)
    base = _tokens(round_text)
    ours, theirs = _edits(base, _tokens(current_text)), _edits(base, _tokens(proposed_text))
    conflicts, accepted = [], []
    for edit in theirs:
        clash = [o for o in ours if _collide(o, edit)]
        if not clash:
            accepted.append(edit)
        elif not all(o == edit for o in clash):
            i, j, replacement = edit
            conflicts.append({"round": "".join(base[i:j]), "proposed": "".join(replacement)})
    if conflicts:       # a proposal is one change: half of it (one bracket of two) is worse than none
        return Merge(current_text, conflicts)
    out, k = [], 0
    for i, j, replacement in sorted(ours + accepted, key=lambda e: (e[0], e[1] != e[0])):
        if i < k:                                # the draft's own edit equal to the proposal's
            continue
        out += base[k:i] + replacement
        k = j
    return Merge("".join(out + base[k:]), conflicts)


@dataclass
class Applied:
    version: ClauseVersion
    decision: Decision
    language: str           # the proposal's language
    text: str               # the new version's text in it


def proposal_language(document: Document, submission: Submission) -> Language:
    """The language the proposal is written in (None, from before languages: the lead)."""
    return language_of(document, submission.language) or lead_of(document)


@dataclass
class MergeFor:
    clause: Clause
    current: ClauseVersion
    language: Language
    round_text: str             # the texts in the proposal's language
    current_text: str
    merge: Merge


def merge_for(submission: Submission) -> MergeFor:
    """The clause, its current version and the merge of the proposal into it, all in the
    proposal's language."""
    clause = db.session.get(Clause, submission.clause_id)
    document = db.session.get(Document, clause.document_id)
    current = db.session.get(ClauseVersion, clause.current_version_id)
    answered = db.session.get(ClauseVersion, submission.version_id)
    language = proposal_language(document, submission)
    round_text = version_text(document, answered, language.code) or ""
    current_text = version_text(document, current, language.code) or ""
    return MergeFor(clause, current, language, round_text, current_text,
                    merge_proposal(round_text, current_text, submission.proposed_text or ""))


def merge_report(submission: Submission) -> dict:
    """What the team sees before applying: the three wordings in the proposal's language,
    the merge, the conflicts, and the languages applying it leaves to be updated."""
    found = merge_for(submission)
    document = db.session.get(Document, found.clause.document_id)
    texts = clause_languages(document, found.current)
    return {"clause_id": found.clause.public_id, "base_version_id": found.current.public_id,
            "language": found.language.code, "lead": found.language.lead,
            "to_be_updated": next(t["to_be_updated"] for t in texts if t["code"] == found.language.code)
            if len(texts) > 1 else False,
            "others_to_be_updated": [t["code"] for t in texts if t["code"] != found.language.code],
            "round_text": found.round_text, "current_text": found.current_text,
            "proposed_text": submission.proposed_text,
            "merged": found.merge.text, "clean": found.merge.clean, "conflicts": found.merge.conflicts}


def apply_proposal(access: Access, submission: Submission, *, base_version_id: int, reason: str,
                   text: str | None = None, actor) -> Applied:
    """Accept (`text` None: the merged wording) or partly accept (`text`: the team's
    adjusted wording) a proposal, as a new version answering it, in the proposal's
    language (the others then to be updated)."""
    if not can_apply_proposal(access):
        raise Forbidden("Only the mediator and drafters apply proposals.")
    if submission.kind != Kind.proposal or submission.status != Status.submitted:
        raise Invalid("Only a submitted proposal can be applied.")
    if base_version_id is None:
        raise Invalid("'base_version_id' is required: the draft's version you saw.",
                      extra={"field": "base_version_id"})
    if not (reason or "").strip():
        raise Invalid("Say why, for the record and for the party.", extra={"field": "reason"})
    found = merge_for(submission)
    merge = found.merge
    if text is None:
        if not merge.clean:
            raise Conflict("The draft has changed the words this proposal changes: merge them by hand "
                           "(partly accept) or decide without applying.", code="merge_conflict",
                           extra={"merged": merge.text, "conflicts": merge.conflicts})
        text, decision = merge.text, Decision.accepted
    else:
        decision = Decision.partly_accepted
    version = revise_clause(access, found.clause, text, base_version_id, answers=[submission.public_id],
                            actor=actor, reason=reason, language=found.language.code, change=True)
    set_disposition(access, submission, decision.value, reason, actor=actor)
    document = db.session.get(Document, found.clause.document_id)
    return Applied(version, decision, found.language.code, version_text(document, version, found.language.code))
