"""The OpenAPI document, assembled from each feature's api.py `OPENAPI_PATHS` and
`OPENAPI_SCHEMAS`, so a route and its description live side by side."""
from flask import Flask

from ..features import feature_modules

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"},
                   # What some refusals add: the field at fault, its limit, the place in the
                   # text (brackets), the latest round (nothing changed since).
                   "field": {"type": "string"}, "max_length": {"type": "integer"},
                   "position": {"type": "integer"}, "latest_round": {"type": "integer"}},
}

# Counts of a round's changes (``first_round`` on Rev. 1, ``unchanged`` when re-circulated as asked).
ROUND_SUMMARY = {"type": "object", "properties": {
    **{name: {"type": "integer"} for name in (
        "clauses_changed", "added", "removed", "modified", "moved", "brackets_opened", "brackets_closed",
        "words_added", "words_removed")},
    "unchanged": {"oneOf": [{"type": "boolean"}, {"type": "integer"}]}, "first_round": {"type": "boolean"},
    "to_be_updated": {"type": "object", "additionalProperties": {"type": "integer"},
                      "description": "Per authentic language, the clauses whose text is to be updated (issue #22)"}}}


def error_responses(*statuses: int) -> dict:
    descriptions = {400: "Malformed request", 401: "Not authenticated", 403: "Not allowed",
                    404: "Not found, or not visible to the caller", 409: "Conflict",
                    413: "Too large", 422: "Invalid input", 429: "Too many attempts"}
    return {str(s): {"description": descriptions[s],
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for s in statuses}


def stale_or_conflict() -> dict:
    """409 of a write that names its base version: stale (with the current text) or
    another conflict (e.g. the text is concluded)."""
    return {"409": {"description": "Conflict: a stale base version (the current text comes back) or a locked text",
                    "content": {"application/json": {"schema": {"anyOf": [
                        {"$ref": "#/components/schemas/Stale"}, {"$ref": "#/components/schemas/Error"}]}}}}}


def json_request(schema: dict, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_openapi(app: Flask) -> dict:
    paths: dict = {}
    schemas: dict = {"Error": ERROR_SCHEMA}
    for module in feature_modules("api"):
        for path, operations in getattr(module, "OPENAPI_PATHS", {}).items():
            paths.setdefault(path, {}).update(operations)
        for name, schema in getattr(module, "OPENAPI_SCHEMAS", {}).items():
            # Two features naming different schemas alike would silently describe one
            # feature's answers with the other's: refuse to build such a document.
            if schemas.get(name, schema) != schema:
                raise ValueError(f"OpenAPI schema {name!r} is defined twice, differently ({module.__name__})")
            schemas[name] = schema
    return {
        "openapi": "3.0.3",
        "info": {"title": "Penholder API", "version": "1",
                 "description": "Drafting a single negotiating text in rounds. "
                                "Authenticate with POST /tokens, then send "
                                "`Authorization: Bearer <token>`."},
        "servers": [{"url": "/api/v1"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
