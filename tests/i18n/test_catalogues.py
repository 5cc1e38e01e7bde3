"""The catalogues are complete for the four languages of the interface (issue #22).

The messages are extracted afresh from the sources (babel.cfg, with app/i18n.py's
EXTRACT_KEYWORDS, as the README's `pybabel extract` command does): the committed
messages.pot must hold all of them, and French, Spanish and Arabic must translate every
one of them, not fuzzy, with the same %(placeholders)s.
"""
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.i18n import CATALOGUES, EXTRACT_KEYWORDS, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _extracted() -> set:
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = dict(DEFAULT_KEYWORDS, **{k: None for k in EXTRACT_KEYWORDS})
    return {message[2] for message in extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)
            if message[2]}


@pytest.fixture(scope="module")
def extracted() -> set:
    return _extracted()


def _read(path: Path, locale=None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _key(message_id):
    return message_id if isinstance(message_id, str) else tuple(message_id)


def test_the_template_is_up_to_date(extracted):
    template = {_key(m.id) for m in _read(CATALOGUES / "messages.pot") if m.id}
    missing = {_key(m) for m in extracted} - template
    assert not missing, ("Strings not in app/translations/messages.pot: run the README's pybabel extract "
                         f"and update commands, then translate them: {sorted(map(str, missing))[:20]}")


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_message_is_translated(extracted, language):
    catalogue = _read(CATALOGUES / language / "LC_MESSAGES" / "messages.po", locale=language)
    problems = []
    for message_id in extracted:
        message = catalogue.get(message_id if isinstance(message_id, str) else message_id[0])
        if message is None:
            problems.append(f"missing: {message_id!r}")
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(f"untranslated or fuzzy: {message_id!r}")
            continue
        if isinstance(message_id, str):
            wanted = set(PLACEHOLDER.findall(message_id))
            if set(PLACEHOLDER.findall(strings[0])) != wanted:
                problems.append(f"placeholders differ: {message_id!r} -> {strings[0]!r}")
        else:   # plural forms may leave out %(num)s (Arabic: "one bracket", "two brackets")
            allowed = set(PLACEHOLDER.findall(message_id[0])) | set(PLACEHOLDER.findall(message_id[1]))
            if any(set(PLACEHOLDER.findall(s)) - allowed for s in strings):
                problems.append(f"unknown placeholder: {message_id!r}")
    assert not problems, f"{language}: {len(problems)} problems, e.g. " + "; ".join(problems[:10])


def test_arabic_has_its_six_plural_forms():
    catalogue = _read(CATALOGUES / "ar" / "LC_MESSAGES" / "messages.po", locale="ar")
    assert catalogue.num_plurals == 6
    plural = [m for m in catalogue if m.id and not isinstance(m.id, str)]
    assert plural and all(len(m.string) == 6 for m in plural)
