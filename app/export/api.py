"""GET the DOCX of a round (or the team's working draft); the archive job's state;
POST a Word draft to import it as a new document."""
from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user, login_required

from ..api.openapi import error_responses, json_response
from ..database import reads_first
from ..drafting.permissions import document_access_or_404, require_editor
from ..errors import Invalid, NotFound
from ..processes.permissions import process_access_or_404
from ..rounds.queries import round_or_404
from .archive import archive_state, requeue_archive
from .http import DOCX, akn_request, akn_response, copy_query, docx_response, fetch_copy, release_copy
from ..public_ids import encoder
from .languageimport import import_language
from .importing import check_draft, import_upload, preview_json, read_edited_copy, read_upload
from .operations import verify_upload
from .permissions import archive_or_404, can_verify_releases, require_language_importer
from .reimport import apply, plan

bp = Blueprint("export_api", __name__)

@bp.post("/documents/<document:document_id>/rounds/<int:number>/export")
@login_required
@reads_first
def release_round(document_id: int, number: int):
    return docx_response(*release_copy(document_id, number), status=201,
                         location=url_for("api.export_api.export_round", document_id=document_id, number=number,
                                          **copy_query()))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/export")
@login_required
def export_round(document_id: int, number: int):
    return docx_response(*fetch_copy(document_id, number))


@bp.post("/documents/<document:document_id>/export")
@login_required
@reads_first
def release_draft(document_id: int):
    return docx_response(*release_copy(document_id, None), status=201,
                         location=url_for("api.export_api.export_draft", document_id=document_id, **copy_query()))


@bp.get("/documents/<document:document_id>/export")
@login_required
def export_draft(document_id: int):
    return docx_response(*fetch_copy(document_id, None))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/archive")
@login_required
def get_archive(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    archive_or_404(access)
    return jsonify(archive_state(round_or_404(document.id, number)))


@bp.post("/documents/<document:document_id>/rounds/<int:number>/archive")
@login_required
def retry_archive(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    return jsonify(requeue_archive(round_or_404(document.id, number), actor=current_user)), 202


@bp.get("/documents/<document:document_id>/rounds/<int:number>/akn")
@login_required
def export_round_akn(document_id: int, number: int):
    return akn_response(*akn_request(document_id, number))


@bp.post("/processes/<slug>/documents/import")
@login_required
@reads_first
def import_docx(slug: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Send the Word file as multipart form field 'file'.")
    title = request.form.get("title") or upload.filename or ""
    if (request.args.get("dry_run") or request.form.get("dry_run") or "").lower() in ("1", "true", "yes"):
        draft = read_upload(upload.read())
        check_draft(draft)                   # refused as the import would be
        return jsonify({"dry_run": True, **preview_json(draft, title)}), 200
    imported = import_upload(access, upload.read(), title, actor=current_user)
    return jsonify({"id": imported.document.public_id, "title": imported.document.title, "sections": imported.sections,
                    "clauses": imported.clauses, "notes": imported.notes, "left_out": imported.left_out,
                    "word_notes": imported.word_notes, "report": imported.report()}), 201


@bp.post("/documents/<document:document_id>/import")
@login_required
@reads_first
def reimport_docx(document_id: int):
    """An edited clean copy taken back into its document: ?dry_run=1 lists every change
    and conflict; otherwise they are applied, all or nothing (reimport.py)."""
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Send the Word file as multipart form field 'file'.")
    draft = read_edited_copy(upload.read())
    if (request.args.get("dry_run") or request.form.get("dry_run") or "").lower() in ("1", "true", "yes"):
        return jsonify({"dry_run": True, "applied": False, **plan(document, draft).to_json(),
                        "document_id": document.public_id}), 200
    done = apply(access, document, draft, digest=request.form.get("digest") or None, actor=current_user,
                 on_conflict=request.form.get("on_conflict") or "refuse")
    return jsonify({"dry_run": False, "applied": True, **done.to_json(), "document_id": document.public_id}), 200


@bp.post("/documents/<document:document_id>/languages/<code>/import")
@login_required
@reads_first
def import_language_api(document_id: int, code: str):
    """A Word file holding the text in one of the document's languages, aligned article
    by article with the working draft (languageimport.py); ?dry_run=1 reports only."""
    access, document = document_access_or_404(current_user, document_id)
    require_language_importer(access)
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Send the Word file as multipart form field 'file'.")
    dry_run = (request.args.get("dry_run") or request.form.get("dry_run") or "").lower() in ("1", "true", "yes")
    done = import_language(access, document, code, upload.read(), actor=current_user, dry_run=dry_run)
    return jsonify({"dry_run": dry_run, "document_id": document.public_id, **done.to_json(encoder("clause"))}), 200


@bp.post("/processes/<slug>/releases/verify")
@login_required
def verify_release_api(slug: str):
    """Which release an uploaded file is (team only): see releases.py."""
    access = process_access_or_404(current_user, slug)
    if not can_verify_releases(access):
        raise NotFound()
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Send the file as multipart form field 'file'.")
    return jsonify(verify_upload(access, upload.read(), actor=current_user))


def _doc(name="document_id"):
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


_QUERY = [{"name": "variant", "in": "query", "required": False,
           "schema": {"type": "string", "enum": ["clean", "redline", "comments", "matrix"]}},
          {"name": "party", "in": "query", "required": False, "schema": {"type": "string"}},
          {"name": "from", "in": "query", "required": False, "schema": {"type": "integer"}},
          {"name": "language", "in": "query", "required": False, "schema": {"type": "string"},
           "description": "The copy in that document language (clean or redline; default: the lead): both "
                          "rounds' texts in it for a redline, right-to-left for Arabic, Hebrew, Farsi, Urdu. "
                          "A party may ask for the languages a circulated round carried; any other answers "
                          "404 as a language the document lacks"}]
_NUMBER = {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}
_DOCX = {"description": "The Word file", "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}}}
_ARCHIVE = {"type": "object", "properties": {
    "status": {"type": "string", "enum": ["none", "queued", "running", "done", "failed"]},
    "progress": {"type": "integer"},
    "files": {"type": "object", "description": "variant: file name",
              "additionalProperties": {"type": "string"}},
    "error": {"type": "string", "nullable": True}}}
_LEFT_OUT = {"type": "object", "properties": {"what": {"type": "string"}, "why": {"type": "string"},
                                             "where": {"type": "string"}}}
_PREVIEW = {"type": "object", "required": ["sections", "counts"], "properties": {
    "dry_run": {"type": "boolean"}, "title": {"type": "string"},
    "sections": {"type": "array", "items": {"type": "object", "properties": {
        "title": {"type": "string"}, "where": {"type": "string"},
        "clauses": {"type": "array", "items": {"type": "object", "properties": {
            "label": {"type": "string"}, "title": {"type": "string", "nullable": True}, "text": {"type": "string"},
            "where": {"type": "string"}, "structure": {"type": "array", "items": {"type": "object"}},
            "notes": {"type": "array", "items": {"type": "object", "properties": {
                "author": {"type": "string"}, "date": {"type": "string", "nullable": True},
                "text": {"type": "string"}}}}}}}}}},
    "notes": {"type": "array", "items": {"type": "string"}}, "left_out": {"type": "array", "items": _LEFT_OUT},
    "empty_sections": {"type": "array", "items": {"type": "string"}},
    "bracket_fixes": {"type": "array", "items": {"type": "string"}},
    "counts": {"type": "object", "properties": {k: {"type": "integer"} for k in
                                                ("sections", "clauses", "tables", "footnotes", "notes")}}}}
_RELEASE = {"type": "object", "properties": {
    "release_id": {"type": "string", "nullable": True}, "document_id": {"type": "string"},
    "document": {"type": "string"}, "process": {"type": "string"}, "round": {"type": "integer", "nullable": True},
    "against": {"type": "integer", "nullable": True}, "variant": {"type": "string"},
    "language": {"type": "string", "description": "the copy's language (the lead for copies made before languages)"},
    "in_lead_language": {"type": "boolean"},
    "recipient": {"type": "object", "nullable": True, "properties": {"slug": {"type": "string"},
                                                                     "name": {"type": "string"}}},
    "copy_of": {"type": "string"},
    "releases": {"type": "array", "items": {"type": "object", "properties": {
        "at": {"type": "string"}, "format": {"type": "string"}, "sha256": {"type": "string"},
        "requested_by": {"type": "string", "nullable": True}, "how": {"type": "string"},
        "file": {"type": "string"}}}}}}
_WORDING = {"type": "object", "nullable": True, "properties": {"title": {"type": "string", "nullable": True},
                                                             "text": {"type": "string"}}}
_ROUNDTRIP = {"type": "object", "required": ["document_id", "digest", "counts", "changes", "conflicts"], "properties": {
    "dry_run": {"type": "boolean"}, "applied": {"type": "boolean"}, "document_id": {"type": "string"},
    "base": {"type": "string", "description": "what the file was downloaded from: draft:<version id> or round:<n>"},
    "digest": {"type": "string", "description": "identifies this list of changes: send it back to apply exactly it"},
    "saved_by": {"type": "string", "nullable": True, "description": "the file's last-modified-by, where it says"},
    "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
    "changes": {"type": "array", "items": {"type": "object", "required": ["op"], "properties": {
        "op": {"type": "string", "enum": ["edit", "add", "remove", "move", "add_section", "rename_section",
                                          "remove_section", "move_section"]},
        "clause_id": {"type": "integer"}, "section_id": {"type": "integer"}, "label": {"type": "string"},
        "title": {"type": "string"}, "section": {"type": "string"},
        "placed_after": {"type": "string", "nullable": True}, "where": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "string"}},
        "before": {"oneOf": [_WORDING, {"type": "string"}]}, "after": {"oneOf": [_WORDING, {"type": "string"}]},
        "index": {"type": "integer"}}}},
    "conflicts": {"type": "array", "items": {"type": "object", "properties": {
        "clause_id": {"type": "integer"}, "label": {"type": "string"}, "why": {"type": "string"},
        "downloaded": _WORDING, "current": _WORDING, "file": _WORDING}}},
    "kept": {"type": "array", "items": {"type": "string"}}, "notes": {"type": "array", "items": {"type": "string"}}}}
_ARTICLE_REF = {"type": "object", "properties": {"clause_id": {"type": "string"}, "article": {"type": "string"},
                                                "file_label": {"type": "string"}, "where": {"type": "string"},
                                                "written": {"type": "boolean"}, "why": {"type": "string"},
                                                "code": {"type": "string"}}}
_LANGUAGE_IMPORT = {"type": "object", "required": ["language", "counts", "aligned", "without_counterpart",
                                                   "unaligned", "numbering_mismatches"], "properties": {
    "dry_run": {"type": "boolean"}, "document_id": {"type": "string"}, "language": {"type": "string"},
    "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
    "aligned": {"type": "array", "items": _ARTICLE_REF},
    "without_counterpart": {"type": "array", "items": _ARTICLE_REF,
                            "description": "the document's articles the file has no counterpart for"},
    "unaligned": {"type": "array", "description": "the file's articles that aligned with nothing", "items": {
        "type": "object", "properties": {"label": {"type": "string"}, "title": {"type": "string", "nullable": True},
                                         "text": {"type": "string"}, "where": {"type": "string"},
                                         "why": {"type": "string"}, "code": {"type": "string"}}}},
    "numbering_mismatches": {"type": "array", "items": _ARTICLE_REF},
    "notes": {"type": "array", "items": {"type": "string"}}}}
OPENAPI_PATHS = {
    "/documents/{document_id}/languages/{code}/import": {"post": {
        "summary": "Import a language version of the document from Word (mediator, drafters): the file's "
                   "articles are read as the Word importer reads them and aligned with the working draft's by "
                   "number (Word numbering or typed \"Article 3\" / \"المادة ٣\"), unnumbered ones by order; "
                   "each aligned text is written as an edit in that language, all or nothing, audited. The "
                   "report lists the aligned articles, the document's articles without counterpart, the "
                   "file's articles that aligned with nothing and the numbering mismatches; ?dry_run=1 "
                   "reports and writes nothing. A language the document lacks, the lead, a broken or "
                   "oversized file: refused, nothing changed",
        "parameters": [_doc(), {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "dry_run", "in": "query", "required": False, "schema": {"type": "boolean"}}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"},
                                                                 "dry_run": {"type": "boolean"}}}}}},
        "responses": {"200": json_response("The alignment report (and what was written)", _LANGUAGE_IMPORT),
                      **error_responses(400, 401, 403, 404, 409, 413, 422)}}},
    "/documents/{document_id}/import": {"post": {
        "summary": "Take an edited clean copy (the team's working draft or round download, edited in Word or "
                   "LibreOffice, with or without tracked changes) back into its document: changed wording "
                   "becomes new versions, added, removed and moved articles the same operations as the "
                   "drafting page; ?dry_run=1 lists every change and conflict and writes nothing. A clause "
                   "changed in Penholder since the download is a conflict, never overwritten: on_conflict="
                   "refuse (default) refuses everything, skip applies the rest. Send the dry run's digest to "
                   "apply exactly what was previewed",
        "parameters": [_doc(), {"name": "dry_run", "in": "query", "required": False, "schema": {"type": "boolean"}}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}, "dry_run": {"type": "boolean"},
                           "digest": {"type": "string"},
                           "on_conflict": {"type": "string", "enum": ["refuse", "skip"]}}}}}},
        "responses": {"200": json_response("The changes (applied, or with dry_run only listed)", _ROUNDTRIP),
                      **error_responses(400, 401, 403, 404, 413, 422),
                      "409": json_response("Nothing applied: conflicts (listed), the document changed since the "
                                           "preview (the new digest), or the text is concluded", {
                          "type": "object", "required": ["error", "message"], "properties": {
                              "error": {"type": "string"}, "message": {"type": "string"},
                              "digest": {"type": "string"},
                              "conflicts": _ROUNDTRIP["properties"]["conflicts"]}})}}},
    "/documents/{document_id}/rounds/{number}/export": {
        "post": {
            "summary": "Release a round as DOCX to the caller (recorded: which copy, to whom, its SHA-256): "
                       "clean, redline (real Word revision marks, against ?from=M or the previous round), "
                       "comments, or the team's matrix; a party gets its own copy only. Session callers "
                       "send the CSRF token. Answers the file, and its GET address in Location",
            "parameters": [_doc(), _NUMBER, *_QUERY],
            "responses": {"201": _DOCX, **error_responses(400, 401, 404, 422)}},
        "get": {
            "summary": "The same copy as last released to the caller (writes nothing); a copy not released "
                       "to the caller answers 404",
            "parameters": [_doc(), _NUMBER, *_QUERY],
            "responses": {"200": _DOCX, **error_responses(401, 404, 422)}}},
    "/documents/{document_id}/export": {
        "post": {"summary": "Release the working draft as a clean DOCX marked WORKING DRAFT to the caller "
                            "(team only; recorded)",
                 "parameters": [_doc(), *_QUERY[:2], _QUERY[3]], "responses": {"201": _DOCX, **error_responses(400, 401, 404, 422)}},
        "get": {"summary": "The working draft as last released to the caller (team only; writes nothing)",
                "parameters": [_doc(), *_QUERY[:2], _QUERY[3]], "responses": {"200": _DOCX, **error_responses(401, 404, 422)}}},
    "/documents/{document_id}/rounds/{number}/archive": {
        "get": {"summary": "The round's archive job: progress and file names (team)",
                "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {"200": json_response("Archive job", _ARCHIVE), **error_responses(401, 404)}},
        "post": {"summary": "Queue the round's archive again (after a failure)",
                 "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
                 "responses": {"202": json_response("Archive job", _ARCHIVE), **error_responses(401, 403, 404, 409)}}},
    "/processes/{slug}/releases/verify": {"post": {
        "summary": "Which release a file is (team): matched by SHA-256, else by the release identifier it "
                   "carries (custom property, document variable, watermark) or by its text; to whom it "
                   "went, when, and whether it was altered",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}}}},
        "responses": {"200": json_response("The verification", {
            "type": "object", "required": ["status", "sha256"], "properties": {
                "status": {"type": "string", "enum": ["exact", "altered", "same_text", "unknown"]},
                "sha256": {"type": "string"}, "format": {"type": "string"},
                "altered": {"type": "boolean", "nullable": True},
                "evidence": {"type": "array", "items": {"type": "string"}},
                "claims_copy_for": {"type": "string", "nullable": True},
                "release": _RELEASE, "candidates": {"type": "array", "items": _RELEASE},
                "text_unchanged": {"type": "boolean"}}}), **error_responses(400, 401, 404, 413, 422)}}},
    "/documents/{document_id}/rounds/{number}/akn": {"get": {
        "summary": "A round as Akoma Ntoso 3.0 XML (OASIS LegalDocML): chapters, articles with their titles, "
                   "paragraphs and points, tables, footnotes (team only); imports back exactly",
        "parameters": [_doc(), {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "The Akoma Ntoso document", "content": {
            "application/akn+xml": {"schema": {"type": "string"}}}}, **error_responses(401, 404)}}},
    "/processes/{slug}/documents/import": {"post": {
        "summary": "Import a Word draft (or an Akoma Ntoso document) as a new document: headings become "
                   "sections, articles clauses "
                   "(with their titles, sub-paragraphs, tables and footnotes), Word comments internal notes; "
                   "?dry_run=1 answers the outline that would be imported and creates nothing",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "dry_run", "in": "query", "required": False, "schema": {"type": "boolean"}}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}, "title": {"type": "string"},
                           "dry_run": {"type": "boolean"}}}}}},
        "responses": {"200": json_response("Dry run: the parsed outline, nothing created", _PREVIEW),
                      "201": json_response("The new document and what was imported or left out", {
            "type": "object", "properties": {
                "id": {"type": "string"}, "title": {"type": "string"}, "sections": {"type": "integer"},
                "clauses": {"type": "integer"}, "notes": {"type": "array", "items": {"type": "string"}},
                "left_out": {"type": "array", "items": _LEFT_OUT}, "word_notes": {"type": "integer"},
                "report": {"type": "string"}}}), **error_responses(400, 401, 403, 404, 413, 422)}}},
}
