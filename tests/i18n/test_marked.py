"""Every user-visible string of every template is marked for translation (issue #22)."""
from tests.i18n.checker import WHITELIST, report, unmarked


def test_every_template_string_is_marked_for_translation():
    found = report()
    assert found == {}, "Text not marked for translation (wrap it in {{ _('...') }}):\n" + "\n".join(
        f"  {name}: {pieces}" for name, pieces in found.items())


def test_the_checker_catches_text_attributes_and_literals():
    assert unmarked("<p>Hello there</p>") == ["Hello there"]
    assert unmarked('<input placeholder="Your name" aria-label="Name">') == ["Your name", "Name"]
    assert unmarked("<td>{{ n }} clauses</td>") == ["clauses"]
    assert unmarked("{{ 'Hide' if shown else 'Show' }}") == ["(literal) Hide", "(literal) Show"]
    assert unmarked("<button data-confirm=\"Delete {{ x }}?\">{{ _('Delete') }}</button>") == ["Delete"]


def test_the_checker_lets_marked_text_and_code_through():
    assert unmarked("<p>{{ _('Hello %(name)s', name=user.name) }}</p>") == []
    assert unmarked("<p>{% trans %}Hello{% endtrans %}</p>") == []
    assert unmarked("{{ ngettext('%(num)s clause', '%(num)s clauses', n) }}") == []
    assert unmarked("<details{% if open %} open{% endif %}><summary>{{ _('More') }}</summary></details>") == []
    assert unmarked("<a href=\"{{ url_for('rounds.view', document_id=d.id) }}\">{{ d.title }}</a> · —") == []
    assert unmarked("<code>flask --app wsgi audit-verify</code>") == []
    assert unmarked("<a class=\"brand\">Penholder</a>") == []


def test_the_whitelist_stays_small():
    assert len(WHITELIST) <= 8


def test_every_flash_message_is_translated():
    """A flash takes gettext(...) (or a variable), never a bare literal or f-string: the
    reader's language applies to what a page tells them it did."""
    import ast
    from pathlib import Path
    offenders = []
    for path in Path("app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "flash" and node.args
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr))):
                offenders.append(f"{path}:{node.lineno}")
    assert not offenders, f"flash without gettext: {offenders}"
