"""The OpenAPI document, written from the operations the API's views describe
(`contract.operation`): paths from the URL rules, bodies and answers from the pydantic
models, so a route and its description live side by side and cannot drift (the tests
hold every answer to its schema, and that every route of the API is described)."""
import re

from flask import Flask
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .contract import Binary, Error, Operation, Upload, described, model_for

REF = "#/components/schemas/{model}"
PREFIX = "/api/v1"
_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")

STATUS_DESCRIPTIONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "Done, nothing to return",
                       400: "Malformed request", 401: "Not authenticated", 403: "Not allowed",
                       404: "Not found, or not visible to the caller", 409: "Conflict",
                       413: "Too large", 422: "Invalid input", 429: "Too many attempts"}


def build_openapi(app: Flask) -> dict:
    paths, models = _described_operations(app)
    schemas = _model_schemas(models)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Penholder API", "version": "1",
                 "description": "Drafting a single negotiating text in rounds. "
                                "Authenticate with POST /tokens, then send "
                                "`Authorization: Bearer <token>`."},
        "servers": [{"url": PREFIX}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }


def _described_operations(app: Flask) -> tuple[dict, set]:
    paths: dict = {}
    models: set = {Error}
    for rule in app.url_map.iter_rules():
        described_as = described(app.view_functions.get(rule.endpoint))
        if described_as is None or not rule.rule.startswith(PREFIX + "/"):
            continue
        path, parameters = _path_and_parameters(rule.rule[len(PREFIX):])
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(
                described_as, parameters, models, writes=method != "GET")
    return paths, models


def _path_and_parameters(rule: str) -> tuple[str, list]:
    parameters = [{"name": name, "in": "path", "required": True,
                   "schema": {"type": "integer"} if converter == "int" else {"type": "string"}}
                  for converter, name in _ARGUMENT.findall(rule)]
    return _ARGUMENT.sub(r"{\2}", rule), parameters


def _operation(described_as: Operation, path_parameters: list, models: set, *, writes: bool) -> dict:
    document: dict = {"summary": described_as.summary}
    if described_as.description:
        document["description"] = described_as.description
    parameters = path_parameters + _query_parameters(described_as.query)
    if parameters:
        document["parameters"] = parameters
    if described_as.public:
        document["security"] = []
    body = described_as.body
    if isinstance(body, Upload):
        document["requestBody"] = {"required": described_as.body_required, "content": {
            "multipart/form-data": {"schema": _upload_schema(body)}}}
    elif body is not None:
        models.add(body)
        document["requestBody"] = {"required": described_as.body_required, "content": {
            "application/json": {"schema": {"$ref": REF.format(model=body.__name__)}}}}
    document["responses"] = {
        str(status): _response(status, model_for(described_as, status), models)
        for status in sorted(described_as.statuses(bool(path_parameters), writes))}
    return document


def _query_parameters(model: type[BaseModel] | None) -> list:
    if model is None:
        return []
    schema = model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", []))
    parameters = []
    for name, field_schema in schema.get("properties", {}).items():
        parameter = {"name": name, "in": "query", "required": name in required,
                     "schema": {k: v for k, v in field_schema.items() if k not in ("title", "description")}}
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        parameters.append(parameter)
    return parameters


def _upload_schema(upload: Upload) -> dict:
    properties = {name: {"type": "string", "format": "binary"} for name in upload.files}
    properties.update({name: {"type": "string", "description": text} for name, text in upload.fields.items()})
    schema = {"type": "object", "properties": properties}
    if upload.required:
        schema["required"] = list(upload.required)
    return schema


def _response(status: int, model, models: set) -> dict:
    if isinstance(model, Binary):
        return {"description": model.description,
                "content": {model.media_type: {"schema": {"type": "string", "format": "binary"}}}}
    if model is None:
        return {"description": STATUS_DESCRIPTIONS.get(status, "Done")}
    models.add(model)
    description = (model.__doc__ or "").strip().split("\n")[0] or STATUS_DESCRIPTIONS.get(status, "")
    if status >= 400 and model is Error:
        description = STATUS_DESCRIPTIONS.get(status, description)
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=model.__name__)}}}}


def _model_schemas(models: set) -> dict:
    """The models' JSON Schema (2020-12, as OpenAPI 3.1 takes it), nested models included."""
    ordered = sorted(models, key=lambda m: (m.__module__, m.__name__))
    _, top = models_json_schema([(m, "validation") for m in ordered], ref_template=REF)
    return top.get("$defs", {})
