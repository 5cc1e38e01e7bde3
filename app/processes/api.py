"""GET /processes and /processes/{slug}: only what the caller may see; the mediator's
PATCH of the settings."""
from typing import Literal

from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from pydantic import Field

from ..api.body import json_body
from ..api.contract import Body, Schema, absent, operation
from ..errors import Invalid
from ..rounds.permissions import visible_documents
from .models import Attribution, PartyKind, Role
from .operations import LATE_CHOICES, MAX_CONFIRM_DAYS, SETTINGS, update_settings
from .permissions import (Access, process_access_or_404, require_process_manager, visible_parties,
                          visible_processes)
from ..drafting.languages import languages_by_document
from ..drafting.permissions import languages_heard_of

bp = Blueprint("processes_api", __name__)

RoleName = Literal[tuple(r.value for r in Role)]
AttributionName = Literal[tuple(a.value for a in Attribution)]
LateChoice = Literal[LATE_CHOICES]


class ProcessSummary(Schema):
    slug: str
    title: str
    role: RoleName = Field(description="The caller's role in the process")


class ProcessList(Schema):
    """Processes"""
    processes: list[ProcessSummary]


class ProcessSettings(Schema):
    nauea: bool
    un_endorsed: bool
    joint_mode: bool
    observers_may_submit: bool
    status_matrix_shared: bool
    status_shared_with_observers: bool
    refuse_stale_texts: bool
    proposal_attribution: AttributionName
    line_numbering: bool
    house_font: str
    language: str
    document_symbol: str
    late_submissions: LateChoice
    time_zone: str
    ad_referendum_days: int | None
    mail_includes_text: bool


class ProcessParty(Schema):
    slug: str
    name: str
    kind: Literal[tuple(k.value for k in PartyKind)]


class ProcessDocumentLanguage(Schema):
    code: str
    authentic: bool
    lead: bool


class ProcessDocument(Schema):
    id: str
    title: str
    languages: list[ProcessDocumentLanguage] = Field(description="The languages the caller may hear of")


class ProcessDetail(ProcessSummary):
    """The process"""
    settings: ProcessSettings
    parties: list[ProcessParty]
    documents: list[ProcessDocument]
    party: str = absent(description="The caller's party or observer group (absent for the team)")


SettingValue = bool | int | str | None


class ProcessSettingsChanged(ProcessDetail):
    """The process with its new settings, and what changed"""
    changed: dict[str, tuple[SettingValue, SettingValue]] = Field(description="setting: [old value, new value]")


class ConfirmationRequired(Schema):
    """Joint mode turned on without confirm_joint_mode: nothing changed"""
    error: Literal["confirmation_required"]
    message: str
    confirm: Literal["confirm_joint_mode"] = Field(description="The field that confirms")
    opens: str = Field(description="What becomes visible")
    stays_confidential: str = Field(description="What does not")


class SettingsChange(Body):
    """The settings to change: one not named keeps its value, an unknown one is refused; only
    ad_referendum_days may be null."""
    nauea: bool = absent()
    un_endorsed: bool = absent()
    joint_mode: bool = absent(description=(
        "Items submitted while it is on are read by every party; earlier items stay confidential. "
        "Turning it on needs confirm_joint_mode: true (else 409 confirmation_required, nothing changed)"))
    confirm_joint_mode: bool = absent(description=(
        "Confirms that turning joint mode on opens what parties submit from now on, and nothing before"))
    observers_may_submit: bool = absent()
    status_matrix_shared: bool = absent()
    status_shared_with_observers: bool = absent(
        description="Observers see the status of agreement (off: the text only)")
    proposal_attribution: AttributionName = absent()
    refuse_stale_texts: bool = absent(
        description="Circulation refuses (409) a draft with an authentic text to be updated")
    line_numbering: bool = absent(description="Word drafts: line numbers in the margin")
    house_font: str = absent(max_length=100, description="Word drafts: the font")
    language: str = absent(max_length=35, description="Word drafts: BCP 47 language tag")
    document_symbol: str = absent(max_length=100, description=(
        "Word drafts: the symbol; /Rev.N is added unless {round} places it"))
    late_submissions: LateChoice = absent(description=(
        "After a round's comment deadline: refuse submissions (409, nothing written) or accept them "
        "marked late for the team"))
    time_zone: str = absent(max_length=64, description=(
        "IANA zone deadlines are shown in to readers who chose none (e.g. Europe/Nicosia)"))
    ad_referendum_days: int | None = Field(None, ge=1, le=MAX_CONFIRM_DAYS, description=(
        "Days within which a party confirms an agreement recorded ad referendum; null: no limit"))
    mail_includes_text: bool = absent(description=(
        "Notification e-mails (immediate and digest) carry the text their recipient may already read: "
        "the round's note to its parties, a team reply or decision to the submission's author, an "
        "escalation's note to its assignee; never another party's text. Off (default): a neutral line and "
        "a link"))


def process_summary(process, role) -> dict:
    return {"slug": process.slug, "title": process.title, "role": role.value}


def _documents_json(access, documents) -> list[dict]:
    """Each document with the languages the caller may hear of (issue #22), read for all
    of them at once."""
    documents = list(documents)
    languages = languages_by_document(documents)
    return [{"id": d.public_id, "title": d.title,
             "languages": [lang.json() for lang in languages_heard_of(access, d, languages[d.id])]}
            for d in documents]


def process_detail(access: Access) -> dict:
    process = access.process
    data = process_summary(process, access.role)
    data.update({
        "settings": {name: getattr(getattr(process, name), "value", getattr(process, name))
                     for name in SETTINGS},
        "parties": [{"slug": p.slug, "name": p.name, "kind": p.kind.value}
                    for p in visible_parties(access)],
        "documents": _documents_json(access, visible_documents(access)),
    })
    if access.party_id is not None:
        data["party"] = next(p.slug for p in process.parties if p.id == access.party_id)
    return data


@bp.get("/processes")
@operation("The processes the caller is a member of", responses={200: ProcessList})
@login_required
def list_processes():
    return jsonify({"processes": [process_summary(p, m.role)
                                  for p, m in visible_processes(current_user)]})


@bp.get("/processes/<slug>")
@operation("One process: its parties and documents as the caller may see them",
           responses={200: ProcessDetail})
@login_required
def get_process(slug: str):
    return jsonify(process_detail(process_access_or_404(current_user, slug)))


@bp.patch("/processes/<slug>/settings")
@operation("Change process settings (mediator)", body=SettingsChange,
           responses={200: ProcessSettingsChanged, 409: ConfirmationRequired}, errors=(403,), description=(
               "The rules of the talks (nauea, un_endorsed, joint_mode, observers_may_submit, "
               "status_matrix_shared, status_shared_with_observers, proposal_attribution, "
               "refuse_stale_texts), the deadlines (late_submissions, time_zone, ad_referendum_days), "
               "mail_includes_text, and "
               "the Word house style (line_numbering, house_font, language, document_symbol). Every value "
               "is checked before any is set: one bad value, or an unknown setting, changes nothing."))
@login_required
def patch_settings(slug: str):
    """The mediator switches joint mode, NAUEA, attribution and the like; recorded."""
    access = process_access_or_404(current_user, slug)
    require_process_manager(access)
    # The operation checks the settings in the order sent, and refuses an unknown one
    # (the model alone would ignore it), with the words the settings page shares: it
    # reads the body as sent.
    data = json_body()
    confirmed = data.pop("confirm_joint_mode", False)
    if not isinstance(confirmed, bool):
        raise Invalid("'confirm_joint_mode' must be true or false.")
    changed = update_settings(access.process, data, actor=current_user, confirmed=confirmed)
    return jsonify({"changed": changed, **process_detail(access)})
