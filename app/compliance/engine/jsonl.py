"""The `compliance-check` contract: JSON lines in, JSON lines out, in input order.

Each input line is {"id": ..., "text": ...}; lines may also carry "number", "section"
and "label", and are then read as one document (so cross-references resolve). Blank
lines are skipped. A malformed line stops the run before anything is written.
"""
import json

from .check import check_clause
from .document import check_document


class JsonlError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line


def _read(in_stream) -> list[dict]:
    items = []
    for number, raw in enumerate(in_stream, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as err:
            raise JsonlError(number, f"not valid JSON ({err.msg})") from None
        if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("text"), str):
            raise JsonlError(number, 'expected an object with "id" and a string "text"')
        items.append(item)
    return items


def run_jsonl(in_stream, out_stream) -> int:
    """Checks every line; returns the number of clauses checked."""
    items = _read(in_stream)
    as_document = any(k in item for item in items for k in ("number", "section", "label"))
    if as_document:
        keyed = [{"id": str(i), "text": item["text"], "number": item.get("number"),
                  "section": item.get("section"), "label": item.get("label")}
                 for i, item in enumerate(items)]
        results = check_document(keyed)
        findings = [results[str(i)] for i in range(len(items))]
    else:
        findings = [check_clause(item["text"]) for item in items]
    for item, found in zip(items, findings):
        out_stream.write(json.dumps({"id": item["id"], "findings": [f.as_dict() for f in found]},
                                    ensure_ascii=False) + "\n")
    return len(items)
