"""Download links and the archive job's progress on the round page; the same exports
as the API for the browser; archive downloads; the import form on the process page,
its preview and its confirmation."""
from flask import Blueprint, Response, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from ..database import reads_first
from ..drafting.permissions import document_access_or_404, require_editor
from ..errors import NotFound
from ..i18n import N_
from ..panels import Panel, provides
from ..processes.permissions import can_edit_text, process_access_or_404
from ..requests import on_refusal
from ..rounds.queries import round_or_404, round_outline
from ..rounds.textdiff import render_redline_html, word_diff
from .archive import archive_state
from .http import (akn_request, akn_response, copy_query, docx_response, fetch_copy, release_copy,
                   uploaded_file)
from .importing import PreviewStore, ReportStore, check_draft, create_from_draft, preview_json, read_edited_copy, read_upload
from .files import export_root
from .operations import record_archive_download, verify_upload
from .permissions import (archive_or_404, bilingual_table_or_404, can_export_working_draft,
                          can_make_party_copies, can_see_archive, can_verify_releases, require_language_importer)
from .languageimport import import_language, reason_text
from .reimport import apply, plan
from .releases import describe_in_words
from ..api.body import query_int
from ..drafting.languages import chosen_languages, copy_section, in_language, language_name, languages_of
from ..drafting.permissions import languages_heard_of
from ..drafting.queries import working_outline
from ..models_base import utcnow
from .word.bilingual import Column, Row, Section, bilingual_docx

bp = Blueprint("export", __name__)


@provides("round_view")
def _round_downloads(access, *, document, round, outline):
    return Panel(vars={"archive": archive_state(round) if can_see_archive(access) else None,
                       "export_parties": [p for p in document.process.parties] if can_make_party_copies(access) else [],
                       "export_languages": [lang for lang in languages_heard_of(access, document, languages_of(document))
                                            if not lang.lead]},
                 page_templates=["export/_round_downloads.html"])


@provides("document")
def _draft_download(access, document=None, **_):
    if access is None or document is None or not can_export_working_draft(access):
        return None
    return Panel(actions=[("Working draft (.docx)", url_for("export.release_draft_docx", document_id=document.id))])


@bp.post("/documents/<document:document_id>/rounds/<int:number>/export")
@login_required
@reads_first
def release_round_docx(document_id: int, number: int):
    """The download buttons: the copy is released (recorded) here, then fetched."""
    document_access_or_404(current_user, document_id)
    on_refusal(url_for("rounds.view", document_id=document_id, number=number))
    release_copy(document_id, number)
    return redirect(url_for("export.round_docx", document_id=document_id, number=number, **copy_query()), 303)


@bp.get("/documents/<document:document_id>/rounds/<int:number>/export")
@login_required
def round_docx(document_id: int, number: int):
    return docx_response(*fetch_copy(document_id, number))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/akn")
@login_required
def round_akn(document_id: int, number: int):
    return akn_response(*akn_request(document_id, number))


@bp.post("/documents/<document:document_id>/export")
@login_required
@reads_first
def release_draft_docx(document_id: int):
    document_access_or_404(current_user, document_id)
    on_refusal(url_for("drafting.document", document_id=document_id))
    release_copy(document_id, None)
    return redirect(url_for("export.draft_docx", document_id=document_id, **copy_query()), 303)


@bp.get("/documents/<document:document_id>/export")
@login_required
def draft_docx(document_id: int):
    return docx_response(*fetch_copy(document_id, None))


@bp.get("/documents/<document:document_id>/rounds/<int:number>/archive/<variant>")
@login_required
def archive_file(document_id: int, number: int, variant: str):
    access, document = document_access_or_404(current_user, document_id)
    archive_or_404(access)
    round_ = round_or_404(document.id, number)
    name = (archive_state(round_)["files"] or {}).get(variant)
    if name is None:
        raise NotFound()
    record_archive_download(round_, variant, actor=current_user)
    return send_from_directory(export_root(), name, as_attachment=True,
                               download_name=name.rsplit("/", 1)[-1])


@bp.post("/p/<slug>/import")
@login_required
@reads_first
def import_form(slug: str):
    """Upload: the file is read and checked, kept on the server under a random token,
    and shown for confirmation; nothing is created yet."""
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    on_refusal(url_for("processes.show", slug=slug), form="import", keep=("title",))
    upload = uploaded_file(N_("Choose a Word file (.docx) to import."), named=True)
    draft = read_upload(upload.read())
    check_draft(draft)
    token = PreviewStore().put(access, draft, request.form.get("title") or upload.filename)
    return redirect(url_for("export.import_preview", slug=slug, token=token)), 303


@bp.get("/p/<slug>/import/<token>")
@login_required
def import_preview(slug: str, token: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    draft, title = PreviewStore().get(access, token)
    preview = preview_json(draft, title)
    return render_template("export/import_preview.html", access=access, process=access.process, token=token,
                           preview=preview, draft=draft)


@bp.post("/p/<slug>/import/<token>")
@login_required
@reads_first
def import_confirm(slug: str, token: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    store = PreviewStore()
    draft, title = store.get(access, token)
    on_refusal(url_for("export.import_preview", slug=slug, token=token), form=f"import-{token}", keep=("title",))
    imported = create_from_draft(access, draft, request.form.get("title") or title, actor=current_user)
    store.discard(token)
    flash(gettext("“%(title)s”: %(report)s", title=imported.document.title, report=imported.report()),
          "success")   # the import report itself stays in English
    return redirect(url_for("drafting.document", document_id=imported.document.id)), 303


@bp.route("/p/<slug>/releases/verify", methods=["GET", "POST"])
@login_required
def verify_page(slug: str):
    """The team uploads a file someone holds and learns which release it is."""


    access = process_access_or_404(current_user, slug)
    if not can_verify_releases(access):
        raise NotFound()
    answer = None
    if request.method == "POST":
        on_refusal(url_for("export.verify_page", slug=slug))
        upload = uploaded_file(N_("Choose the file to verify."), named=True)
        answer = verify_upload(access, upload.read(), actor=current_user)
    return render_template("export/verify.html", access=access, process=access.process, answer=answer,
                           words=describe_in_words(answer) if answer else None)


@bp.app_template_global()
def may_verify(access) -> bool:
    return access is not None and can_verify_releases(access)


@bp.post("/p/<slug>/import/<token>/discard")
@login_required
def import_discard(slug: str, token: str):
    access = process_access_or_404(current_user, slug)
    require_editor(access)
    store = PreviewStore()
    store.get(access, token)                 # someone else's token answers 404
    store.discard(token)
    flash(gettext("The import was cancelled; nothing was created."), "success")
    return redirect(url_for("processes.show", slug=slug)), 303


@bp.app_template_global()
def may_import(access) -> bool:
    return access is not None and can_edit_text(access)


# ---------------------------------------------------------------- an edited copy taken back

@provides("draft_view")
def _take_back_form(access, *, document, outline):
    if access is None or not can_edit_text(access) or document.is_concluded:
        return None
    return Panel(page_templates=["export/_take_back_form.html"])


@bp.post("/documents/<document:document_id>/take-back")
@login_required
@reads_first
def take_back_upload(document_id: int):
    """An edited clean copy uploaded: read, planned against the document, kept under a
    token and shown; nothing is changed yet."""
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    on_refusal(url_for("drafting.document", document_id=document.id), form="take-back")
    upload = uploaded_file(N_("Choose the edited Word file (.docx) to take back in."), named=True)
    draft = read_edited_copy(upload.read())
    plan(document, draft)                       # refused now (another document, no anchors) as it would be
    token = PreviewStore().put(access, draft, upload.filename, into=document.id)
    return redirect(url_for("export.take_back_preview", document_id=document.id, token=token)), 303


@bp.get("/documents/<document:document_id>/take-back/<token>")
@login_required
def take_back_preview(document_id: int, token: str):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    draft, name = PreviewStore().get(access, token, into=document.id)
    return render_template("export/take_back_preview.html", access=access, document=document, token=token,
                           name=name, report=plan(document, draft).to_json())


@bp.post("/documents/<document:document_id>/take-back/<token>")
@login_required
@reads_first
def take_back_confirm(document_id: int, token: str):
    """Applies exactly the previewed changes (the digest), all or nothing."""
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    store = PreviewStore()
    draft, _ = store.get(access, token, into=document.id)
    on_refusal(url_for("export.take_back_preview", document_id=document.id, token=token))
    done = apply(access, document, draft, digest=request.form.get("digest") or "", actor=current_user,
                 on_conflict=request.form.get("on_conflict") or "refuse")
    store.discard(token)
    skipped = (" " + gettext("%(count)s conflicting article(s) left as they are.", count=len(done.conflicts))
               if done.conflicts else "")
    flash(gettext("The edited copy was taken back in: %(summary)s.", summary=done.summary()) + skipped, "success")
    return redirect(url_for("drafting.document", document_id=document.id)), 303


@bp.post("/documents/<document:document_id>/take-back/<token>/discard")
@login_required
def take_back_discard(document_id: int, token: str):
    access, document = document_access_or_404(current_user, document_id)
    require_editor(access)
    store = PreviewStore()
    store.get(access, token, into=document.id)
    store.discard(token)
    flash(gettext("Nothing was changed; the edited copy was set aside."), "success")
    return redirect(url_for("drafting.document", document_id=document.id)), 303


@bp.app_template_global()
def wording_redline(before: str, after: str):
    """A wording's change as the diff pages show it, words struck and inserted."""
    return render_redline_html(word_diff(before or "", after or ""))


@bp.get("/documents/<document:document_id>/bilingual.docx")
@login_required
def bilingual_docx_view(document_id: int):
    """The texts side by side in a Word table, two or three languages (?lang=, as the
    side-by-side page), of the working draft or ?round=N (the team)."""


    access, document = document_access_or_404(current_user, document_id)
    bilingual_table_or_404(access)
    number = query_int("round")
    round_ = round_or_404(document.id, number) if number is not None else None
    chosen, _ = chosen_languages(document)
    base = round_outline(round_) if round_ else working_outline(document.id)
    per_language = [in_language([copy_section(s) for s in base], document, lang.code) for lang in chosen]
    sections = []
    for i, section in enumerate(base):
        rows = []
        for j, clause in enumerate(section.clauses):
            cells = [(outline[i].clauses[j].title, outline[i].clauses[j].text, outline[i].clauses[j].to_be_updated)
                     for outline in per_language]
            rows.append(Row(clause.label, cells))
        sections.append(Section(f"{section.number}. {section.title}", rows))
    data = bilingual_docx(
        title=document.title, subtitle=(round_.label if round_ else "Working draft (internal)") + " · "
        + " / ".join(language_name(lang.code) for lang in chosen),
        columns=[Column(lang.code, language_name(lang.code), lang.rtl, lang.authentic) for lang in chosen],
        sections=sections, when=round_.circulated_at if round_ else utcnow(),
        nauea=document.process.nauea, font=document.process.house_font)
    name = f"{document.public_id}-{f'Rev.{round_.number}' if round_ else 'draft'}-" \
           + "-".join(lang.code for lang in chosen) + ".docx"
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# ---------------------------------------------------------------- a language version from Word

@provides("draft_view")
def _language_import_form(access, *, document, outline):
    if access is None or not can_edit_text(access) or document.is_concluded:
        return None
    others = [lang for lang in languages_of(document) if not lang.lead]
    if not others:
        return None
    return Panel(vars={"language_import_languages": others},
                 page_templates=["export/_language_import_form.html"])


@bp.post("/documents/<document:document_id>/languages/import")
@login_required
@reads_first
def language_import(document_id: int):
    """A Word file of one language version: aligned, written (or, "preview only", just
    reported), and the report shown (languageimport.py)."""
    access, document = document_access_or_404(current_user, document_id)
    require_language_importer(access)
    on_refusal(url_for("drafting.document", document_id=document.id), form="language-import")
    upload = uploaded_file(N_("Choose the Word file (.docx) of that language version."), named=True)
    dry_run = request.form.get("dry_run") == "1"
    done = import_language(access, document, request.form.get("language") or "", upload.read(),
                           actor=current_user, dry_run=dry_run)
    # Post-redirect-get: the report is kept for its user and shown by a GET, so that a
    # reload shows it again instead of uploading the file a second time.
    token = ReportStore().keep(access, document.id, {"name": upload.filename, "dry_run": dry_run,
                                                     "report": done.to_json(lambda cid: cid)})
    return redirect(url_for("export.language_import_report", document_id=document.id, token=token)), 303


@bp.get("/documents/<document:document_id>/languages/import/<token>")
@login_required
def language_import_report(document_id: int, token: str):
    """The report of a language import this user just made (or previewed)."""
    access, document = document_access_or_404(current_user, document_id)
    require_language_importer(access)
    kept = ReportStore().read(access, document.id, token)
    report = kept["report"]
    return render_template("export/language_import_report.html", access=access, document=document,
                           name=kept["name"], dry_run=kept["dry_run"], language=language_name(report["language"]),
                           report=report, reason=reason_text)
