"""JSON API for documents, sections and clauses (the working draft).

Parties and observers read documents only as circulated rounds: GET /documents/{id}
gives them the latest round whatever they ask, and every working-draft route answers
them 404, exactly as for an id that does not exist. The bodies and answers are the
models of schemas.py.
"""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..api.body import db_int, query_id
from ..api.contract import operation, parse_body
from ..errors import NotFound
from ..extensions import db
from ..processes.permissions import process_access_or_404
from ..public_ids import encode
from ..rounds.diffing import version_diff, version_title_diff
from ..rounds.permissions import round_to_read
from ..rounds.queries import round_outline, rounds_of
from ..workbench.negotiation import draft_negotiation, filtered_outline, negotiation_json, parse_filter
from . import schemas
from .languages import clause_languages, in_language, languages_of
from .models import Clause, ClauseVersion, Document, Section
from .operations import (KEEP, add_clause, add_document_language, add_section, create_document, delete_clause,
                         edit_clause,
                         move_clause, move_section, remove_section, rename_section, restore_version)
from .permissions import (languages_heard_of, clause_access_or_404, document_access_or_404, require_editor, require_language_editor,
                          require_team_or_404, section_access_or_404)
from .queries import ClauseRow, clause_number, versions_of, working_outline
from .schemas import named
from .serialize import document_json, rounds_json, version_json
from .structure import outline_of

bp = Blueprint("drafting_api", __name__)


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    value = db_int(raw)
    if value is None:
        raise NotFound("No such round.")
    return value


@bp.post("/processes/<slug>/documents")
@operation("Create a document in a process (mediator, drafter)", body=schemas.TitleBody,
           responses={201: schemas.NewDocument}, errors=(403,))
@login_required
def create_document_api(slug: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    given = parse_body(schemas.TitleBody)
    document = create_document(access, given.title, actor=current_user)
    return jsonify({"id": document.public_id, "title": document.title}), 201


@bp.get("/documents/<document:document_id>")
@operation("A document: the working draft for the team, the latest circulated round for parties and "
           "observers", query=schemas.DocumentQuery, responses={200: schemas.Document}, description=(
               "?round=N for a given round. On the team's working draft, ?negotiation=1 adds each clause's "
               "`negotiation` (the latest round's submissions and dispositions on it, open findings, counted "
               "positions, the status of its circulated wording, changed since the latest round) and "
               "?filter= keeps the clauses that are changed, contested or with open findings (and adds the "
               "same); parties and observers get the round whatever they ask"))
@login_required
def get_document(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    round_ = round_to_read(access, document.id, _int_arg("round"))
    rounds = rounds_of(document.id)
    languages = languages_heard_of(access, document, languages_of(document))
    code = request.args.get("language")
    language = languages[0] if code is None else next((lang for lang in languages if lang.code == code), None)
    if language is None:
        raise NotFound("The document has no such language.")
    outline = round_outline(round_) if round_ else working_outline(document.id)
    if len(languages) > 1 or code is not None:
        outline = in_language(outline, document, language.code)
    if round_ is None and (request.args.get("filter") or request.args.get("negotiation") in ("1", "true")):
        return jsonify(_with_negotiation(access, document, rounds, outline, request.args.get("filter")))
    return jsonify(document_json(document, round_number=round_.number if round_ else None,
                                 rounds=rounds_json(rounds), outline=outline, language=language,
                                 languages=languages))


def _with_negotiation(access, document, rounds, outline, raw_filter) -> dict:
    """The team's working draft with each clause's negotiation (submissions, dispositions,
    findings, positions, changed since the latest round), filtered by ?filter= when given."""
    name = parse_filter(raw_filter)
    if name is not None:
        outline = filtered_outline(access, document, outline, name)
    ids = [c.clause_id for s in outline for c in s.clauses]
    negotiation = draft_negotiation(access, document, ids)
    body = document_json(document, round_number=None, rounds=rounds_json(rounds), outline=outline)
    body["filter"] = name
    by_pid = {encode("clause", i): i for i in ids}
    for section in body["sections"]:
        for clause in section["clauses"]:
            clause["negotiation"] = negotiation_json(negotiation[by_pid[clause["id"]]])
    return body


@bp.post("/documents/<document:document_id>/sections")
@operation("Add a section at the end of the document", body=schemas.TitleBody,
           responses={201: schemas.SectionRef}, errors=(403, 409))
@login_required
def create_section_api(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    given = parse_body(schemas.TitleBody)
    section = add_section(document, given.title, actor=current_user)
    return jsonify({"id": section.public_id, "title": section.title}), 201


@bp.patch("/sections/<section:section_id>")
@operation("Rename a section", body=schemas.TitleBody, responses={200: schemas.SectionRef}, errors=(403, 409))
@login_required
def rename_section_api(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    given = parse_body(schemas.TitleBody)
    rename_section(section, given.title, actor=current_user)
    return jsonify({"id": section.public_id, "title": section.title})


@bp.delete("/sections/<section:section_id>")
@operation("Remove a section from the working draft: its clauses are deleted (their history kept); rounds "
           "that circulated it keep it", body=schemas.SectionRemoval, body_required=False,
           responses={200: schemas.SectionRemoved}, errors=(403, 409))
@login_required
def remove_section_api(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    given = parse_body(schemas.SectionRemoval, None if request.get_data() else {})
    deleted = remove_section(section, actor=current_user, reason=given.reason)
    return jsonify({"id": section.public_id, "removed": True, "clauses_deleted": deleted})


@bp.post("/sections/<section:section_id>/move")
@operation("Move a section (with its clauses) to a position among the document's sections",
           body=schemas.SectionMove, responses={200: schemas.SectionMoved}, errors=(403, 409))
@login_required
def move_section_api(section_id: int):
    access, section = section_access_or_404(current_user, section_id)
    require_editor(access)
    move_section(section, parse_body(schemas.SectionMove).position, actor=current_user)
    return jsonify({"id": section.public_id, "position": section.position})


def _clause_json(clause_id: int) -> dict:
    clause = db.session.get(Clause, clause_id)
    version = db.session.get(ClauseVersion, clause.current_version_id)
    number = None if version.is_tombstone else clause_number(clause)
    row = ClauseRow(clause.id, version.id, clause.section_id, number, version.text,
                    version.bracket_count, version.option_count, version.is_tombstone)
    return {"id": clause.public_id, "number": number, "label": row.label, "title": version.title,
            "text": version.text, "structure": outline_of(version.text),
            "version_id": version.public_id, "section_id": encode("section", clause.section_id),
            "deleted": version.is_tombstone, "brackets": version.bracket_count,
            "options": version.option_count,
            "texts": clause_languages(db.session.get(Document, clause.document_id), version)}


@bp.post("/documents/<document:document_id>/clauses")
@operation("Add a clause at the end of a section", body=schemas.NewClause, responses={201: schemas.Clause},
           errors=(403, 409))
@login_required
def create_clause_api(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    given = parse_body(schemas.NewClause)
    section = db.session.get(Section, named("section", given.section_id))
    if section is None or section.document_id != document.id:
        raise NotFound("No such section in this document.")
    clause = add_clause(document, section, given.text, actor=current_user, reason=given.reason,
                        title=given.title)
    return jsonify(_clause_json(clause.id)), 201


def _team_clause(clause_id: int, *, editor: bool):
    access, clause = clause_access_or_404(current_user, clause_id)
    (require_editor if editor else require_team_or_404)(access)
    return access, clause


@bp.get("/clauses/<clause:clause_id>")
@operation("A clause of the working draft (team)", responses={200: schemas.Clause})
@login_required
def get_clause(clause_id: int):
    _team_clause(clause_id, editor=False)
    return jsonify(_clause_json(clause_id))


@bp.patch("/clauses/<clause:clause_id>")
@operation("Edit a clause: writes a new version; 409 with the current text when the base version is stale",
           body=schemas.ClauseEdit, responses={200: schemas.Clause, 409: schemas.Stale}, errors=(403,))
@login_required
def edit_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    given = parse_body(schemas.ClauseEdit)
    # 'title' absent keeps the current one; null or "" is none.
    title = given.title if "title" in given.model_fields_set else KEEP
    edit_clause(clause_id, given.text, named("version", given.base_version_id), actor=current_user,
                reason=given.reason, title=title, language=given.language)
    return jsonify(_clause_json(clause_id))


@bp.post("/documents/<document:document_id>/languages")
@operation("Add a language to a document, authentic or a translation (mediator, drafter); every clause is "
           "to be updated in it until its text is written", body=schemas.NewLanguage,
           responses={201: schemas.DocumentLanguages}, errors=(403, 409))
@login_required
def add_language_api(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    require_language_editor(access)
    given = parse_body(schemas.NewLanguage)
    add_document_language(document, given.code, authentic=given.authentic, actor=current_user)
    return jsonify({"id": document.public_id, "languages": [lang.json() for lang in languages_of(document)]}), 201


@bp.delete("/clauses/<clause:clause_id>")
@operation("Delete a clause (writes a tombstone version)", body=schemas.ClauseDeletion,
           responses={200: schemas.Clause, 409: schemas.Stale}, errors=(403,))
@login_required
def delete_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    given = parse_body(schemas.ClauseDeletion)
    delete_clause(clause_id, named("version", given.base_version_id), actor=current_user, reason=given.reason)
    return jsonify(_clause_json(clause_id))


@bp.post("/clauses/<clause:clause_id>/restore")
@operation("Restore an earlier wording (or undelete) as a new version", body=schemas.ClauseRestore,
           responses={200: schemas.Clause, 409: schemas.Stale}, errors=(403,))
@login_required
def restore_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    given = parse_body(schemas.ClauseRestore)
    restore_version(clause_id, named("version", given.version_id), named("version", given.base_version_id),
                    actor=current_user, reason=given.reason)
    return jsonify(_clause_json(clause_id))


@bp.post("/clauses/<clause:clause_id>/move")
@operation("Move a clause to a position (1-based) in a section of the same document", body=schemas.ClauseMove,
           responses={200: schemas.Clause}, errors=(403, 409))
@login_required
def move_clause_api(clause_id: int):
    _team_clause(clause_id, editor=True)
    given = parse_body(schemas.ClauseMove)
    move_clause(clause_id, named("section", given.section_id), given.position, actor=current_user)
    return jsonify(_clause_json(clause_id))


@bp.get("/clauses/<clause:clause_id>/versions")
@operation("Version history of a clause, newest first (team)", responses={200: schemas.Versions})
@login_required
def clause_versions_api(clause_id: int):
    _team_clause(clause_id, editor=False)
    return jsonify({"clause_id": encode("clause", clause_id),
                    "versions": [version_json(v) for v in versions_of(clause_id)]})


@bp.get("/clauses/<clause:clause_id>/compare")
@operation("Word-level diff between two versions of a clause", query=schemas.CompareQuery,
           responses={200: schemas.VersionDiff})
@login_required
def compare_versions_api(clause_id: int):
    _team_clause(clause_id, editor=False)
    versions = {v.id: v for v in versions_of(clause_id)}
    old, new = query_id("from", "version"), query_id("to", "version")
    if old not in versions or new not in versions:
        raise NotFound("Choose two versions of this clause ('from' and 'to').")
    return jsonify({"clause_id": encode("clause", clause_id), "from": encode("version", old), "to": encode("version", new),
                    "ops": [[op, text] for op, text in version_diff(versions[old], versions[new])],
                    "title_ops": [[op, text] for op, text in version_title_diff(versions[old], versions[new])]})
