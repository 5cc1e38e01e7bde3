"""Assembles /api/v1 from the features' blueprints; serves the OpenAPI document."""
from flask import Blueprint, current_app, jsonify

from .contract import check_response
from .openapi import build_openapi


def create_api_blueprint(children: list[Blueprint]) -> Blueprint:
    # A new parent per app: Flask forbids adding children to a registered blueprint.
    api = Blueprint("api", __name__, url_prefix="/api/v1")
    for child in children:
        api.register_blueprint(child)

    @api.after_request
    def hold_to_the_document(response):
        # Tests turn this on: every answer the suite receives is checked against its schema.
        if current_app.config.get("VALIDATE_RESPONSES"):
            check_response(response)
        return response

    @api.get("/openapi.json")
    def openapi_document():
        return jsonify(build_openapi(current_app))

    return api
