"""Pages: positions in the round view, the status page (matrix for the team, own
positions and what to look at again for a party), packages, conclusion, convergence."""
from typing import NamedTuple

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from ..i18n import N_
from ..drafting.permissions import document_access_or_404
from ..api.body import form_id, query_id
from ..errors import Invalid
from ..models_base import utcnow
from ..panels import Panel, panels_for, provides
from ..requests import on_refusal
from ..rounds.links import clause_link
from ..rounds.queries import latest_round
from ..rounds.textdiff import render_redline_html
from .chart import convergence_svg
from .confirmation import own_confirmations
from .convergence import convergence_data
from .operations import (agree_package, bracket_notice, conclude, confirm_position, create_package, reopen,
                         set_position)
from .permissions import (agreement_or_404, convergence_or_404, may_record_positions, package_or_404, party_or_404,
                          position_clause_or_404, sees_agreement, sees_convergence, sees_look_again, sees_matrix,
                          own_positions_party, position_or_404, require_position_for, team_action_or_404,
                          visible_packages)
from .queries import (agreed_by_section, changed_since_previous, clause_count, clauses_for, look_again,
                      status_for)
from .status import PinRun, document_status
from .visibility import label_of, nauea_applies, shown_to

bp = Blueprint("agreement", __name__)

MATRIX_LIMIT = 500      # above this many clauses the matrix is shown per section


@provides("document")
def _status_link(access, document=None, **_):
    if access is None or document is None:
        return None
    if not sees_agreement(access):
        return None
    links = [(N_("Status"), url_for("agreement.status_page", document_id=document.id))]
    if sees_convergence(access):
        links.append((N_("Convergence"), url_for("agreement.convergence_page", document_id=document.id)))
    return Panel(links=links)


class PartyRef(NamedTuple):
    id: int
    slug: str
    name: str


@provides("round_view")
def _round_positions(access, *, document, round, outline):
    if not sees_agreement(access):
        return None
    clauses = [c for s in outline for c in s.clauses]
    shown = {c.clause_id for c in clauses}
    # A page is a run of the round's positions (numbers are positions + 1).
    run = clauses and clauses[-1].number - clauses[0].number + 1 == len(clauses)
    status = clauses_for(access, document, shown,
                         run=PinRun(round.id, clauses[0].number - 1, clauses[-1].number - 1) if run else None)
    latest = status.round is not None and status.round.id == round.id
    by_clause = {c.clause_id: c for c in status.clauses} if latest else {}
    # Plain tuples: the template reads them thousands of times on a treaty's section page.
    parties = [PartyRef(p.id, p.slug, p.name) for p in status.parties]
    # What this reader is shown per clause, worked out here: cheaper than in the template.
    nauea = nauea_applies(status)
    shown_status = {c.clause_id: shown_to(access, c) for c in by_clause.values()}
    return Panel(vars={"status_by_clause": by_clause, "status_parties": parties, "shown_status": shown_status,
                       "status_labels": {s: label_of(s, nauea) for s in set(shown_status.values())},
                       "sees_matrix": sees_matrix(access),
                       "packages_url": url_for("agreement.status_page", document_id=document.id) + "#packages",
                       "may_position": latest and not document.is_concluded and may_record_positions(access),
                       # The reader's own party's agreements ad referendum: awaiting, confirmed, expired.
                       "own_confirmations": own_confirmations(
                           own_positions_party(access), document.id, shown,
                           document.process.ad_referendum_days, utcnow()) if latest else {}},
                 clause_templates=["agreement/_clause_position.html"],
                 page_templates=["agreement/_form_templates.html"])


def _round_url(document_id: int, clause_id: int | None = None) -> str:
    round_ = latest_round(document_id)
    if round_ is None:
        return url_for("agreement.status_page", document_id=document_id)
    return (clause_link(round_, clause_id) if clause_id
            else url_for("rounds.view", document_id=document_id, number=round_.number))


def _back_to_round(document_id: int, clause_id: int | None = None):
    return redirect(_round_url(document_id, clause_id)), 303


@bp.post("/clauses/<clause:clause_id>/position")
@login_required
def position_form(clause_id: int):
    # The API twin's checks, in its order: clause, status shared, party; then the form.
    access, clause = position_clause_or_404(current_user, clause_id)
    party = party_or_404(access, request.form.get("party", ""))
    on_refusal(_round_url(clause.document_id, clause.id), form=f"position-{clause.public_id}",
               keep=("status", "note"))
    version_id = form_id("version_id", "version")
    position = set_position(access, clause, party, request.form.get("status", ""), version_id,
                            request.form.get("note") or None, actor=current_user)
    notice = bracket_notice(position)
    flash(notice or gettext("Position recorded."), "warning" if notice else "success")
    return _back_to_round(clause.document_id, clause.id)


@bp.get("/documents/<document:document_id>/status")
@login_required
def status_page(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    agreement_or_404(access)
    only_contested = request.args.get("contested") == "1"
    only_changed = request.args.get("changed") == "1"
    section_id = query_id("section", "section")
    # A whole treaty is shown per section; its positions are loaded for one section only.
    overview = section_id is None and clause_count(document) > MATRIX_LIMIT
    status = status_for(access, document, section_id=section_id, with_matrix=not overview)
    rows = status.clauses
    if only_contested:
        rows = [c for c in rows if shown_to(access, c) == "contested"]
    changed_ids = changed_since_previous(document, status) if only_changed else None
    if changed_ids is not None:
        rows = [c for c in rows if c.clause_id in changed_ids]
    by_section = None
    if overview:
        by_section = _aggregate(rows, status, access)
        rows = []
    packages = visible_packages(access, document.id)
    pinned = {c.clause_id: c.number for c in status.clauses}
    lapsed = look_again(access, status) if sees_look_again(access) else []
    for item in lapsed:
        item["html"] = render_redline_html([tuple(op) for op in item["ops"]])
    return render_template("agreement/status.html", access=access, document=document, status=status, rows=rows,
                           by_section=by_section, only_contested=only_contested, only_changed=only_changed,
                           section_id=section_id, sees_matrix=sees_matrix(access), shown_to=shown_to,
                           label=lambda v: label_of(v, nauea_applies(status)), packages=packages, numbers=pinned,
                           lapsed=lapsed, toolbar=panels_for("document", access, document=document))


def _aggregate(rows, status, access) -> list[dict]:
    """Per section: clauses and the count per status (readable at 30,000 clauses), and
    for the matrix the clauses each party agreed (one grouped query)."""
    out: dict = {}
    for c in rows:
        entry = out.setdefault(c.section_id, {"section_id": c.section_id, "first": c.number, "clauses": 0,
                                              "agreed": 0, "contested": 0, "open": 0,
                                              "party_agreed": {p.id: 0 for p in status.parties}})
        entry["clauses"] += 1
        entry[shown_to(access, c)] += 1
    if sees_matrix(access) and status.round is not None:
        for section_id, party_id, n in agreed_by_section(status.round, [p.id for p in status.parties]):
            if section_id in out and party_id in out[section_id]["party_agreed"]:
                out[section_id]["party_agreed"][party_id] = n
    return list(out.values())


@bp.post("/positions/<position:position_id>/confirm")
@login_required
def confirm_form(position_id: int):
    """The party confirms its agreement ad referendum (the API twin's checks first)."""
    access, position = position_or_404(current_user, position_id)
    require_position_for(access, position.party)
    on_refusal(_round_url(position.document_id, position.clause_id))
    confirm_position(access, position, actor=current_user)
    flash(gettext("Agreement confirmed."), "success")
    return _back_to_round(position.document_id, position.clause_id)


@bp.post("/documents/<document:document_id>/packages")
@login_required
def package_form(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    back = url_for("agreement.status_page", document_id=document.id)
    on_refusal(back, form=f"package-{document.id}", keep=("name", "numbers"))
    words = request.form.get("numbers", "").replace(",", " ").split()
    numbers = [int(n) for n in words if n.isascii() and n.isdigit()]
    if not numbers or len(numbers) != len(words):
        raise Invalid("Give the clause numbers of the package, separated by commas.")
    status = document_status(document)
    by_number = {c.number: c.clause_id for c in status.clauses}
    if any(n not in by_number for n in numbers):
        raise Invalid("Every number must be a clause of the latest round.")
    create_package(access, document, request.form.get("name", ""), [by_number[n] for n in numbers],
                   actor=current_user)
    flash(gettext("Package created."), "success")
    return redirect(back), 303


@bp.post("/packages/<package:package_id>/position")
@login_required
def package_position_form(package_id: int):
    # The API twin's checks, in its order: package, status shared, party; then the form.
    access, package = package_or_404(current_user, package_id)
    agreement_or_404(access)
    party = party_or_404(access, request.form.get("party", ""))
    back = url_for("agreement.status_page", document_id=package.document_id)
    on_refusal(back)
    agree_package(access, package, party, request.form.get("status", ""), actor=current_user)
    flash(gettext("Position on the package recorded."), "success")
    return redirect(back), 303


@bp.post("/documents/<document:document_id>/conclude")
@login_required
def conclude_form(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    back = url_for("agreement.status_page", document_id=document.id)
    on_refusal(back, form=f"conclude-{document.id}", keep=("reason",))
    if request.form.get("action") == "reopen":
        reopen(access, document, request.form.get("reason"), actor=current_user)
        flash(gettext("The text is reopened; every position has lapsed."), "success")
    else:
        conclude(access, document, actor=current_user)
        flash(gettext("The text is concluded and locked."), "success")
    return redirect(back), 303


@bp.get("/documents/<document:document_id>/convergence")
@login_required
def convergence_page(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    convergence_or_404(access)
    data = convergence_data(document)
    return render_template("agreement/convergence.html", access=access, document=document, data=data,
                           chart=convergence_svg(data), toolbar=panels_for("document", access, document=document))
