"""GET the DOCX of a round (or the team's working draft); the archive job's state;
POST a Word draft to import it as a new document. The parameters and answers are the
models of schemas.py."""
from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user, login_required

from ..api.contract import DOCX, Binary, operation
from ..database import reads_first
from ..drafting.permissions import document_access_or_404, require_editor
from ..errors import NotFound
from ..i18n import N_
from ..processes.permissions import process_access_or_404
from ..rounds.queries import round_or_404
from .archive import archive_state, requeue_archive
from . import schemas
from .http import (akn_request, akn_response, copy_query, docx_response, fetch_copy, release_copy,
                   uploaded_file)
from ..public_ids import encoder
from .languageimport import import_language
from .interchange import AKN_MIMETYPE
from .importing import check_draft, import_upload, preview_json, read_edited_copy, read_upload
from .operations import verify_upload
from .permissions import archive_or_404, can_verify_releases, require_language_importer
from .reimport import apply, plan

bp = Blueprint("export_api", __name__)

WORD_FILE = Binary(DOCX, "The Word file")


@bp.post("/documents/<document:document_id>/rounds/<int:number>/export")
@operation("Release a round as DOCX to the caller (recorded: which copy, to whom, its SHA-256)",
           query=schemas.CopyQuery, responses={201: WORD_FILE}, description=(
               "Clean, redline (real Word revision marks, against ?from=M or the previous round), comments, or "
               "the team's matrix; a party gets its own copy only. Session callers send the CSRF token. "
               "Answers the file, and its GET address in Location"))
@login_required
@reads_first
def release_round(document_id: int, number: int):
    return docx_response(*release_copy(document_id, number), status=201,
                         location=url_for("api.export_api.export_round", document_id=document_id, number=number,
                                          **copy_query()))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/export")
@operation("The same copy as last released to the caller (writes nothing); a copy not released to the caller "
           "answers 404", query=schemas.CopyQuery, responses={200: WORD_FILE})
@login_required
def export_round(document_id: int, number: int):
    return docx_response(*fetch_copy(document_id, number))


@bp.post("/documents/<document:document_id>/export")
@operation("Release the working draft as a clean DOCX marked WORKING DRAFT to the caller (team only; recorded)",
           query=schemas.DraftCopyQuery, responses={201: WORD_FILE})
@login_required
@reads_first
def release_draft(document_id: int):
    return docx_response(*release_copy(document_id, None), status=201,
                         location=url_for("api.export_api.export_draft", document_id=document_id, **copy_query()))


@bp.get("/documents/<document:document_id>/export")
@operation("The working draft as last released to the caller (team only; writes nothing)",
           query=schemas.DraftCopyQuery, responses={200: WORD_FILE})
@login_required
def export_draft(document_id: int):
    return docx_response(*fetch_copy(document_id, None))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/archive")
@operation("The round's archive job: progress and file names (team)", responses={200: schemas.ArchiveJob})
@login_required
def get_archive(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    archive_or_404(access)
    return jsonify(archive_state(round_or_404(document.id, number)))


@bp.post("/documents/<document:document_id>/rounds/<int:number>/archive")
@operation("Queue the round's archive again (after a failure)", responses={202: schemas.ArchiveJob},
           errors=(403, 409))
@login_required
def retry_archive(document_id: int, number: int):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    return jsonify(requeue_archive(round_or_404(document.id, number), actor=current_user)), 202


@bp.get("/documents/<document:document_id>/rounds/<int:number>/akn")
@operation("A round as Akoma Ntoso 3.0 XML (OASIS LegalDocML): chapters, articles with their titles, paragraphs "
           "and points, tables, footnotes (team only); imports back exactly",
           responses={200: Binary(AKN_MIMETYPE, "The Akoma Ntoso document")})
@login_required
def export_round_akn(document_id: int, number: int):
    return akn_response(*akn_request(document_id, number))


@bp.post("/processes/<slug>/documents/import")
@operation("Import a Word draft (or an Akoma Ntoso document) as a new document", body=schemas.WORD_IMPORT,
           query=schemas.DryRunQuery, responses={200: schemas.ImportPreview, 201: schemas.ImportedDocument},
           errors=(403,), description=(
               "Headings become sections, articles clauses (with their titles, sub-paragraphs, tables and "
               "footnotes), Word comments internal notes; ?dry_run=1 answers the outline that would be "
               "imported and creates nothing"))
@login_required
@reads_first
def import_docx(slug: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    upload = uploaded_file(N_("Send the Word file as multipart form field 'file'."))
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
@operation("Take an edited clean copy back into its document", body=schemas.TAKE_BACK, query=schemas.DryRunQuery,
           responses={200: schemas.TakeBack, 409: schemas.TakeBackRefused}, errors=(403,), description=(
               "The team's working draft or round download, edited in Word or LibreOffice, with or without "
               "tracked changes: changed wording becomes new versions, added, removed and moved articles the "
               "same operations as the drafting page; ?dry_run=1 lists every change and conflict and writes "
               "nothing. A clause changed in Penholder since the download is a conflict, never overwritten: "
               "on_conflict=refuse (default) refuses everything, skip applies the rest. Send the dry run's "
               "digest to apply exactly what was previewed"))
@login_required
@reads_first
def reimport_docx(document_id: int):
    """An edited clean copy taken back into its document: ?dry_run=1 lists every change
    and conflict; otherwise they are applied, all or nothing (reimport.py)."""
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    upload = uploaded_file(N_("Send the Word file as multipart form field 'file'."))
    draft = read_edited_copy(upload.read())
    if (request.args.get("dry_run") or request.form.get("dry_run") or "").lower() in ("1", "true", "yes"):
        return jsonify({"dry_run": True, "applied": False, **plan(document, draft).to_json(),
                        "document_id": document.public_id}), 200
    done = apply(access, document, draft, digest=request.form.get("digest") or None, actor=current_user,
                 on_conflict=request.form.get("on_conflict") or "refuse")
    return jsonify({"dry_run": False, "applied": True, **done.to_json(), "document_id": document.public_id}), 200


@bp.post("/documents/<document:document_id>/languages/<code>/import")
@operation("Import a language version of the document from Word (mediator, drafters)",
           body=schemas.LANGUAGE_IMPORT, query=schemas.DryRunQuery, responses={200: schemas.LanguageImport},
           errors=(403, 409), description=(
               "The file's articles are read as the Word importer reads them and aligned with the working "
               "draft's by number (Word numbering or typed \"Article 3\" / \"المادة ٣\"), unnumbered ones by "
               "order; each aligned text is written as an edit in that language, all or nothing, audited. The "
               "report lists the aligned articles, the document's articles without counterpart, the file's "
               "articles that aligned with nothing and the numbering mismatches; ?dry_run=1 reports and writes "
               "nothing. A language the document lacks, the lead, a broken or oversized file: refused, nothing "
               "changed"))
@login_required
@reads_first
def import_language_api(document_id: int, code: str):
    """A Word file holding the text in one of the document's languages, aligned article
    by article with the working draft (languageimport.py); ?dry_run=1 reports only."""
    access, document = document_access_or_404(current_user, document_id)
    require_language_importer(access)
    upload = uploaded_file(N_("Send the Word file as multipart form field 'file'."))
    dry_run = (request.args.get("dry_run") or request.form.get("dry_run") or "").lower() in ("1", "true", "yes")
    done = import_language(access, document, code, upload.read(), actor=current_user, dry_run=dry_run)
    return jsonify({"dry_run": dry_run, "document_id": document.public_id, **done.to_json(encoder("clause"))}), 200


@bp.post("/processes/<slug>/releases/verify")
@operation("Which release a file is (team)", body=schemas.RELEASE_FILE, responses={200: schemas.Verification},
           description=(
               "Matched by SHA-256, else by the release identifier it carries (custom property, document "
               "variable, watermark) or by its text; to whom it went, when, and whether it was altered"))
@login_required
def verify_release_api(slug: str):
    """Which release an uploaded file is (team only): see releases.py."""
    access = process_access_or_404(current_user, slug)
    if not can_verify_releases(access):
        raise NotFound()
    upload = uploaded_file(N_("Send the file as multipart form field 'file'."))
    return jsonify(verify_upload(access, upload.read(), actor=current_user))
