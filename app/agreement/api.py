"""Positions, status, packages, conclusion and reopening; the convergence data."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select

from ..api.body import json_body
from ..api.contract import operation, parse_body, parse_query
from ..drafting.permissions import document_access_or_404
from ..errors import Invalid
from ..extensions import db
from ..processes.permissions import Access
from ..public_ids import NOTHING, decode, encode
from .convergence import convergence_data
from .summary import document_summary
from .models import Position
from ..models_base import utcnow
from .confirmation import confirmation_of
from .operations import (agree_package, bracket_notice, conclude, confirm_position, create_package, reopen,
                         set_package_clauses, set_position)
from .permissions import (agreement_or_404, convergence_or_404, package_or_404, party_or_404,
                          position_clause_or_404, position_or_404, sees_history_of, team_action_or_404,
                          visible_packages)
from .queries import status_for
from .schemas import (Concluded, Convergence, DocumentStatus, NewPackage, Package, PackageClauses, PackagePosition,
                      PackagePositionRequest, Packages, PositionHistory, PositionRecord, PositionRequest,
                      RecordedPosition, Reopened, ReopenRequest, StatusQuery)
from .serialize import status_json

bp = Blueprint("agreement_api", __name__)


def _ids(ids: list) -> list[int]:
    if not all(isinstance(i, str) for i in ids) or len(ids) > 10_000:
        raise Invalid("'clause_ids' must be a list of clause ids.")
    return [decode("clause", i) or NOTHING for i in ids]


def _package_json(p) -> dict:
    return {"id": p.public_id, "name": p.name, "clause_ids": [encode("clause", c) for c in p.clause_ids]}


@bp.put("/clauses/<clause:clause_id>/positions/<party_slug>")
@operation("Record a party's position on the clause as circulated in the latest round (its delegates, "
           "or the mediator on its behalf)", body=PositionRequest, responses={200: RecordedPosition},
           errors=(403, 409))
@login_required
def put_position(clause_id: int, party_slug: str):
    access, clause = position_clause_or_404(current_user, clause_id)
    party = party_or_404(access, party_slug)
    given = parse_body(PositionRequest)
    position = set_position(access, clause, party, given.status, decode("version", given.version_id) or NOTHING,
                            given.note, actor=current_user)
    body = _history_json(position)
    notice = bracket_notice(position)
    if notice:
        body["notice"] = notice
    return jsonify(body), 200


def _history_json(p: Position, *, full: bool = True) -> dict:
    """A position; `full=False` (another party's, through a shared matrix) leaves out who
    recorded it and when, and its confirmation: the matrix shares the position, not its
    authors."""
    data = {"id": p.public_id, "clause_id": encode("clause", p.clause_id),
            "version_id": encode("version", p.version_id), "party": p.party.slug,
            "status": p.stance.value, "note": p.note, "on_behalf": p.on_behalf,
            "set_by": p.set_by.name if p.set_by and full else None,
            "package": p.package_agreement_id is not None}
    if full:
        data["created_at"] = p.created_at.isoformat()
        confirmation = confirmation_of(p, p.party.process.ad_referendum_days, utcnow())
        if confirmation is not None:
            data["confirmation"] = confirmation
    return data


@bp.post("/positions/<position:position_id>/confirm")
@operation("Confirm an agreement given ad referendum (the party's delegates, or the mediator on its "
           "behalf); another party's position answers 404 as a missing one",
           responses={200: PositionRecord}, errors=(403, 409))
@login_required
def post_confirm(position_id: int):
    access, position = position_or_404(current_user, position_id)
    confirm_position(access, position, actor=current_user)
    return jsonify(_history_json(position))


def position_history_of(access: Access, clause) -> list[dict]:
    """Every change of position on the clause the caller may read: the team all parties',
    a party its own, and with the matrix shared each other party's current position only."""
    rows = db.session.scalars(select(Position).where(Position.clause_id == clause.id).order_by(Position.id))
    shown = []
    for p in rows:
        how = sees_history_of(access, p.party_id)
        if how == "all" or (how == "current" and p.current):
            shown.append(_history_json(p, full=how == "all"))
    return shown


@bp.get("/clauses/<clause:clause_id>/positions")
@operation("History of positions on a clause (the team sees every party's, a party its own, and with "
           "the matrix shared each other party's current position)", responses={200: PositionHistory})
@login_required
def position_history(clause_id: int):
    access, clause = position_clause_or_404(current_user, clause_id)
    return jsonify({"clause_id": clause.public_id, "positions": position_history_of(access, clause)})


@bp.get("/documents/<document:document_id>/status")
@operation("Derived status of every clause of the latest round and of the document (clauses=0: of the "
           "document only, counted per section)", query=StatusQuery, responses={200: DocumentStatus})
@login_required
def get_status(document_id: int):
    """?clauses=0: the document's status without its clauses (agreed?, counts per
    section; what a treaty's status read needs); ?section=ID limits the clauses;
    ?positions=0 leaves out the per-party matrix."""
    access, document = document_access_or_404(current_user, document_id)
    agreement_or_404(access)
    asked = parse_query(StatusQuery)
    if asked.clauses in ("0", "false"):
        return jsonify(document_summary(access, document))
    section = (decode("section", asked.section) or NOTHING) if asked.section else None
    status = status_for(access, document, section_id=section, with_matrix=asked.positions not in ("0", "false"))
    return jsonify(status_json(access, status))


@bp.get("/documents/<document:document_id>/packages")
@operation("Packages of clauses agreed as a whole", responses={200: Packages})
@login_required
def list_packages(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    return jsonify({"packages": [_package_json(p) for p in visible_packages(access, document.id)]})


@bp.post("/documents/<document:document_id>/packages")
@operation("Link clauses into a package (mediator, drafters)", body=NewPackage, responses={201: Package},
           errors=(403, 409))
@login_required
def post_package(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    given = parse_body(NewPackage)
    package = create_package(access, document, given.name, _ids(given.clause_ids), actor=current_user)
    return jsonify(_package_json(package)), 201


@bp.put("/packages/<package:package_id>")
@operation("Change the clauses of a package (lapses agreements to it)", body=PackageClauses,
           responses={200: Package}, errors=(403, 409))
@login_required
def put_package(package_id: int):
    access, package = package_or_404(current_user, package_id)
    team_action_or_404(access)
    set_package_clauses(access, package, _ids(parse_body(PackageClauses).clause_ids), actor=current_user)
    return jsonify(_package_json(package))


@bp.put("/packages/<package:package_id>/positions/<party_slug>")
@operation("A party agrees a package as a whole (or sets it back to open)", body=PackagePositionRequest,
           responses={200: PackagePosition}, errors=(403, 409))
@login_required
def put_package_position(package_id: int, party_slug: str):
    access, package = package_or_404(current_user, package_id)
    agreement_or_404(access)
    party = party_or_404(access, party_slug)
    given = parse_body(PackagePositionRequest)
    agree_package(access, package, party, given.status, note=given.note, actor=current_user)
    return jsonify({"id": package.public_id, "party": party_slug, "status": given.status})


@bp.post("/documents/<document:document_id>/conclude")
@operation("Conclude an agreed text (mediator): locks it", responses={200: Concluded}, errors=(403, 409))
@login_required
def post_conclude(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    entry = conclude(access, document, actor=current_user)
    return jsonify({"document_id": document.public_id, "concluded": True, "round": entry.round_number})


@bp.post("/documents/<document:document_id>/reopen")
@operation("Reopen a concluded text (mediator): every position lapses", body=ReopenRequest, body_required=False,
           responses={200: Reopened}, errors=(403, 409))
@login_required
def post_reopen(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    team_action_or_404(access)
    given = parse_body(ReopenRequest, json_body() if request.content_length else {})
    reopen(access, document, given.reason, actor=current_user)
    return jsonify({"document_id": document.public_id, "concluded": False})


@bp.get("/documents/<document:document_id>/convergence")
@operation("Per round: share of clauses agreed per party, brackets, options, clauses changed (team)",
           responses={200: Convergence})
@login_required
def get_convergence(document_id: int):
    access, document = document_access_or_404(current_user, document_id)
    convergence_or_404(access)
    return jsonify(convergence_data(document))
