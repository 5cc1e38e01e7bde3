"""Walking the app's routes: every state-changing URL, filled with plausible values."""
import re

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def fill(rule) -> str:
    """A concrete URL for a rule: ints become 1, anything else 'testland'."""
    url = rule.rule
    def value(match):
        converter = match.group(1) or "string"
        return "1" if converter in ("int", "float") else "testland"
    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?\w+>", value, url)


def write_routes(app, *, api: bool | None = None):
    """(endpoint, method, url) for every route that accepts a state-changing method."""
    for rule in app.url_map.iter_rules():
        is_api = rule.rule.startswith("/api/")
        if api is not None and is_api != api:
            continue
        for method in sorted(set(rule.methods or ()) & set(WRITE_METHODS)):
            yield rule.endpoint, method, fill(rule)
