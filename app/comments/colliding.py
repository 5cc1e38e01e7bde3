"""Colliding proposals: several proposals on one clause of a round that change the same
words of the round's wording, side by side, and the merge view that builds a compromise
from parts of each (the way Antragsgruen merges colliding amendments and OpenSlides
detects collisions).

Detection is by word ranges against the round text. Each proposal's changes are read as
edits (start, end, replacement) over the round's tokens (`textdiff.tokenize`, the redline's
own tokenizer: words with their combining marks, so Arabic and French read as words),
found by a minimal token alignment (SequenceMatcher, as `applying.py`'s three-way merge
does). The redline's diff (`word_diff`) is not used for detection: its semantic clean-up
absorbs a short kept word between two changes into one change, which would make two
proposals that touch neighbouring, disjoint words look as if they collided.

Two edits collide when their word ranges overlap, or when both insert at one place, or
one inserts strictly inside the other's range (the rule of `applying._collide`); touching
ranges ("brown" and the word after it) do not. Edits linked by collisions form a
*region*; a region holding edits of two or more proposals is a collision (it needs a
choice), one holding a single proposal's edit is a change that can be taken or left. A
clause collides when a region holds edits of two or more parties' proposals.

Proposals are compared within the language they are written in (issue #22), each against
the round's text in that language: a French and an English proposal never collide, and a
compromise built from the French ones is the clause's new French text (the other
languages then to be updated, as when a proposal is applied).

The merge takes, per region, the round's wording, one proposal's wording of that region,
or the team's own text, and the round's wording between regions. Everything here down to
`build_merge` is pure (texts in, texts out); the rest reads and writes.
"""
import hashlib
import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlalchemy import or_, select
from flask_babel import gettext

from ..audit.operations import record_event
from ..drafting.languages import Language, languages_of, version_text
from ..drafting.models import Clause, ClauseVersion, Document
from ..drafting.numbering import article_label
from ..drafting.operations import clean_text
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from ..i18n import N_
from ..models_base import utcnow
from ..processes.permissions import Access
from ..rounds.models import Round
from ..rounds.queries import latest_round, pin_of, round_or_404
from ..rounds.textdiff import count_words, tokenize, word_diff
from .applying import merge_proposal
from .models import BridgingProposal, Decision, Kind, Status, Submission
from .operations import revise_clause, set_disposition
from .permissions import (can_build_compromise, can_release_bridging, sees_bridging_details,
                          visible_bridging_filter)
from ..rounds.operations import record_bridging_release
from ..public_ids import encode


# ---------------------------------------------------------------- detection (pure)

@dataclass(frozen=True)
class Edit:
    start: int          # character offsets into the round text, on token boundaries
    end: int
    replacement: str
    proposal: int       # index into the proposals compared

    @property
    def is_insertion(self) -> bool:
        return self.start == self.end


def proposal_edits(round_text: str, proposed_text: str, proposal: int = 0) -> list[Edit]:
    """The word ranges of the round text a proposal changes, with what it puts there."""
    base, other = tokenize(round_text), tokenize(proposed_text)
    offsets = [0]
    for token in base:
        offsets.append(offsets[-1] + len(token))
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    spans: list[list[int]] = []          # [i1, i2, j1, j2] over tokens
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # A space kept between two changed words is no kept word: "agreed positions" ->
        # "the lines of 1 May" is one change, not two around a shared space.
        if spans and all(not t.strip() for t in base[spans[-1][1]:i1]):
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [Edit(offsets[i1], offsets[i2], "".join(other[j1:j2]), proposal) for i1, i2, j1, j2 in spans]


def edits_collide(a: Edit, b: Edit) -> bool:
    if a.is_insertion and b.is_insertion:
        return a.start == b.start
    if a.is_insertion:
        return b.start < a.start < b.end
    if b.is_insertion:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


@dataclass
class Region:
    start: int
    end: int
    edits: list[Edit]

    @property
    def proposals(self) -> list[int]:
        return sorted({e.proposal for e in self.edits})

    @property
    def colliding(self) -> bool:
        return len(self.proposals) > 1

    def wording(self, round_text: str, proposal: int) -> str:
        """The region as `proposal` words it (the round's words where it changes none)."""
        out, k = [], self.start
        for e in sorted((e for e in self.edits if e.proposal == proposal), key=lambda e: (e.start, e.end)):
            out += [round_text[k:e.start], e.replacement]
            k = e.end
        return "".join(out) + round_text[k:self.end]


def regions_of(edits: list[Edit]) -> list[Region]:
    """The edits linked by collisions (transitively), each group as one region, in text order."""
    parent = list(range(len(edits)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(edits)):
        for j in range(i + 1, len(edits)):
            if edits[i].proposal != edits[j].proposal and edits_collide(edits[i], edits[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Edit]] = {}
    for i, e in enumerate(edits):
        groups.setdefault(find(i), []).append(e)
    regions = [Region(min(e.start for e in g), max(e.end for e in g), sorted(g, key=lambda e: (e.start, e.end)))
               for g in groups.values()]
    return sorted(regions, key=lambda r: (r.start, r.end, r.proposals))


def detect(round_text: str, proposed_texts: list[str]) -> list[Region]:
    """Every region of change of the proposals against the round text."""
    edits = [e for i, text in enumerate(proposed_texts) for e in proposal_edits(round_text, text, i)]
    return regions_of(edits)


def word_range(round_text: str, start: int, end: int) -> tuple[int, int]:
    """The region as word numbers of the round text (0-based, end exclusive)."""
    return count_words(round_text[:start]), count_words(round_text[:end])


ROUND, CUSTOM = "round", "custom"


def build_merge(round_text: str, regions: list[Region], chosen: list[tuple[str, int | str | None]]) -> str:
    """The compromise: per region ("round", None), ("proposal", index) or ("custom", text),
    the round's words between regions."""
    out, k = [], 0
    for region, (how, value) in zip(regions, chosen):
        out.append(round_text[k:region.start])
        if how == "proposal":
            out.append(region.wording(round_text, value))
        elif how == CUSTOM:
            out.append(value)
        else:
            out.append(round_text[region.start:region.end])
        k = region.end
    return "".join(out) + round_text[k:]


def decision_for(regions: list[Region], chosen: list[tuple[str, object]], proposal: int) -> Decision:
    """Accepted when every change of the proposal was taken, not accepted when none was and
    the team wrote no wording of its own where it proposed one, partly accepted otherwise."""
    mine = [(r, c) for r, c in zip(regions, chosen) if proposal in r.proposals]
    taken = sum(1 for _, (how, value) in mine if how == "proposal" and value == proposal)
    if mine and taken == len(mine):
        return Decision.accepted
    if taken == 0 and not any(how == CUSTOM for _, (how, _) in mine):
        return Decision.not_accepted
    return Decision.partly_accepted


# ---------------------------------------------------------------- reading

@dataclass
class Collisions:
    clause: Clause
    round: Round
    round_version: ClauseVersion
    current: ClauseVersion                      # the working draft's wording now
    proposals: list[Submission]                 # those written in `language`
    language: Language                          # the language compared
    languages: list[str]                        # every language the round's proposals are in
    round_text: str                             # the round's and the draft's texts in `language`
    current_text: str
    regions: list[Region] = field(default_factory=list)

    @property
    def colliding(self) -> list[Region]:
        """Regions where two or more parties' proposals change the same words."""
        return [r for r in self.regions
                if len({self.proposals[i].party_id for i in r.proposals}) > 1]

    @property
    def any_colliding(self) -> bool:
        return bool(self.colliding)

    @property
    def fingerprint(self) -> str:
        """What the merge form was built on: the round's wording and the proposals compared.
        A proposal submitted or withdrawn since makes a saved merge stale (409)."""
        raw = json.dumps([self.round_version.id, self.language.code,
                          [(p.public_id, p.proposed_text) for p in self.proposals]])
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def segments(self, proposal: int) -> list[dict]:
        """The proposal's redline against the round, cut at the regions: each segment's
        word-diff operations, and the region (1-based) it belongs to, or None."""
        text, out, k = self.round_text, [], 0
        for n, region in enumerate(self.regions, 1):
            if region.start > k:
                out.append({"region": None, "colliding": False, "ops": [(0, text[k:region.start])]})
            old, new = text[region.start:region.end], region.wording(text, proposal)
            out.append({"region": n, "colliding": region.colliding, "touched": proposal in region.proposals,
                        "ops": word_diff(old, new) if old != new else ([(0, old)] if old else [])})
            k = region.end
        if k < len(text):
            out.append({"region": None, "colliding": False, "ops": [(0, text[k:])]})
        return out

    def parties_in(self, region: Region) -> list[str]:
        return list(dict.fromkeys(self.proposals[i].party.name for i in region.proposals))

    def region_options(self, n: int) -> list[tuple[str, str, str]]:
        """(value, label, wording) for a region's choice: the round's words, then each
        proposal that words it otherwise."""
        region = self.regions[n]
        text = self.round_text
        options = [(ROUND, gettext("The wording of %(round)s", round=self.round.label), text[region.start:region.end])]
        for i in region.proposals:
            p = self.proposals[i]
            options.append((p.public_id, p.party.name, region.wording(text, i)))
        return options


def _in_language(language: Language):
    """Proposals written in `language` (those from before languages were chosen: the lead)."""
    if language.lead:
        return or_(Submission.language == language.code, Submission.language.is_(None))
    return Submission.language == language.code


def _proposals(clause_id: int, round_id: int):
    return (select(Submission).where(Submission.round_id == round_id, Submission.clause_id == clause_id,
                                     Submission.kind == Kind.proposal, Submission.status == Status.submitted,
                                     Submission.proposed_text.is_not(None)))


def proposals_on(clause_id: int, round_id: int, language: Language) -> list[Submission]:
    """The submitted proposals on the clause in the round written in `language`, oldest
    first (the team's view: every party's; no party's request ever reaches here)."""
    return list(db.session.scalars(_proposals(clause_id, round_id).where(_in_language(language))
                                   .order_by(Submission.submitted_at, Submission.id)))


def proposal_languages(document: Document, clause_id: int, round_id: int) -> list[Language]:
    """The document's languages the clause's proposals in the round are written in, in
    the document's order (the lead first)."""
    languages = languages_of(document)
    used = set(db.session.scalars(_proposals(clause_id, round_id).with_only_columns(Submission.language)
                                  .distinct()))
    return [lang for lang in languages if lang.code in used or (lang.lead and None in used)]


def round_for(clause: Clause, number) -> Round:
    """The round named by `number` (None: the latest) that carried the clause; 404 otherwise."""

    round_ = latest_round(clause.document_id) if number is None else round_or_404(clause.document_id, number)
    if round_ is None or pin_of(round_, clause.id) is None:
        raise NotFound("No such round.")
    return round_


def collisions_for(clause: Clause, round_: Round, language: str | None = None) -> Collisions:
    """The collisions among the proposals in `language` (None: the first language holding
    proposals, the lead first). A language the document lacks is a missing page (404)."""
    document = db.session.get(Document, clause.document_id)
    languages = languages_of(document)
    used = proposal_languages(document, clause.id, round_.id)
    if language is None:
        chosen = (used or languages)[0]
    else:
        chosen = next((lang for lang in languages if lang.code == language), None)
        if chosen is None:
            raise NotFound("No such language.")
    pin = pin_of(round_, clause.id)
    round_version = db.session.get(ClauseVersion, pin.version_id)
    current = db.session.get(ClauseVersion, clause.current_version_id)
    proposals = proposals_on(clause.id, round_.id, chosen)
    round_text = version_text(document, round_version, chosen.code) or ""
    regions = detect(round_text, [p.proposed_text for p in proposals])
    return Collisions(clause, round_, round_version, current, proposals, chosen, [lang.code for lang in used],
                      round_text, version_text(document, current, chosen.code) or "", regions)


def colliding_clauses(round_id: int, clause_ids: list[int]) -> dict[int, bool]:
    """clause id -> whether its proposals collide, for the clauses that hold proposals of two
    or more parties in the round (the others cannot collide and are left out)."""
    round_ = db.session.get(Round, round_id)
    document = db.session.get(Document, round_.document_id)
    lead = languages_of(document)[0].code
    rows = db.session.execute(
        select(Submission.clause_id, Submission.party_id, Submission.proposed_text, Submission.version_id,
               Submission.language)
        .where(Submission.round_id == round_id, Submission.clause_id.in_(clause_ids),
               Submission.kind == Kind.proposal, Submission.status == Status.submitted,
               Submission.proposed_text.is_not(None))
        .order_by(Submission.submitted_at, Submission.id)).all()
    # Proposals collide only within one language, against the round's text in it.
    by_clause: dict[tuple, list] = {}
    for row in rows:
        by_clause.setdefault((row.clause_id, row.language or lead), []).append(row)
    parties: dict[int, set] = {}
    for row in rows:
        parties.setdefault(row.clause_id, set()).add(row.party_id)
    out = {cid: False for cid, found in parties.items() if len(found) > 1}
    for (cid, code), subs in by_clause.items():
        if cid not in out or len({s.party_id for s in subs}) < 2:
            continue
        text = version_text(document, db.session.get(ClauseVersion, subs[0].version_id), code) or ""
        regions = detect(text, [s.proposed_text for s in subs])
        if any(len({subs[i].party_id for i in r.proposals}) > 1 for r in regions):
            out[cid] = True
    return out


def collisions_json(c: Collisions) -> dict:
    text = c.round_text
    return {
        "clause_id": c.clause.public_id, "round": c.round.number, "round_version_id": c.round_version.public_id,
        "language": c.language.code, "languages": c.languages,
        "round_text": text, "base_version_id": c.current.public_id, "current_text": c.current_text,
        "fingerprint": c.fingerprint, "colliding": c.any_colliding,
        "proposals": [{"submission_id": p.public_id, "party": p.party.slug, "party_name": p.party.name,
                       "proposed_text": p.proposed_text, "ops": [[op, t] for op, t in word_diff(text, p.proposed_text)]}
                      for p in c.proposals],
        "regions": [{"region": n, "start": r.start, "end": r.end, "words": list(word_range(text, r.start, r.end)),
                     "round_text": text[r.start:r.end], "colliding": r.colliding,
                     "parties_collide": r in c.colliding,
                     "wordings": [{"submission_id": c.proposals[i].public_id, "text": r.wording(text, i)}
                                  for i in r.proposals]}
                    for n, r in enumerate(c.regions, 1)],
    }


# ---------------------------------------------------------------- writing

@dataclass
class MergeSaved:
    text: str
    version: ClauseVersion | None = None
    bridging: BridgingProposal | None = None
    decisions: dict[str, str] = field(default_factory=dict)     # proposal public id -> decision


def _chosen(c: Collisions, choices: dict[str, str], custom: dict[str, str]) -> list[tuple[str, object]]:
    """Each region's choice, from the form or body: {"1": "round" | proposal id | "custom"},
    custom texts {"1": "..."}. A collision needs a choice; a change of one proposal is left
    (the round's words) unless taken."""
    ids = {p.public_id: i for i, p in enumerate(c.proposals)}
    out, missing = [], []
    for n, region in enumerate(c.regions, 1):
        value = choices.get(str(n))
        if value in (None, ""):
            if region.colliding:
                missing.append(n)
                out.append((ROUND, None))
                continue
            value = ROUND
        if value == ROUND:
            out.append((ROUND, None))
        elif value == CUSTOM:
            typed = custom.get(str(n))
            if not isinstance(typed, str):
                raise Invalid(gettext("Region %(num)s: type the team's wording, or choose another.", num=n),
                              extra={"field": f"custom-{n}"})
            out.append((CUSTOM, typed))
        elif value in ids and ids[value] in region.proposals:
            out.append(("proposal", ids[value]))
        else:
            raise Invalid(gettext("Region %(num)s: choose the round's wording, a proposal that changes it, or your own.", num=n),
                          extra={"field": f"choice-{n}"})
    if missing:
        raise Invalid(gettext("Choose a wording for each collision: %(regions)s.",
                              regions=", ".join(gettext("collision %(num)s", num=n) for n in missing)),
                      code="choice_required", extra={"regions": missing})
    return out


def save_merge(access: Access, c: Collisions, *, choices: dict, custom: dict, fingerprint: str | None,
               save_as: str, reason: str, base_version_id: int | None, actor) -> MergeSaved:
    """Saves the compromise as the team's draft wording (`save_as` "draft": a new version
    of the clause answering every proposal compared, with each one's disposition, as
    applying a proposal does) or as a bridging proposal (`save_as` "bridging": hidden from
    every party until the mediator releases it). Refusals write nothing."""
    if not can_build_compromise(access):
        raise Forbidden("Only the mediator and drafters build a compromise from proposals.")
    if save_as not in ("draft", "bridging"):
        raise Invalid("'save_as' must be 'draft' or 'bridging'.", extra={"field": "save_as"})
    if not c.proposals:
        raise Invalid("There are no proposals on this clause in this round to merge.")
    if not fingerprint:
        raise Invalid("'fingerprint' is required: the collisions you saw.", extra={"field": "fingerprint"})
    if fingerprint != c.fingerprint:
        raise Conflict("The proposals on this clause changed since you opened the merge (one was submitted or "
                       "withdrawn): read them again; your choices are kept below.", code="stale_collisions",
                       extra={"fingerprint": c.fingerprint})
    if not (reason or "").strip():
        raise Invalid("Say why, for the record and for the parties.", extra={"field": "reason"})
    chosen = _chosen(c, choices, custom)
    text = clean_text(build_merge(c.round_text, c.regions, chosen), what=N_("The compromise wording"))
    decisions = {p.public_id: decision_for(c.regions, chosen, i) for i, p in enumerate(c.proposals)}
    if save_as == "bridging":
        return MergeSaved(text, bridging=_save_bridging(access, c, text, reason, actor), 
                          decisions={k: v.value for k, v in decisions.items()})
    if base_version_id is None:
        raise Invalid("'base_version_id' is required: the draft's version you saw.", extra={"field": "base_version_id"})
    merge = merge_proposal(c.round_text, c.current_text, text)
    if not merge.clean:
        raise Conflict("The working draft has changed the words this compromise changes since the round: "
                       "adjust it by hand or save it as a bridging proposal.", code="merge_conflict",
                       extra={"merged": text, "conflicts": merge.conflicts})
    version = revise_clause(access, c.clause, merge.text, base_version_id,
                            answers=[p.public_id for p in c.proposals], actor=actor, reason=reason,
                            language=c.language.code, change=True)
    for p in c.proposals:
        set_disposition(access, p, decisions[p.public_id].value, reason, actor=actor)
    return MergeSaved(merge.text, version=version, decisions={k: v.value for k, v in decisions.items()})


def _save_bridging(access: Access, c: Collisions, text: str, note: str, actor) -> BridgingProposal:
    latest = latest_round(c.clause.document_id)
    if latest.id != c.round.id:
        raise Conflict(gettext("%(round)s is no longer the latest round: a bridging proposal goes to the parties "
                               "on %(latest)s.", round=c.round.label, latest=latest.label), code="round_superseded")
    if text == c.round_text:
        raise Invalid("The compromise is the round's own wording: there is nothing to propose.", code="unchanged")
    bridging = BridgingProposal(round_id=c.round.id, clause_id=c.clause.id, version_id=c.round_version.id,
                                text=text, language=None if c.language.lead else c.language.code,
                                note=clean_text(note, what=N_("The note")),
                                answers=json.dumps([p.public_id for p in c.proposals]), created_by_id=actor.id)
    db.session.add(bridging)
    db.session.flush()
    record_event(actor, "bridging.create", bridging, process_id=access.process.id,
                 changes={"public_id": bridging.public_id, "clause_id": c.clause.id, "round": c.round.number,
                          "answers": [p.public_id for p in c.proposals], "language": c.language.code})
    return bridging


def release_bridging(access: Access, bridging: BridgingProposal, *, actor) -> None:
    """Releases a bridging proposal to every party and observer group of the process at
    once, recorded per recipient (rounds.operations.record_bridging_release)."""

    if not can_release_bridging(access):
        raise Forbidden("Only the mediator releases a bridging proposal.")
    if bridging.released_at is not None:
        raise Conflict("This bridging proposal is released already.", code="released")
    round_ = db.session.get(Round, bridging.round_id)
    latest = latest_round(round_.document_id)
    if latest.id != round_.id:
        raise Conflict(gettext("%(round)s is no longer the latest round: this bridging proposal can no longer "
                               "be released.", round=round_.label), code="round_superseded")
    bridging.released_at = utcnow()
    bridging.released_by_id = actor.id
    recipients = record_bridging_release(round_, bridging.public_id, bridging.text, actor=actor)
    record_event(actor, "bridging.release", bridging, process_id=access.process.id,
                 changes={"public_id": bridging.public_id, "round": round_.number, "recipients": recipients})


# ---------------------------------------------------------------- bridging proposals, read

def bridging_by_clause(access: Access, round_id: int, clause_ids: list[int]) -> dict[int, list[BridgingProposal]]:
    """The bridging proposals of the round on these clauses the caller may see (the team:
    all; parties and observers: the released ones)."""
    if not clause_ids:
        return {}
    out: dict[int, list] = {}
    for b in db.session.scalars(select(BridgingProposal).where(
            BridgingProposal.round_id == round_id, BridgingProposal.clause_id.in_(clause_ids),
            visible_bridging_filter(access)).order_by(BridgingProposal.created_at, BridgingProposal.id)):
        out.setdefault(b.clause_id, []).append(b)
    return out


def bridging_language(b: BridgingProposal) -> str:
    """The language code of a bridging proposal's text."""
    round_ = db.session.get(Round, b.round_id)
    return b.language or languages_of(db.session.get(Document, round_.document_id))[0].code


def bridging_round_text(b: BridgingProposal) -> str:
    """The round's text a bridging proposal answers, in the bridging proposal's language."""
    round_ = db.session.get(Round, b.round_id)
    return version_text(db.session.get(Document, round_.document_id), b.version, b.language) or ""


def bridging_json(access: Access, b: BridgingProposal) -> dict:

    round_ = db.session.get(Round, b.round_id)
    out = {"id": b.public_id, "kind": "bridging_proposal", "from": "mediator", "clause_id": encode("clause", b.clause_id),
           "round": round_.number, "language": bridging_language(b), "text": b.text, "note": b.note,
           "ops": [[op, t] for op, t in word_diff(bridging_round_text(b), b.text)],
           "released_at": b.released_at.isoformat() if b.released_at else None}
    if sees_bridging_details(access):
        out.update({"released": b.released_at is not None, "answers": json.loads(b.answers),
                    "created_at": b.created_at.isoformat()})
    return out


def article_of(round_: Round, clause_id: int) -> str:
    pin = pin_of(round_, clause_id)
    return article_label(pin.position + 1) if pin else "Clause"
