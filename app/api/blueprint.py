"""Assembles /api/v1 from the features' blueprints; serves the OpenAPI document."""
from flask import Blueprint, current_app, jsonify

from .openapi import build_openapi


def create_api_blueprint(children: list[Blueprint]) -> Blueprint:
    # A new parent per app: Flask forbids adding children to a registered blueprint.
    api = Blueprint("api", __name__, url_prefix="/api/v1")
    for child in children:
        api.register_blueprint(child)

    @api.get("/openapi.json")
    def openapi_document():
        return jsonify(build_openapi(current_app))

    return api
