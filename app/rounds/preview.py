"""A safe circulation: what the next round would be, before it is circulated.

The preview reads the working draft through the pins circulation would write
(`queries.pending_pins` / `pending_sections`, the same selects `operations` inserts
from) and answers a party's view of it through the serializer that serves a party's
read of a round afterwards (`drafting.serialize.document_json`): the preview as a
party is what that party will get, byte for byte in its sections, not a similar page.
Every party and observer group receives the same text of a round; what differs per
recipient is only who they are (and nothing of the team's: findings, notes and
submissions stay out of the party's view).

The confirmation names the counts (clauses changed since the latest round, open
findings on the wording that would go out); the circulate form sends them back, and
circulation compares them with the counts of the round it pins (`check_counts`): a
missing confirmation, or one of counts that moved since the mediator read them, is
refused with nothing written.
"""
from dataclasses import dataclass
from flask_babel import gettext, ngettext

from ..compliance.gate import describe, held_findings
from ..database import column_rows
from ..drafting.serialize import document_json, rounds_json
from ..errors import Conflict, Invalid, NotFound
from ..processes.models import Party
from .diffing import ClauseDiff, _pins, summary_of, texts_of, title_ops_of, titles_of
from .models import Round
from .permissions import languages_received
from .queries import pending_outline, pending_pins, rounds_of
from .roundcompare import PinnedClause, compare_pins
from .textdiff import word_diff
from ..drafting.languages import in_language, languages_of, stale_counts, stale_in_draft


@dataclass
class CirculationPreview:
    latest: Round | None
    number: int                    # the number the next round would get
    diffs: list[ClauseDiff]        # changed clauses only, in the new order
    summary: dict
    findings: list[dict]           # open violations and warnings, described (gate.describe)

    @property
    def clauses_changed(self) -> int:
        if self.latest is None:
            return self.summary.get("added", 0)
        return self.summary.get("clauses_changed", 0)

    @property
    def counts(self) -> dict:
        return {"clauses_changed": self.clauses_changed, "open_findings": len(self.findings)}

    @property
    def confirmation(self) -> str:
        """What the circulate form's confirmation box sends: the counts it named."""
        return counts_token(self.clauses_changed, len(self.findings))


def recipients(document) -> list[Party]:
    """Every party and observer group of the process: each receives the round."""
    return sorted(document.process.parties, key=lambda p: (p.kind.value != "party", p.name))


def recipient_or_404(document, slug) -> Party:
    party = next((p for p in document.process.parties if p.slug == slug), None) if isinstance(slug, str) else None
    if party is None:
        raise NotFound("No such party or observer group in this process.")
    return party


def _pending_pins(document_id: int) -> list[PinnedClause]:
    return list(map(PinnedClause._make, column_rows(pending_pins(document_id).order_by(None))))


def preview_circulation(document) -> CirculationPreview:
    """The diff of the working draft against the latest round (changed clauses only),
    its summary as the round would store it, and the findings the gate would hold."""
    rounds = rounds_of(document.id)
    latest = rounds[-1] if rounds else None
    pending = sorted(_pending_pins(document.id), key=lambda p: p.position)
    changes = compare_pins(_pins(latest) if latest else [], pending)
    changes = [c for c in changes if c.change != "unchanged"]
    summary = summary_of(changes)
    if latest is None:
        summary["first_round"] = True
    stale = stale_in_draft(document)
    if stale:       # authentic texts to be updated (issue #22), as the round would record them
        summary["to_be_updated"] = stale_counts(stale)
    versions = {v for c in changes for v in (c.old_version_id, c.new_version_id) if v is not None}
    texts, titles = texts_of(versions), titles_of(versions)
    diffs = []
    for c in changes:
        old, new = texts.get(c.old_version_id, ""), texts.get(c.new_version_id, "")
        ops = (word_diff(old, new) if c.change == "modified" else [(1, new)] if c.change == "added"
               else [(-1, old)] if c.change == "removed" else [(0, new)])
        position = c.new_position if c.new_position is not None else c.old_position
        diffs.append(ClauseDiff(c, position + 1 if position is not None else None, ops,
                                title_ops_of(c.change, titles.get(c.old_version_id), titles.get(c.new_version_id))))
    findings = describe(document, held_findings(document, {p.version_id for p in pending}))
    return CirculationPreview(latest, (latest.number if latest else 0) + 1, diffs, summary, findings)


def received_by(document, party: Party) -> dict:
    """What `party` will receive for the next round, as GET /documents/{id} will answer
    it once circulated (the new round's date is not known yet: null)."""
    rounds = rounds_of(document.id)
    number = (rounds[-1].number if rounds else 0) + 1
    # The languages it will hear of, not every language of the document: one only the
    # working draft has a text in stays the team's until a round carries it. With two or
    # more, each clause says whether its text is to be updated, as the party's read does.
    languages = languages_received(document, languages_of(document))
    outline = pending_outline(document.id)
    if len(languages) > 1:
        outline = in_language(outline, document, languages[0].code)
    return document_json(document, round_number=number,
                         rounds=rounds_json(rounds) + [{"number": number, "circulated_at": None}],
                         outline=outline, languages=languages)


def counts_token(clauses_changed: int, open_findings: int) -> str:
    return f"{clauses_changed}:{open_findings}"


def check_counts(clauses_changed: int, open_findings: int, confirmed: str | None) -> None:
    """The circulate form's confirmation must name the counts of the round as it is being
    pinned (operations.circulate_round calls this with the round's own counts)."""
    clauses = ngettext("%(num)s changed clause", "%(num)s changed clauses", clauses_changed)
    findings = ngettext("%(num)s open finding", "%(num)s open findings", open_findings)
    if not confirmed:
        raise Invalid(gettext("Confirm that you circulate %(clauses)s and %(findings)s (tick the box).",
                              clauses=clauses, findings=findings), code="confirmation_required")
    if confirmed != counts_token(clauses_changed, open_findings):
        raise Conflict(gettext("The draft changed since you confirmed it: it now has %(clauses)s and "
                               "%(findings)s. Read the preview again.", clauses=clauses, findings=findings),
                       code="confirmation_stale")
