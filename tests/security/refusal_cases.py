"""Every refusal of every write route (POST, PUT, PATCH, DELETE; HTML and API), as data:
test_refusals.py sends each one and checks that the database did not change.

A new write route fails test_every_write_route_has_refusal_cases until its refusals are
listed here. Each Case names who asks (a key of the world's users, None for anonymous),
the URL and body (functions of the Scene, tests/security/scene.py), the status the
refusal answers, and, for HTML forms that send the user back, `kept`: typed text that
must come back on the page the refusal redirects to.
"""
import hashlib
import io
from dataclasses import dataclass, field
from typing import Callable

from docx import Document as WordDocument

from tests.helpers import pid


@dataclass
class Case:
    who: str | None
    url: Callable
    body: Callable | dict | None = None
    status: int = 422
    why: str = ""
    kept: tuple[str, ...] = ()          # typed values the redirect's page must show again
    keeps: dict = field(default_factory=dict)   # rows a refusal keeps on purpose: {table: +n}
    files: Callable | None = None       # multipart uploads: scene -> {name: (bytes, filename)}

    def resolve(self, scene):
        body = self.body(scene) if callable(self.body) else self.body
        return self.url(scene), body


def word_file(*blocks: tuple[str, list[str]]) -> bytes:
    """A Word file as a person makes one: headings, then numbered paragraphs typed."""
    document = WordDocument()
    for heading, paragraphs in blocks:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The second section's article is over the 20,000-character limit: the import is refused
# whole, with nothing of the first section written.
HALF_BAD_WORD = word_file(("General provisions", ["1. The Parties commit to a lasting peace.",
                                                  "2. A ceasefire shall hold."]),
                          ("Security", ["3. Forces shall withdraw. " + "Withdrawal continues. " * 1000]))
GOOD_WORD = word_file(("Annex", ["1. The Parties shall meet monthly.", "2. Minutes shall be kept."]))


def notification_of(scene, who: str) -> int:
    """The user's first notification (the scene circulates rounds to the parties)."""
    from sqlalchemy import select

    from app.extensions import db
    from app.notifications.models import Notification
    found = db.session.scalar(select(Notification.id).where(Notification.user_id == scene.world.users[who].id)
                              .order_by(Notification.id).limit(1))
    assert found is not None
    from app.public_ids import encode
    return encode("notification", found)


def scene_group(scene) -> str:
    """A working group of the scene (the mediator its only member, so nobody's scope or
    page changes), committed so that a refused request's rollback keeps it."""
    from app.extensions import db
    from app.groups.operations import create_group
    from tests.security.scene import access
    if getattr(scene, "_group_id", None) is None:
        group = create_group(access(scene.world, "mediator"), name="Scene group", section_ids=[scene.sections[0].id],
                             members=[scene.world.users["mediator"].email], actor=scene.world.users["mediator"])
        db.session.commit()
        scene._group_id = group.public_id
    return scene._group_id


def scene_position(scene) -> str:
    """Party A's agreement on the ceasefire clause (committed)."""
    from app.agreement.operations import set_position
    from app.extensions import db
    from tests.security.scene import access
    if getattr(scene, "_position_id", None) is None:
        clause = scene.clauses[1]
        position = set_position(access(scene.world, "delegate_a"), clause, scene.world.parties["a"], "agreed",
                                clause.current_version_id, None, actor=scene.world.users["delegate_a"])
        db.session.commit()
        scene._position_id = position.public_id
    return scene._position_id


def preview_token(scene, who: str = "drafter") -> str:
    """An import waiting for confirmation (kept on the server, not in the database)."""
    from app.export.importing import PreviewStore, read_upload
    from tests.security.scene import access
    return PreviewStore().put(access(scene.world, who), read_upload(GOOD_WORD), "Annex")

def edited_copy(scene) -> bytes:
    """The team's clean working draft, downloaded and edited in Word (an article retyped)."""
    from app.export.service import render
    from tests.export.roundtrip_edit import Edit
    from tests.security.scene import access
    data = render(access(scene.world, "mediator"), scene.document, None, "clean", None)
    return Edit(data).retype("commit to peace", "peace", "a lasting peace").save()


def take_back_token(scene, who: str = "drafter") -> str:
    """An edited copy waiting for confirmation on the take-back page."""
    from app.export.importing import PreviewStore, read_upload
    from tests.security.scene import access
    return PreviewStore().put(access(scene.world, who), read_upload(edited_copy(scene)), "edited.docx",
                              into=scene.document.id)


# Over the limit, and text that does not compress into a cookie.
LONG_TEXT = "".join(hashlib.sha256(str(i).encode()).hexdigest() + " " for i in range(400))[:20_001]

c = lambda i: (lambda s: s.clauses[i])                              # noqa: E731


def _fingerprint(s) -> str:
    from app.comments.colliding import collisions_for
    return collisions_for(s.clauses[1], s.round).fingerprint


def _merge(s) -> dict:
    """The merge form on the ceasefire clause's collisions, bridging, every region the proposal's."""
    return {"round": "1", "fingerprint": _fingerprint(s), "reason": "A bridge", "save_as": "bridging",
            "choice-1": s.a_proposal.public_id}


def _merge_json(s) -> dict:
    return {"round": 1, "fingerprint": _fingerprint(s), "reason": "A bridge", "save_as": "bridging",
            "choices": {"1": s.a_proposal.public_id}}
doc = lambda s: s.document.public_id                                       # noqa: E731
hook = lambda s: pid("webhook", s.webhook.id)                              # noqa: E731


def _v(s, i, shift=0):
    return pid("version", s.clauses[i].current_version_id + shift)


# --- HTML forms ----------------------------------------------------------------------

HTML = {
    "auth.login": [
        Case(None, lambda s: "/login", {"email": "mediator@testland.test", "password": "wrong-password"},
             401, "wrong password: only the failure record is kept",
             keeps={"login_failures": 1, "audit_entries": 1}),
        Case(None, lambda s: "/login", {"email": "", "password": ""}, 400, "empty form"),
    ],
    "auth.logout": [
        Case(None, lambda s: "/logout", {}, 302, "not logged in: sent to log in"),
    ],
    "auth.language": [
        Case("delegate_a", lambda s: "/language", {"language": "xx", "next": "/account"}, 303,
             "unknown interface language: nothing stored"),
        Case(None, lambda s: "/language", {"language": "xx"}, 303, "unknown language before logging in"),
    ],
    "auth.account": [
        Case("drafter", lambda s: "/account", {"current_password": "not-my-password",
                                               "new_password": "a-new-long-password"}, 422,
             "wrong current password: only the failure record is kept (throttled like a login)",
             keeps={"login_failures": 1, "audit_entries": 1}),
        Case("drafter", lambda s: "/account", {"current_password": "correct-horse-battery",
                                               "new_password": "short"}, 422, "new password too short"),
    ],
    "drafting.create": [
        Case("mediator", lambda s: f"/p/{s.slug}/documents", {"title": "   "}, 303, "empty title"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/documents", {"title": "Mine"}, 404, "parties do not draft"),
        Case("outsider", lambda s: f"/p/{s.slug}/documents", {"title": "Mine"}, 404, "another process"),
        Case("legal", lambda s: f"/p/{s.slug}/documents", {"title": "Mine"}, 403, "legal advisers do not draft"),
    ],
    "drafting.new_section": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/sections", {"title": ""}, 303, "empty title", kept=()),
        Case("observer", lambda s: f"/documents/{doc(s)}/sections", {"title": "New"}, 404, "observers do not draft"),
    ],
    "drafting.rename": [
        Case("drafter", lambda s: f"/sections/{s.sections[0].public_id}/rename", {"title": " "}, 303, "empty title"),
        Case("delegate_b", lambda s: f"/sections/{s.sections[0].public_id}/rename", {"title": "Mine"}, 404, "parties"),
    ],
    "drafting.remove": [
        Case("legal", lambda s: f"/sections/{s.sections[1].public_id}/remove", {"reason": ""}, 403, "legal adviser"),
        Case("delegate_b", lambda s: f"/sections/{s.sections[1].public_id}/remove", {"reason": ""}, 404, "parties"),
    ],
    "drafting.move_section_form": [
        Case("drafter", lambda s: f"/sections/{s.sections[1].public_id}/move", {"position": "0"}, 303, "position 0"),
        Case("delegate_b", lambda s: f"/sections/{s.sections[1].public_id}/move", {"position": "1"}, 404, "parties"),
    ],
    "export.release_round_docx": [
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds/1/export", {"variant": "sideways"}, 303,
             "no such variant: back to the round page, no release"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds/1/export", {"variant": "matrix"}, 404,
             "the matrix is the team's"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds/1/export", {"variant": "clean", "party": "beta"},
             404, "another party's copy"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds/1/export", {"variant": "clean", "language": "de"},
             404, "a language the document lacks"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds/99/export", {"variant": "clean"}, 404,
             "no such round"),
        Case("outsider", lambda s: f"/documents/{doc(s)}/rounds/1/export", {"variant": "clean"}, 404,
             "another process"),
        Case("mediator", lambda s: f"/documents/{doc(s)}/rounds/1/export", {"variant": "redline", "from": "abc"},
             303, "'from' not a number"),
    ],
    "export.release_draft_docx": [
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/export", {"variant": "clean"}, 404,
             "parties never get the working draft"),
        Case("drafter", lambda s: f"/documents/{doc(s)}/export", {"variant": "redline"}, 303,
             "the working draft is clean only"),
    ],
    "export.verify_page": [
        Case("mediator", lambda s: f"/p/{s.slug}/releases/verify", {}, 303, "no file"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/releases/verify", {}, 404, "parties"),
    ],
    "drafting.new_clause": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/clauses",
             lambda s: {"section_id": s.sections[0].public_id, "text": "An [unbalanced bracket stays typed."},
             303, "unbalanced brackets", kept=("An [unbalanced bracket stays typed.",)),
        Case("drafter", lambda s: f"/documents/{doc(s)}/clauses",
             lambda s: {"section_id": s.sections[0].public_id, "text": LONG_TEXT}, 422,
             "too long for the session cookie: the text comes back on a page of its own", kept=(LONG_TEXT,)),
        Case("drafter", lambda s: f"/documents/{doc(s)}/clauses",
             lambda s: {"section_id": s.closed.sections[0].public_id, "text": "Elsewhere."}, 404,
             "a section of another document"),
    ],
    "drafting.edit": [
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/edit",
             lambda s: {"text": "The Parties commit to [peace.", "base_version_id": _v(s, 0), "reason": "kept reason"},
             303, "unbalanced brackets", kept=("The Parties commit to [peace.", "kept reason")),
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/edit",
             lambda s: {"text": "A stale edit.", "base_version_id": _v(s, 0, -1)}, 409,
             "stale base: the conflict page shows both texts", kept=("A stale edit.",)),
        Case("delegate_a", lambda s: f"/clauses/{c(0)(s).public_id}/edit",
             lambda s: {"text": "Mine.", "base_version_id": _v(s, 0)}, 404, "parties never edit"),
    ],
    "drafting.edit_text": [
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/text",
             lambda s: {"text": "نص [غير متوازن.", "base_version_id": _v(s, 0), "language": "en"}, 303,
             "unbalanced brackets", kept=("نص [غير متوازن.",)),
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/text",
             lambda s: {"text": "نص.", "base_version_id": _v(s, 0), "language": "ar"}, 303,
             "a language the document lacks (no column to keep it in)"),
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/text",
             lambda s: {"text": "A stale edit.", "base_version_id": _v(s, 0, -1)}, 303, "stale base",
             kept=("A stale edit.",)),
        Case("delegate_a", lambda s: f"/clauses/{c(0)(s).public_id}/text",
             lambda s: {"text": "Mine.", "base_version_id": _v(s, 0)}, 404, "parties never edit"),
    ],
    "drafting.add_language": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/languages", {"code": "en", "authentic": "1"}, 303,
             "the lead already", kept=("en",)),
        Case("drafter", lambda s: f"/documents/{doc(s)}/languages", {"code": "Klingon!"}, 303, "not a tag",
             kept=("Klingon!",)),
        Case("legal", lambda s: f"/documents/{doc(s)}/languages", {"code": "ar"}, 403, "legal advisers"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/languages", {"code": "ar"}, 404, "parties"),
    ],
    "drafting.delete": [
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/delete",
             lambda s: {"base_version_id": _v(s, 0, -1)}, 303, "stale base"),
        Case("legal", lambda s: f"/clauses/{c(0)(s).public_id}/delete",
             lambda s: {"base_version_id": _v(s, 0)}, 403, "legal advisers do not edit"),
    ],
    "drafting.restore": [
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/restore",
             lambda s: {"version_id": _v(s, 1), "base_version_id": _v(s, 0)}, 303, "a version of another clause"),
        Case("observer", lambda s: f"/clauses/{c(0)(s).public_id}/restore",
             lambda s: {"version_id": _v(s, 0), "base_version_id": _v(s, 0)}, 404, "observers"),
    ],
    "drafting.move": [
        Case("drafter", lambda s: f"/clauses/{c(0)(s).public_id}/move",
             lambda s: {"section_id": s.closed.sections[0].public_id, "position": 1}, 303, "into another document"),
        Case("delegate_b", lambda s: f"/clauses/{c(0)(s).public_id}/move", {"direction": "down"}, 404, "parties"),
    ],
    "rounds.circulate": [
        Case("mediator", lambda s: f"/documents/{s.closed.public_id}/rounds", {"note": "Unchanged, kept note"},
             303, "nothing changed since the latest round", kept=("Unchanged, kept note",)),
        Case("mediator", lambda s: f"/documents/{doc(s)}/rounds",
             {"deadline": "2001-01-01T10:00", "note": "Past deadline note"}, 303, "deadline in the past",
             kept=("Past deadline note",)),
        Case("mediator", lambda s: f"/documents/{doc(s)}/rounds", {"deadline": "next tuesday"}, 303,
             "a deadline that is not a date"),
        Case("drafter", lambda s: f"/documents/{doc(s)}/rounds", {}, 403, "only the mediator circulates"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds", {}, 404, "parties"),
        Case("mediator", lambda s: f"/documents/{doc(s)}/rounds", {"note": "Gate: kept note"}, 409,
             "an unreviewed finding: the confirmation page, with what was typed", kept=("Gate: kept note",)),
        Case("mediator", lambda s: f"/documents/{doc(s)}/rounds",
             {"confirm_findings": "1", "findings_fingerprint": "0" * 32, "note": "Stale: kept note"}, 409,
             "confirmed for other findings than the current ones", kept=("Stale: kept note",)),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds", {"confirm_findings": "1"}, 404,
             "parties, even confirming"),
        Case("observer", lambda s: f"/documents/{doc(s)}/rounds", {}, 404, "observers"),
    ],
    "rounds.close": [
        Case("mediator", lambda s: f"/documents/{s.closed.public_id}/rounds/2/close", {}, 303, "closed already"),
        Case("drafter", lambda s: f"/documents/{doc(s)}/rounds/1/close", {}, 403, "only the mediator closes"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/rounds/1/close", {}, 404, "parties"),
    ],
    "comments.create": [
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/comments",
             {"kind": "opinion", "body": "A body that comes back", "proposed_text": "Typed wording"},
             303, "unknown kind", kept=("A body that comes back", "Typed wording")),
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/comments", {"kind": "proposal", "body": "  ",
                                                                          "proposed_text": "New wording kept"},
             303, "empty body", kept=("New wording kept",)),
        Case("delegate_a", lambda s: f"/clauses/{s.stays.public_id}/comments", {"kind": "comment", "body": "Too late"},
             409, "the round is closed: no form on its page, the text comes back on a page of its own",
             kept=("Too late",)),
        Case("delegate_a", lambda s: f"/clauses/{s.gone.public_id}/comments",
             {"kind": "proposal", "body": "x", "proposed_text": "y", "preview": "1"}, 404,
             "preview of a clause no longer in the latest round"),
        Case("delegate_a", lambda s: f"/clauses/{s.draft_only.public_id}/comments", {"kind": "comment", "body": "x"},
             404, "a clause only in the working draft"),
        Case("mediator", lambda s: f"/clauses/{c(1)(s).public_id}/comments", {"kind": "comment", "body": "x"},
             303, "the team does not submit"),
    ],
    "comments.submit_view": [
        Case("delegate_a", lambda s: f"/submissions/{s.a_proposal.public_id}/submit", {}, 303, "submitted already"),
        Case("delegate_b", lambda s: f"/submissions/{s.a_draft.public_id}/submit", {}, 404, "another party's draft"),
    ],
    "comments.withdraw_view": [
        Case("delegate_b", lambda s: f"/submissions/{s.a_proposal.public_id}/withdraw", {}, 404, "another party's"),
        Case("mediator", lambda s: f"/submissions/{s.a_proposal.public_id}/withdraw", {}, 303,
             "the team cannot withdraw a party's submission"),
    ],
    "comments.reply_view": [
        Case("mediator", lambda s: f"/submissions/{s.a_proposal.public_id}/reply", {"body": " "}, 303, "empty"),
        Case("delegate_b", lambda s: f"/submissions/{s.a_proposal.public_id}/reply", {"body": "x"}, 404,
             "another party's thread"),
    ],
    "comments.disposition_view": [
        Case("mediator", lambda s: f"/submissions/{s.a_proposal.public_id}/disposition",
             {"decision": "maybe", "reason": "Reason typed"}, 303, "unknown decision", kept=("Reason typed",)),
        Case("mediator", lambda s: f"/submissions/{s.b_comment.public_id}/disposition",
             {"decision": "accepted", "reason": "x"}, 303, "only proposals get a disposition"),
        Case("delegate_a", lambda s: f"/submissions/{s.a_proposal.public_id}/disposition",
             {"decision": "accepted", "reason": "x"}, 303, "parties do not decide"),
    ],
    "comments.apply_view": [
        Case("mediator", lambda s: f"/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": " ", "how": "partly",
                        "text": "Wording typed by the drafter."}, 303, "no reason",
             kept=("Wording typed by the drafter.",)),
        Case("mediator", lambda s: f"/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id + 1000), "reason": "Agreed",
                        "how": "accept"}, 303, "a stale base"),
        Case("mediator", lambda s: f"/submissions/{s.b_comment.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": "x"}, 303, "not a proposal"),
        Case("delegate_a", lambda s: f"/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": "x"}, 404,
             "parties do not apply, not even their own"),
    ],
    "comments.merge_view": [
        Case("mediator", lambda s: f"/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge(s), "choice-1": "custom", "reason": "Reason typed"}, 303,
             "the team's own wording chosen, none typed", kept=("Reason typed",)),
        Case("mediator", lambda s: f"/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge(s), "fingerprint": "stale", "custom-1": "Compromise typed"}, 409,
             "the proposals changed since the page: the page again, with the typed text",
             kept=("Compromise typed",)),
        Case("mediator", lambda s: f"/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge(s), "save_as": "draft", "base_version_id": pid("version", c(1)(s).current_version_id + 1000)},
             409, "a stale base for the draft wording"),
        Case("legal", lambda s: f"/clauses/{c(1)(s).public_id}/merge", _merge, 303, "legal advisers read only"),
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/merge", _merge, 404, "parties: no such page"),
        Case("observer", lambda s: f"/clauses/{c(1)(s).public_id}/merge", _merge, 404, "observers: no such page"),
    ],
    "comments.release_bridging_view": [
        Case("drafter", lambda s: f"/bridging-proposals/{s.bridging.public_id}/release", {}, 303,
             "only the mediator releases"),
        Case("delegate_a", lambda s: f"/bridging-proposals/{s.bridging.public_id}/release", {}, 404,
             "hidden from parties: as missing"),
        Case("mediator", lambda s: "/bridging-proposals/no-such-one/release", {}, 404, "missing"),
    ],
    "comments.share_view": [
        Case("drafter", lambda s: f"/submissions/{s.a_proposal.public_id}/share", {}, 303, "only the mediator shares"),
        Case("mediator", lambda s: f"/submissions/{s.a_draft.public_id}/share", {}, 404, "a party's draft"),
        Case("mediator", lambda s: f"/submissions/{s.a_proposal.public_id}/share", {"replies": "no-such-reply"},
             303, "a reply that is not the team's in this thread"),
    ],
    "comments.note_view": [
        Case("drafter", lambda s: f"/clauses/{c(1)(s).public_id}/notes", {"body": " "}, 303, "empty note"),
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/notes", {"body": "x"}, 404, "parties"),
    ],
    "agreement.position_form": [
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/position",
             lambda s: {"party": "alpha", "status": "maybe", "version_id": _v(s, 1), "note": "Note typed"},
             303, "unknown status"),
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/position",
             lambda s: {"party": "alpha", "status": "agreed", "version_id": _v(s, 1, -1)}, 303, "stale wording"),
        Case("delegate_a", lambda s: f"/clauses/{c(0)(s).public_id}/position",
             lambda s: {"party": "alpha", "status": "agreed", "version_id": _v(s, 0)}, 303,
             "a packaged clause is agreed as a package"),
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/position",
             lambda s: {"party": "beta", "status": "agreed", "version_id": _v(s, 1)}, 404, "another party"),
        Case("delegate_a", lambda s: f"/clauses/{c(1)(s).public_id}/position",
             lambda s: {"party": "alpha", "status": "reservation", "version_id": _v(s, 1)}, 303,
             "a reservation without a reason"),
    ],
    "agreement.package_form": [
        Case("mediator", lambda s: f"/documents/{doc(s)}/packages", {"name": "One only", "numbers": "2"}, 303,
             "a package of one clause", kept=("One only",)),
        Case("mediator", lambda s: f"/documents/{doc(s)}/packages", {"name": "Far", "numbers": "2, 99"}, 303,
             "a number not in the round"),
        Case("mediator", lambda s: f"/documents/{doc(s)}/packages", {"name": "Bad", "numbers": "two, 3"}, 303,
             "not numbers"),
        Case("legal", lambda s: f"/documents/{doc(s)}/packages", {"name": "Mine", "numbers": "2, 3"}, 303,
             "legal advisers do not link clauses"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/packages", {"name": "x", "numbers": "1, 2"}, 404,
             "parties"),
    ],
    "agreement.package_position_form": [
        Case("delegate_a", lambda s: f"/packages/{s.package.public_id}/position", {"party": "alpha", "status": "reservation"},
             303, "packages are agreed or left open"),
        Case("delegate_a", lambda s: f"/packages/{s.package.public_id}/position", {"party": "beta", "status": "agreed"},
             404, "another party"),
    ],
    "agreement.conclude_form": [
        Case("mediator", lambda s: f"/documents/{doc(s)}/conclude", {}, 303, "not every clause is agreed"),
        Case("mediator", lambda s: f"/documents/{doc(s)}/conclude", {"action": "reopen", "reason": "Why typed"},
             303, "not concluded (the reopen form shows only on a concluded text)"),
        Case("drafter", lambda s: f"/documents/{doc(s)}/conclude", {}, 303, "only the mediator concludes"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/conclude", {}, 404, "parties"),
    ],
    "compliance.review": [
        Case("legal", lambda s: f"/findings/{s.finding.id}/review", {"decision": "perhaps", "reason": "Typed reason"},
             303, "unknown decision", kept=("Typed reason",)),
        Case("legal", lambda s: f"/findings/{s.finding.id}/review", {"decision": "dismissed", "reason": " "},
             303, "dismissal without a reason"),
        Case("mediator", lambda s: f"/findings/{s.finding.id}/review", {"decision": "confirmed"}, 303,
             "only legal advisers review"),
        Case("legal", lambda s: f"/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": str(s.world.users["outsider"].id),
                        "note": "Typed escalation note"}, 303, "assignee outside the process",
             kept=("Typed escalation note",)),
        Case("legal", lambda s: f"/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": str(s.world.users["delegate_a"].id),
                        "note": "To a delegate"}, 303, "assignee a party's delegate"),
        Case("legal", lambda s: f"/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": str(s.world.users["drafter"].id),
                        "note": "To the drafter"}, 303, "assignee a drafter"),
        Case("legal", lambda s: f"/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": str(s.world.users["mediator"].id), "note": " "},
             303, "escalation without a note"),
        Case("legal", lambda s: f"/findings/{s.finding.id}/review",
             {"decision": "escalated", "assignee_id": "nobody", "note": "x"}, 303, "assignee not an id"),
        Case("delegate_a", lambda s: f"/findings/{s.finding.id}/review", {"decision": "confirmed"}, 404, "parties"),
    ],
    "compliance.cure": [
        Case("drafter", lambda s: f"/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id + 1000)}, 303,
             "based on another wording than the finding's"),
        Case("drafter", lambda s: f"/findings/{s.finding.id}/apply-cure", {}, 303, "no base version"),
        Case("legal", lambda s: f"/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id)}, 303, "legal advisers do not edit the text"),
        Case("delegate_a", lambda s: f"/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id)}, 404, "parties"),
        Case("observer", lambda s: f"/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id)}, 404, "observers"),
    ],
    "export.import_form": [
        Case("drafter", lambda s: f"/p/{s.slug}/import", {"title": "Half bad"}, 303,
             "an article over the limit in the second section: no half-built document",
             kept=("Half bad",), files=lambda s: {"file": (HALF_BAD_WORD, "draft.docx")}),
        Case("drafter", lambda s: f"/p/{s.slug}/import", {"title": "Not Word"}, 303, "not a Word file",
             files=lambda s: {"file": (b"plain text, not a zip", "draft.docx")}),
        Case("drafter", lambda s: f"/p/{s.slug}/import", {"title": "No file"}, 303, "no file"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/import", {}, 404, "parties",
             files=lambda s: {"file": (HALF_BAD_WORD, "draft.docx")}),
    ],
    "export.import_confirm": [
        Case("drafter", lambda s: f"/p/{s.slug}/import/{preview_token(s)}", {"title": "T" * 400}, 303,
             "a title over 300 characters: back to the preview, the title kept", kept=("T" * 400,)),
        Case("drafter", lambda s: f"/p/{s.slug}/import/{'x' * 30}", {}, 404, "no such preview"),
        Case("mediator", lambda s: f"/p/{s.slug}/import/{preview_token(s)}", {}, 404, "another user's preview"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/import/{preview_token(s)}", {}, 404, "parties"),
    ],
    "export.import_discard": [
        Case("drafter", lambda s: f"/p/{s.slug}/import/{'x' * 30}/discard", {}, 404, "no such preview"),
        Case("mediator", lambda s: f"/p/{s.slug}/import/{preview_token(s)}/discard", {}, 404,
             "another user's preview"),
    ],
    "export.language_import": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/languages/import", {"language": "de"}, 303,
             "a language the document lacks", files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/languages/import", {"language": "fr"}, 404, "parties",
             files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
    ],
    "export.take_back_upload": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/take-back", {}, 303, "no file"),
        Case("drafter", lambda s: f"/documents/{doc(s)}/take-back", {}, 303,
             "a Word file not downloaded from this document", files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/take-back", {}, 404, "parties",
             files=lambda s: {"file": (edited_copy(s), "d.docx")}),
    ],
    "export.take_back_confirm": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/take-back/{take_back_token(s)}", {"digest": "0" * 32}, 303,
             "not the changes previewed: nothing applied"),
        Case("drafter", lambda s: f"/documents/{doc(s)}/take-back/{'x' * 30}", {}, 404, "no such preview"),
        Case("mediator", lambda s: f"/documents/{doc(s)}/take-back/{take_back_token(s)}", {}, 404,
             "another user's preview"),
        Case("delegate_a", lambda s: f"/documents/{doc(s)}/take-back/{take_back_token(s)}", {}, 404, "parties"),
    ],
    "export.take_back_discard": [
        Case("drafter", lambda s: f"/documents/{doc(s)}/take-back/{'x' * 30}/discard", {}, 404, "no such preview"),
        Case("mediator", lambda s: f"/documents/{doc(s)}/take-back/{take_back_token(s)}/discard", {}, 404,
             "another user's preview"),
    ],
    "processes.settings": [
        Case("mediator", lambda s: f"/p/{s.slug}/settings", {"joint_mode": "1", "proposal_attribution": "bogus"},
             303, "one bad value: joint mode is not switched on either"),
        Case("drafter", lambda s: f"/p/{s.slug}/settings", {"joint_mode": "1", "proposal_attribution": "attributed"},
             403, "only the mediator"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/settings", {"joint_mode": "1"}, 403, "parties"),
        Case("mediator", lambda s: f"/p/{s.slug}/settings", {"joint_mode": "1", "proposal_attribution": "attributed"},
             200, "joint mode turned on: the confirmation page first, nothing changed"),
    ],
    "auth.time_zone": [
        Case("delegate_a", lambda s: "/account/time-zone", {"time_zone": "Mars/Olympus_Mons"}, 303,
             "no such zone", kept=("Mars/Olympus_Mons",)),
        Case("delegate_a", lambda s: "/account/time-zone", {"time_zone": "../../etc/passwd"}, 303, "a path"),
    ],
    "agreement.confirm_form": [
        Case("delegate_b", lambda s: f"/positions/{scene_position(s)}/confirm", {}, 404, "another party's position"),
        Case("drafter", lambda s: f"/positions/{scene_position(s)}/confirm", {}, 403, "only the party or the mediator"),
    ],
    "groups.create": [
        Case("mediator", lambda s: f"/p/{s.slug}/groups", {"name": "", "mandate": "Typed mandate"}, 303,
             "no name", kept=("Typed mandate",)),
        Case("mediator", lambda s: scene_group(s) and f"/p/{s.slug}/groups", {"name": "Scene group", "mandate": "Typed again"}, 303,
             "the name is taken", kept=("Typed again",)),
        Case("drafter", lambda s: f"/p/{s.slug}/groups", {"name": "Mine"}, 403, "only the mediator"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/groups", {"name": "Mine"}, 404, "parties"),
    ],
    "groups.edit": [
        Case("mediator", lambda s: f"/groups/{scene_group(s)}/edit", {"name": "", "mandate": "Typed mandate"}, 303,
             "no name", kept=("Typed mandate",)),
        Case("drafter", lambda s: f"/groups/{scene_group(s)}/edit", {"name": "Mine"}, 403, "only the mediator"),
        Case("delegate_a", lambda s: f"/groups/{scene_group(s)}/edit", {"name": "Mine"}, 404, "not their group"),
    ],
    "groups.members": [
        Case("mediator", lambda s: f"/groups/{scene_group(s)}/members", {"member": "observer@testland.test"}, 303,
             "observers join no group"),
        Case("drafter", lambda s: f"/groups/{scene_group(s)}/members", {"member": "drafter@testland.test"}, 403,
             "only the mediator"),
    ],
    "groups.remove": [
        Case("mediator", lambda s: f"/groups/{scene_group(s)}/members/remove", {"email": "drafter@testland.test"},
             404, "not a member"),
        Case("drafter", lambda s: f"/groups/{scene_group(s)}/members/remove", {"email": "mediator@testland.test"},
             403, "only the mediator"),
    ],
    "groups.sections": [
        Case("mediator", lambda s: f"/groups/{scene_group(s)}/sections", {"section": "sec_nosuch"}, 303,
             "no such section"),
        Case("mediator", lambda s: f"/groups/{scene_group(s)}/sections", lambda s: {"section": s.sections[0].public_id}, 303,
             "unchanged"),
        Case("drafter", lambda s: f"/groups/{scene_group(s)}/sections", lambda s: {"section": s.sections[1].public_id}, 403,
             "only the mediator"),
    ],
    "groups.grant": [
        Case("mediator", lambda s: f"/p/{s.slug}/scope-grants",
             lambda s: {"email": "delegate_a@testland.test", "section": s.sections[1].public_id}, 303,
             "grants are for drafters", kept=("delegate_a@testland.test",)),
        Case("drafter", lambda s: f"/p/{s.slug}/scope-grants",
             lambda s: {"email": "drafter@testland.test", "section": s.sections[1].public_id}, 403,
             "only the mediator"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/scope-grants", {"email": "drafter@testland.test"}, 404, "parties"),
    ],
    "groups.revoke": [
        Case("mediator", lambda s: f"/p/{s.slug}/scope-grants/revoke",
             lambda s: {"email": "drafter@testland.test", "section_id": s.sections[1].public_id}, 404, "no such grant"),
        Case("drafter", lambda s: f"/p/{s.slug}/scope-grants/revoke", {"email": "drafter@testland.test"}, 403,
             "only the mediator"),
    ],
    "notifications.read": [
        Case("delegate_b", lambda s: f"/notifications/{notification_of(s, 'delegate_a')}/read", {}, 404,
             "another user's notification"),
    ],
    "notifications.preferences": [
        Case("delegate_a", lambda s: "/notifications/preferences", {"round_circulated": "hourly"}, 303,
             "unknown choice"),
    ],
    "webhooks.create": [
        Case("mediator", lambda s: f"/p/{s.slug}/webhooks", {"url": "http://example.org/hook", "events": "round.circulated"},
             303, "plain http to another machine", kept=("http://example.org/hook",)),
        Case("mediator", lambda s: f"/p/{s.slug}/webhooks", {"url": "https://example.org/hook"}, 303, "no events"),
        Case("drafter", lambda s: f"/p/{s.slug}/webhooks", {"url": "https://example.org/hook", "events": "round.circulated"},
             403, "the mediator only"),
        Case("delegate_a", lambda s: f"/p/{s.slug}/webhooks", {"url": "https://example.org/hook", "events": "round.circulated"},
             404, "parties: as a missing page"),
    ],
    "webhooks.set_active": [
        Case("drafter", lambda s: f"/p/{s.slug}/webhooks/{hook(s)}/active", {"active": "0"}, 403, "the mediator only"),
        Case("observer", lambda s: f"/p/{s.slug}/webhooks/{hook(s)}/active", {"active": "0"}, 404, "observers"),
        Case("mediator", lambda s: f"/p/{s.slug}/webhooks/whk_AAAAAAAAAAAAAAAAAAAAAA/active", {"active": "0"}, 404, "missing"),
    ],
    "webhooks.delete": [
        Case("legal", lambda s: f"/p/{s.slug}/webhooks/{hook(s)}/delete", {}, 403, "the mediator only"),
        Case("delegate_b", lambda s: f"/p/{s.slug}/webhooks/{hook(s)}/delete", {}, 404, "parties"),
    ],
}

# --- JSON API --------------------------------------------------------------------------

API = {
    "api.auth_api.create_token": [
        Case(None, lambda s: "/api/v1/tokens", {"email": "mediator@testland.test", "password": "wrong-password"},
             401, "wrong password: only the failure record is kept",
             keeps={"login_failures": 1, "audit_entries": 1}),
        Case(None, lambda s: "/api/v1/tokens", {"email": "mediator@testland.test"}, 422, "no password"),
        Case(None, lambda s: "/api/v1/tokens", {"email": 5, "password": "x"}, 422, "email not a string"),
    ],
    "api.auth_api.revoke_current_token": [
        Case(None, lambda s: "/api/v1/tokens/current", None, 401, "no token"),
    ],
    "api.drafting_api.create_document_api": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/documents", {}, 422, "no title"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/documents", {"title": " "}, 422, "empty title"),
        Case("delegate_a", lambda s: f"/api/v1/processes/{s.slug}/documents", {"title": "x"}, 404, "parties"),
        Case("outsider", lambda s: f"/api/v1/processes/{s.slug}/documents", {"title": "x"}, 404, "another process"),
    ],
    "api.drafting_api.create_section_api": [
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/sections", {"title": ""}, 422, "empty title"),
        Case("legal", lambda s: f"/api/v1/documents/{doc(s)}/sections", {"title": "x"}, 403, "legal advisers"),
    ],
    "api.drafting_api.rename_section_api": [
        Case("drafter", lambda s: f"/api/v1/sections/{s.sections[0].public_id}", {"title": 7}, 422, "not a string"),
        Case("delegate_a", lambda s: f"/api/v1/sections/{s.sections[0].public_id}", {"title": "x"}, 404, "parties"),
    ],
    "api.drafting_api.remove_section_api": [
        Case("drafter", lambda s: f"/api/v1/sections/{s.sections[1].public_id}", {"reason": 7}, 422, "reason not a string"),
        Case("legal", lambda s: f"/api/v1/sections/{s.sections[1].public_id}", None, 403, "legal adviser"),
        Case("delegate_a", lambda s: f"/api/v1/sections/{s.sections[1].public_id}", None, 404, "parties"),
    ],
    "api.drafting_api.move_section_api": [
        Case("drafter", lambda s: f"/api/v1/sections/{s.sections[1].public_id}/move", {"position": 0}, 422, "position 0"),
        Case("delegate_a", lambda s: f"/api/v1/sections/{s.sections[1].public_id}/move", {"position": 1}, 404, "parties"),
    ],
    "api.export_api.verify_release_api": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/releases/verify", None, 422, "no file"),
        Case("delegate_a", lambda s: f"/api/v1/processes/{s.slug}/releases/verify", None, 404, "parties"),
    ],
    "api.drafting_api.create_clause_api": [
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/clauses",
             lambda s: {"section_id": s.sections[0].public_id, "text": "An [unbalanced clause."}, 422, "unbalanced"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/clauses",
             lambda s: {"section_id": s.closed.sections[0].public_id, "text": "Elsewhere."}, 404, "another document"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/clauses",
             lambda s: {"section_id": s.sections[0].public_id, "text": "Lone \ud800 surrogate."}, 422, "not Unicode text"),
    ],
    "api.drafting_api.edit_clause_api": [
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}",
             lambda s: {"text": "Stale.", "base_version_id": _v(s, 0, -1)}, 409, "stale base"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}",
             lambda s: {"text": "[Unbalanced.", "base_version_id": _v(s, 0)}, 422, "unbalanced"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}",
             lambda s: {"text": "x", "base_version_id": 2**70}, 422, "a base beyond 64 bits"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}",
             lambda s: {"text": "x", "base_version_id": _v(s, 0)}, 404, "parties"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}",
             lambda s: {"text": "نص.", "base_version_id": _v(s, 0), "language": "ar"}, 422,
             "a language the document lacks"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}",
             lambda s: {"text": "x", "base_version_id": _v(s, 0), "language": 7}, 422, "language not a string"),
    ],
    "api.drafting_api.add_language_api": [
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/languages", {"code": "en", "authentic": True}, 409,
             "the lead already"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/languages", {"code": "Arabic", "authentic": True},
             422, "not a language tag"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/languages", {"code": "ar"}, 422, "authentic missing"),
        Case("legal", lambda s: f"/api/v1/documents/{doc(s)}/languages", {"code": "ar", "authentic": True}, 403,
             "legal advisers do not draft"),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/languages", {"code": "ar", "authentic": True},
             404, "parties"),
        Case("observer", lambda s: f"/api/v1/documents/{doc(s)}/languages", {"code": "ar", "authentic": True},
             404, "observers"),
    ],
    "api.drafting_api.delete_clause_api": [
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}", lambda s: {"base_version_id": _v(s, 0, -1)},
             409, "stale base"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}", {}, 422, "no base"),
    ],
    "api.drafting_api.restore_clause_api": [
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}/restore",
             lambda s: {"version_id": _v(s, 1), "base_version_id": _v(s, 0)}, 422, "a version of another clause"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}/restore",
             lambda s: {"version_id": _v(s, 0), "base_version_id": _v(s, 0, -1)}, 409, "stale base"),
    ],
    "api.drafting_api.move_clause_api": [
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}/move",
             lambda s: {"section_id": s.closed.sections[0].public_id, "position": 1}, 422, "into another document"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}/move",
             lambda s: {"section_id": s.sections[0].public_id, "position": "first"}, 422, "position not a number"),
    ],
    "api.rounds_api.circulate": [
        Case("mediator", lambda s: f"/api/v1/documents/{s.closed.public_id}/rounds", {}, 409, "nothing changed"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {"deadline": "2001-01-01T00:00:00Z"},
             422, "deadline in the past"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {"allow_unchanged": "yes"}, 422,
             "not a boolean"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {}, 403, "only the mediator"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {"note": "Rev. 2"}, 409,
             "an unreviewed finding, not confirmed"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {"confirm_findings": "yes"}, 422,
             "confirm_findings not a boolean"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds",
             {"confirm_findings": True, "findings_fingerprint": "f" * 32}, 409,
             "confirmed for other findings than the current ones"),
        Case("legal", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {"confirm_findings": True}, 403,
             "legal advisers do not circulate"),
        Case("observer", lambda s: f"/api/v1/documents/{doc(s)}/rounds", {"confirm_findings": True}, 404,
             "observers: the gate's details are not theirs"),
    ],
    "api.rounds_api.close": [
        Case("mediator", lambda s: f"/api/v1/documents/{s.closed.public_id}/rounds/2/close", {}, 409, "closed already"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds/9/close", {}, 404, "no such round"),
    ],
    "api.comments_api.create_comment": [
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/comments", {"kind": "opinion", "body": "x"},
             422, "unknown kind"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{s.stays.public_id}/comments", {"kind": "comment", "body": "x"},
             409, "round closed"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{s.draft_only.public_id}/comments", {"kind": "comment", "body": "x"},
             404, "working draft only"),
        Case("mediator", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/comments", {"kind": "comment", "body": "x"},
             403, "the team does not submit"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/comments", {"kind": "comment", "body": "\ud800"},
             422, "a lone surrogate"),
    ],
    "api.comments_api.submit_draft": [
        Case("delegate_a", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/submit", {}, 409, "submitted"),
        Case("delegate_b", lambda s: f"/api/v1/submissions/{s.a_draft.public_id}/submit", {}, 404, "another party"),
    ],
    "api.comments_api.withdraw_submission": [
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/withdraw", {}, 403, "the team"),
        Case("delegate_b", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/withdraw", {}, 404, "another party"),
    ],
    "api.comments_api.reply": [
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/replies", {"body": ""}, 422, "empty"),
        Case("delegate_b", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/replies", {"body": "x"}, 404,
             "another party"),
    ],
    "api.comments_api.disposition": [
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/disposition",
             {"decision": "maybe", "reason": "x"}, 422, "unknown decision"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.b_comment.public_id}/disposition",
             {"decision": "accepted", "reason": "x"}, 422, "not a proposal"),
        Case("delegate_a", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/disposition",
             {"decision": "accepted", "reason": "x"}, 403, "parties do not decide"),
    ],
    "api.comments_api.apply": [
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": ""}, 422, "no reason"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/apply",
             {"reason": "Agreed"}, 422, "no base version"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id + 1000), "reason": "Agreed"}, 409,
             "a stale base"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.b_comment.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": "x"}, 422, "not a proposal"),
        Case("delegate_a", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": "x"}, 404, "parties"),
        Case("observer", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/apply",
             lambda s: {"base_version_id": pid("version", c(1)(s).current_version_id), "reason": "x"}, 404, "observers"),
    ],
    "api.comments_api.merge_collisions": [
        Case("mediator", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge_json(s), "reason": " "}, 422, "no reason"),
        Case("mediator", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge_json(s), "choices": {"1": "custom"}}, 422, "own wording chosen, none typed"),
        Case("mediator", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge_json(s), "fingerprint": "stale"}, 409, "stale collisions"),
        Case("mediator", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge",
             lambda s: {**_merge_json(s), "save_as": "draft"}, 422, "no base version"),
        Case("legal", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge", _merge_json, 403, "read only"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge", _merge_json, 404, "parties"),
        Case("observer", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/merge", _merge_json, 404, "observers"),
    ],
    "api.comments_api.release": [
        Case("drafter", lambda s: f"/api/v1/bridging-proposals/{s.bridging.public_id}/release", None, 403,
             "only the mediator releases"),
        Case("delegate_b", lambda s: f"/api/v1/bridging-proposals/{s.bridging.public_id}/release", None, 404,
             "hidden from parties"),
        Case("observer", lambda s: f"/api/v1/bridging-proposals/{s.bridging.public_id}/release", None, 404,
             "hidden from observers"),
    ],
    "api.comments_api.share": [
        Case("drafter", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/share", {}, 403, "only the mediator"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_draft.public_id}/share", {}, 404, "a draft"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/share",
             {"replies": ["no-such-reply"]}, 422, "replies must be the team's replies in this thread"),
        Case("mediator", lambda s: f"/api/v1/submissions/{s.a_proposal.public_id}/share", {"replies": [7]}, 422,
             "reply ids are strings"),
    ],
    "api.comments_api.create_note": [
        Case("drafter", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/notes", {"body": " "}, 422, "empty"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/notes", {"body": "x"}, 404, "parties"),
    ],
    "api.comments_api.revise": [
        Case("drafter", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/revisions",
             lambda s: {"text": "Revised.", "base_version_id": _v(s, 1), "answers": [1]}, 422, "answers not ids"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/revisions",
             lambda s: {"text": "Revised.", "base_version_id": _v(s, 1), "answers": ["no-such-id"]}, 422,
             "an answer that is no submission on this clause"),
        Case("drafter", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/revisions",
             lambda s: {"text": "Revised.", "base_version_id": _v(s, 1, -1),
                        "answers": [s.a_proposal.public_id]}, 409, "stale base"),
    ],
    "api.comments_api.redline": [
        Case("delegate_a", lambda s: "/api/v1/redline", {"old": "x"}, 422, "no new text (it writes nothing anyway)"),
        Case(None, lambda s: "/api/v1/redline", {"old": "x", "new": "y"}, 401, "anonymous"),
    ],
    "api.agreement_api.put_position": [
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/positions/alpha",
             lambda s: {"status": "agreed", "version_id": _v(s, 1, -1)}, 409, "stale wording"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(0)(s).public_id}/positions/alpha",
             lambda s: {"status": "agreed", "version_id": _v(s, 0)}, 422, "packaged clause"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{c(1)(s).public_id}/positions/beta",
             lambda s: {"status": "agreed", "version_id": _v(s, 1)}, 404, "another party"),
        Case("delegate_a", lambda s: f"/api/v1/clauses/{s.draft_only.public_id}/positions/alpha",
             lambda s: {"status": "agreed", "version_id": pid("version", s.draft_only.current_version_id)}, 404, "working draft"),
    ],
    "api.agreement_api.post_package": [
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/packages",
             lambda s: {"name": "One", "clause_ids": [s.clauses[1].public_id]}, 422, "one clause"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/packages",
             lambda s: {"name": "Mixed", "clause_ids": [s.clauses[1].public_id, s.stays.public_id]}, 422,
             "a clause of another document: no empty package is left"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/packages",
             lambda s: {"name": "Bad", "clause_ids": ["a", "b"]}, 422, "not ids"),
    ],
    "api.agreement_api.put_package": [
        Case("mediator", lambda s: f"/api/v1/packages/{s.package.public_id}",
             lambda s: {"clause_ids": [s.clauses[1].public_id, s.stays.public_id]}, 422, "a clause of another document"),
        Case("delegate_a", lambda s: f"/api/v1/packages/{s.package.public_id}",
             lambda s: {"clause_ids": [s.clauses[1].public_id, s.clauses[2].public_id]}, 404, "parties"),
    ],
    "api.agreement_api.put_package_position": [
        Case("delegate_a", lambda s: f"/api/v1/packages/{s.package.public_id}/positions/alpha", {"status": "reservation"},
             422, "no reservations on packages"),
        Case("delegate_a", lambda s: f"/api/v1/packages/{s.package.public_id}/positions/beta", {"status": "agreed"},
             404, "another party"),
    ],
    "api.agreement_api.post_conclude": [
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/conclude", {}, 409, "not agreed"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/conclude", {}, 403, "only the mediator"),
    ],
    "api.agreement_api.post_reopen": [
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/reopen", {"reason": "x"}, 409, "not concluded"),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/reopen", {}, 404, "parties"),
    ],
    "api.compliance_api.review": [
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review", {"decision": "perhaps"}, 422, "unknown"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review", {"decision": "dismissed"}, 422,
             "dismissal without a reason"),
        Case("mediator", lambda s: f"/api/v1/findings/{s.finding.id}/review", {"decision": "confirmed"}, 403,
             "only legal advisers"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": s.world.users["outsider"].id, "note": "x"}, 422,
             "assignee outside the process"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": s.world.users["observer"].id, "note": "x"}, 422,
             "assignee an observer"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             {"decision": "escalated", "note": "For headquarters."}, 422, "escalation without an assignee"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": s.world.users["mediator"].id}, 422,
             "escalation without a note"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             lambda s: {"decision": "confirmed", "assignee_id": s.world.users["mediator"].id}, 422,
             "an assignee on a confirmation"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             {"decision": "escalated", "assignee_id": 2 ** 62, "note": "x"}, 422, "assignee id beyond any user"),
        Case("delegate_a", lambda s: f"/api/v1/findings/{s.finding.id}/review",
             lambda s: {"decision": "escalated", "assignee_id": s.world.users["mediator"].id, "note": "x"}, 404,
             "parties"),
    ],
    "api.export_api.release_round": [
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?variant=sideways", None, 422,
             "no such variant"),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?variant=matrix", None, 404,
             "the matrix is the team's"),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?party=beta", None, 404,
             "another party's copy"),
        Case("observer", lambda s: f"/api/v1/documents/{doc(s)}/rounds/99/export", None, 404, "no such round"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?variant=redline&from=1", None, 422,
             "'from' must be an earlier round"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?party=nobody", None, 404,
             "no such party"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?variant=matrix&party=alpha", None,
             422, "the matrix has no party copies"),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?language=de", None, 404,
             "a language the document lacks (as one only the working draft has)"),
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/export?variant=clean&language=zz", None,
             404, "no such language"),
    ],
    "api.export_api.release_draft": [
        Case("delegate_b", lambda s: f"/api/v1/documents/{doc(s)}/export", None, 404, "parties"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/export?variant=comments", None, 422, "clean only"),
    ],
    "api.compliance_api.apply_cure_api": [
        Case("drafter", lambda s: f"/api/v1/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id + 1000)}, 409, "another wording than the finding's"),
        Case("drafter", lambda s: f"/api/v1/findings/{s.finding.id}/apply-cure", {}, 422, "no base version"),
        Case("legal", lambda s: f"/api/v1/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id)}, 403, "legal advisers do not edit the text"),
        Case("delegate_a", lambda s: f"/api/v1/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id)}, 404, "parties"),
        Case("observer", lambda s: f"/api/v1/findings/{s.finding.id}/apply-cure",
             lambda s: {"base_version_id": pid("version", s.finding.version_id)}, 404, "observers"),
    ],
    "api.export_api.retry_archive": [
        Case("mediator", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/archive", {}, 409,
             "the archive is being written already"),
        Case("legal", lambda s: f"/api/v1/documents/{doc(s)}/rounds/1/archive", {}, 403, "legal advisers"),
    ],
    "api.export_api.import_docx": [
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/documents/import", {"title": "Half bad"}, 422,
             "an article over the limit in the second section", files=lambda s: {"file": (HALF_BAD_WORD, "d.docx")}),
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/documents/import", {}, 422, "no file"),
        Case("observer", lambda s: f"/api/v1/processes/{s.slug}/documents/import", {}, 404, "observers",
             files=lambda s: {"file": (HALF_BAD_WORD, "d.docx")}),
    ],
    "api.export_api.import_language_api": [
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/languages/fr/import", {}, 422, "no file"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/languages/de/import", {}, 422,
             "a language the document lacks", files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/languages/fr/import", {}, 404, "parties",
             files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
        Case("legal", lambda s: f"/api/v1/documents/{doc(s)}/languages/fr/import", {}, 403,
             "legal advisers do not draft", files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
    ],
    "api.export_api.reimport_docx": [
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/import", {}, 422, "no file"),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/import", {}, 422, "no anchors of this document",
             files=lambda s: {"file": (GOOD_WORD, "d.docx")}),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/import", {"digest": "0" * 32}, 409,
             "not the changes previewed: nothing applied", files=lambda s: {"file": (edited_copy(s), "d.docx")}),
        Case("drafter", lambda s: f"/api/v1/documents/{doc(s)}/import", {"on_conflict": "overwrite"}, 422,
             "no such choice", files=lambda s: {"file": (edited_copy(s), "d.docx")}),
        Case("delegate_a", lambda s: f"/api/v1/documents/{doc(s)}/import", {}, 404, "parties",
             files=lambda s: {"file": (edited_copy(s), "d.docx")}),
        Case("legal", lambda s: f"/api/v1/documents/{doc(s)}/import", {}, 403, "legal advisers do not draft",
             files=lambda s: {"file": (edited_copy(s), "d.docx")}),
    ],
    "api.processes_api.patch_settings": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/settings",
             {"joint_mode": True, "proposal_attribution": "bogus"}, 422, "one bad value changes nothing"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/settings", {"colour": "blue"}, 422, "unknown"),
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/settings", {"joint_mode": True}, 403, "drafters"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/settings", {"joint_mode": True}, 409,
             "joint mode turned on without confirm_joint_mode: the explanation, nothing changed"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/settings",
             {"joint_mode": True, "confirm_joint_mode": "yes"}, 422, "confirmation not a boolean"),
    ],
    "api.auth_api.put_time_zone": [
        Case("delegate_a", lambda s: "/api/v1/account/time-zone", {"time_zone": "Mars/Olympus_Mons"}, 422, "no such zone"),
        Case("delegate_a", lambda s: "/api/v1/account/time-zone", {"time_zone": 3}, 422, "not a string"),
    ],
    "api.agreement_api.post_confirm": [
        Case("delegate_a", lambda s: f"/api/v1/positions/{pid('position', 987654321)}/confirm", None, 404, "missing"),
        Case("delegate_b", lambda s: f"/api/v1/positions/{scene_position(s)}/confirm", None, 404,
             "another party's position"),
        Case("drafter", lambda s: f"/api/v1/positions/{scene_position(s)}/confirm", None, 403,
             "only the party or the mediator"),
    ],
    "api.groups_api.new_group": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/working-groups", {"name": ""}, 422, "no name"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/working-groups",
             {"name": "X", "section_ids": ["sec_nosuch"]}, 422, "no such section"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/working-groups",
             {"name": "X", "members": ["observer@testland.test"]}, 422, "observers join no group"),
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/working-groups", {"name": "Mine"}, 403,
             "only the mediator"),
        Case("delegate_a", lambda s: f"/api/v1/processes/{s.slug}/working-groups", {"name": "Mine"}, 404, "parties"),
    ],
    "api.groups_api.patch_group": [
        Case("mediator", lambda s: f"/api/v1/working-groups/{scene_group(s)}", {"name": ""}, 422, "no name"),
        Case("drafter", lambda s: f"/api/v1/working-groups/{scene_group(s)}", {"name": "Mine"}, 403, "only the mediator"),
        Case("delegate_a", lambda s: f"/api/v1/working-groups/{scene_group(s)}", {"name": "Mine"}, 404,
             "not their group"),
        Case("mediator", lambda s: "/api/v1/working-groups/wg_nosuch", {"name": "Mine"}, 404, "missing"),
    ],
    "api.groups_api.post_members": [
        Case("mediator", lambda s: f"/api/v1/working-groups/{scene_group(s)}/members",
             {"members": ["outsider@testland.test"]}, 422, "not of this process"),
        Case("mediator", lambda s: f"/api/v1/working-groups/{scene_group(s)}/members",
             {"members": ["mediator@testland.test"]}, 422, "a member already"),
        Case("drafter", lambda s: f"/api/v1/working-groups/{scene_group(s)}/members",
             {"members": ["drafter@testland.test"]}, 403, "only the mediator"),
    ],
    "api.groups_api.delete_member": [
        Case("mediator", lambda s: f"/api/v1/working-groups/{scene_group(s)}/members/drafter@testland.test", None,
             404, "not a member"),
        Case("drafter", lambda s: f"/api/v1/working-groups/{scene_group(s)}/members/mediator@testland.test", None,
             403, "only the mediator"),
    ],
    "api.groups_api.put_sections": [
        Case("mediator", lambda s: f"/api/v1/working-groups/{scene_group(s)}/sections", {"section_ids": "all"}, 422,
             "not a list"),
        Case("mediator", lambda s: f"/api/v1/working-groups/{scene_group(s)}/sections",
             lambda s: {"section_ids": [s.sections[0].public_id]}, 422, "unchanged"),
        Case("drafter", lambda s: f"/api/v1/working-groups/{scene_group(s)}/sections", {"section_ids": []}, 403,
             "only the mediator"),
    ],
    "api.groups_api.post_grants": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/scope-grants",
             lambda s: {"email": "legal@testland.test", "section_ids": [s.sections[1].public_id]}, 422,
             "grants are for drafters"),
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/scope-grants",
             lambda s: {"email": "drafter@testland.test", "section_ids": [s.sections[1].public_id]}, 403,
             "only the mediator"),
        Case("delegate_a", lambda s: f"/api/v1/processes/{s.slug}/scope-grants",
             {"email": "drafter@testland.test", "section_ids": []}, 404, "parties"),
    ],
    "api.groups_api.post_revoke": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/scope-grants/revoke",
             lambda s: {"email": "drafter@testland.test", "section_id": s.sections[1].public_id}, 404,
             "no such grant"),
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/scope-grants/revoke",
             {"email": "drafter@testland.test", "section_id": "sec_x"}, 403, "only the mediator"),
    ],
    "api.notifications_api.read_notification": [
        Case("delegate_b", lambda s: f"/api/v1/notifications/{notification_of(s, 'delegate_a')}/read", None, 404,
             "another user's notification"),
        Case("delegate_b", lambda s: "/api/v1/notifications/999999/read", None, 404, "missing"),
    ],
    "api.notifications_api.put_preferences": [
        Case("delegate_a", lambda s: "/api/v1/notifications/preferences", {"round_circulated": "hourly"}, 422,
             "unknown choice"),
        Case("delegate_a", lambda s: "/api/v1/notifications/preferences", {"deadline_tomorrow": "off"}, 422,
             "unknown kind"),
    ],
}

API.update({
    "api.webhooks_api.post_webhook": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/webhooks",
             {"url": "ftp://example.org/hook", "events": ["round.circulated"]}, 422, "not https"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/webhooks",
             {"url": "https://example.org/hook", "events": ["round.deleted"]}, 422, "unknown event"),
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/webhooks",
             {"url": "https://example.org/hook", "events": ["round.circulated"]}, 403, "the mediator only"),
        Case("delegate_a", lambda s: f"/api/v1/processes/{s.slug}/webhooks",
             {"url": "https://example.org/hook", "events": ["round.circulated"]}, 404, "parties: as a missing process"),
    ],
    "api.webhooks_api.patch_webhook": [
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/webhooks/{hook(s)}", {"events": []}, 422, "no events"),
        Case("mediator", lambda s: f"/api/v1/processes/{s.slug}/webhooks/{hook(s)}", {"active": "no"}, 422,
             "not a boolean"),
        Case("delegate_a", lambda s: f"/api/v1/processes/{s.slug}/webhooks/{hook(s)}", {"active": False}, 404, "parties"),
    ],
    "api.webhooks_api.remove_webhook": [
        Case("drafter", lambda s: f"/api/v1/processes/{s.slug}/webhooks/{hook(s)}", None, 403, "the mediator only"),
        Case("observer", lambda s: f"/api/v1/processes/{s.slug}/webhooks/{hook(s)}", None, 404, "observers"),
        Case("outsider", lambda s: f"/api/v1/processes/{s.slug}/webhooks/{hook(s)}", None, 404, "another process's member"),
    ],
})

CASES = {**HTML, **API}
