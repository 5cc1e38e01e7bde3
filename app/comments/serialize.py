"""JSON shapes of submissions: a party never learns who in another party wrote what."""
from ..processes.permissions import Access
from ..public_ids import encode
from ..rounds.textdiff import word_diff
from .models import InternalNote, Kind, Submission
from .queries import round_text_of, written_in
from .permissions import can_see_thread, sees_author_of, sees_lateness, sees_team_names, visible_replies


def _when(value):
    return value.isoformat() if value else None


def submission_json(access: Access, s: Submission) -> dict:
    own = s.party_id == access.party_id
    thread = can_see_thread(access, s)
    disposition = s.disposition
    data = {
        "id": s.public_id, "kind": s.kind.value, "body": s.body, "proposed_text": s.proposed_text,
        "language": written_in(s),
        "status": s.status.value, "round": s.round.number, "clause_id": encode("clause", s.clause_id),
        "party": s.party.name, "own": own, "shared": s.shared_with_all,
        # Names of people are for the team and the author's own party only.
        "author": s.author.name if sees_author_of(access, s) and s.author else None,
        "created_at": _when(s.created_at), "submitted_at": _when(s.submitted_at),
        "disposition": None if disposition is None or not thread else {
            "decision": disposition.decision.value, "reason": disposition.reason,
            "decided_at": _when(disposition.created_at)},
        "replies": [{"id": r.public_id, "body": r.body, "from_team": r.from_team,
                     "author": ("Mediation team" if r.from_team and not sees_team_names(access)
                                else (r.author.name if r.author else None)),
                     "created_at": _when(r.created_at),
                     **({"shared": r.shared_with_all} if sees_team_names(access) else {})}
                    for r in visible_replies(access, s)],
    }
    if thread:              # whether every party's delegates read it (joint mode when made)
        data["made_in_joint"] = s.made_in_joint
    if sees_lateness(access):
        data["late"] = s.late
    if s.kind == Kind.proposal:
        # Against the wording the party saw when it proposed, not today's draft.
        data["redline"] = [[op, t] for op, t in word_diff(round_text_of(s), s.proposed_text or "")]
    return data


def note_json(note: InternalNote) -> dict:
    return {"id": note.public_id, "body": note.body,
            "author": note.author.name if note.author else None, "word_author": note.word_author,
            "created_at": _when(note.created_at)}
