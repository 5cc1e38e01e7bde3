"""Finds user-visible template text not marked for translation (issue #22).

A template is lexed with Jinja's own lexer; everything Jinja evaluates becomes a placeholder
and `{% trans %}` blocks are left out, so what remains is the HTML the template writes
itself. Its text nodes (outside <script>, <style> and <code>: commands and syntax) and its visible attributes (title, placeholder, aria-label, alt,
data-confirm, label) must hold no letters. Inside `{{ }}` and `{% %}`, a string literal
that reads like words (a capital letter or a space, and letters) must be the argument of
`_()`, `gettext()` or `ngettext()`: `{{ 'Hide' if x else 'Show' }}` is caught; URLs'
endpoints and attribute names are not words.
"""
import re
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
LETTER = re.compile(r"[^\W\d_]")
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-confirm", "label"}
GETTEXT_NAMES = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
HOLE = "\x00"
HOLE_IN_SOURCE = " \x00 "     # spaces: a hole inside a tag (`<details{% if %} open{% endif %}>`) stays apart

# Words that are the same in every language of the interface. Keep this list small.
WHITELIST = {
    "Penholder",            # the product's name
}


def _environment() -> Environment:
    return Environment(extensions=["jinja2.ext.i18n"])


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self._skip += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text: str):
        for piece in text.split(HOLE):
            piece = " ".join(piece.split())
            if LETTER.search(piece) and piece.strip(" .,:;·—–()") not in WHITELIST:
                self.found.append(piece)


def _wordy(literal: str) -> bool:
    return bool(LETTER.search(literal)) and (" " in literal.strip() or literal[:1].isupper()) \
        and literal not in WHITELIST


def unmarked(source: str) -> list[str]:
    """The unmarked pieces of text of one template's source."""
    skeleton: list[str] = []
    literals: list[str] = []
    in_trans = 0
    calls: list[int] = []          # parenthesis depths at which a gettext call is open
    depth = 0
    tokens = [t for t in _environment().lex(source) if t[1] != "whitespace"]
    for i, (_, kind, value) in enumerate(tokens):
        previous = [t[1:] for t in tokens[max(0, i - 2):i]]
        if kind == "operator" and value == "(":
            depth += 1
            if previous and previous[-1][0] == "name" and previous[-1][1] in GETTEXT_NAMES:
                calls.append(depth)
        elif kind == "operator" and value == ")":
            if calls and calls[-1] == depth:
                calls.pop()
            depth -= 1
        if kind == "name" and value in ("trans", "pluralize") and previous and previous[-1][0] == "block_begin":
            in_trans += value == "trans"
        elif kind == "name" and value == "endtrans" and previous and previous[-1][0] == "block_begin":
            in_trans -= 1
        if kind == "data":
            skeleton.append(HOLE_IN_SOURCE if in_trans else value)
            continue
        skeleton.append(HOLE_IN_SOURCE)
        if kind == "string" and not in_trans and not calls and _wordy(value[1:-1]):
            literals.append(value[1:-1])
    parser = _Text()
    parser.feed("".join(skeleton))
    parser.close()
    return parser.found + [f"(literal) {text}" for text in literals]


def template_files(root: Path = TEMPLATES) -> list[Path]:
    return sorted(root.rglob("*.html"))


def report(root: Path = TEMPLATES) -> dict[str, list[str]]:
    found = {}
    for path in template_files(root):
        pieces = unmarked(path.read_text(encoding="utf-8"))
        if pieces:
            found[str(path.relative_to(root))] = pieces
    return found


if __name__ == "__main__":
    for name, pieces in report().items():
        print(f"{name}: {len(pieces)}")
        for piece in pieces:
            print("   ", piece[:110])
