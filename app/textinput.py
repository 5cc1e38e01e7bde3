"""One rule for the characters of every text a user sends, HTML form or JSON, applied at
the request boundary before any view reads it:

- line breaks in every form (CR LF, CR, vertical tab, form feed, NEL, U+2028, U+2029)
  become "\\n": a vertical tab is Word's manual line break when its text is pasted, and
  a form feed its page break;
- tab and "\\n" stay;
- every other control character (C0, DEL, C1) is removed: they have no meaning in a
  negotiating text and Word cannot store them, so keeping them would only let an export
  drop them silently later;
- a lone surrogate (possible only through a JSON escape such as "\\ud800") is not text:
  the request is refused with 422 naming the field.

So what is stored is what every page, API answer and Word export shows.
"""
import re

from flask_babel import gettext

from .errors import Invalid

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def normalise_text(value: str, *, name: str = "text") -> str:
    """The text under the rule above (the same object when nothing needs changing)."""
    if not _NEEDS_WORK.search(value):
        return value
    if _SURROGATE.search(value):
        position = _SURROGATE.search(value).start()
        raise Invalid(gettext("'%(name)s' is not valid Unicode text (a lone surrogate at character %(position)s).",
                              name=name, position=position + 1),
                      code="invalid_text", extra={"field": name})
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))
