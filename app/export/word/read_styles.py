"""What a paragraph's style says: heading level, title-page role, automatic numbering,
alignment and emphasis, resolved through `w:basedOn` the way Word does.

Heading levels come from the built-in style names ("heading 1" ... "heading 9", which
Word writes in English whatever the interface language; LibreOffice and pandoc write
"Heading 1") or from an outline level (`w:outlineLvl`) on the style or the paragraph.
"""
import re
from dataclasses import dataclass

from .read_package import w

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OFF = {"0", "false", "off", "none"}


def on(element) -> bool:
    """An on/off property (w:b, w:i, w:caps ...): present and not switched off."""
    return element is not None and (element.get(w("val")) or "true").lower() not in _OFF


@dataclass
class StyleInfo:
    style_id: str
    name: str = ""
    based_on: str | None = None
    outline_level: int | None = None      # 0 = heading 1
    num_id: str | None = None
    ilvl: int | None = None
    centred: bool | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    kind: str = "paragraph"               # paragraph | character | numbering | table


class Styles:
    def __init__(self, root):
        self.styles: dict[str, StyleInfo] = {}
        self.default_paragraph: str | None = None
        self.default_bold = self.default_italic = False
        self._resolved: dict[str, StyleInfo] = {}
        self._levels: dict[str, int | None] = {}
        self._roles: dict[str, str] = {}
        if root is None:
            return
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if defaults is not None:
            self.default_bold = on(defaults.find(w("b")))
            self.default_italic = on(defaults.find(w("i")))
        for style in root.iter(w("style")):
            info = StyleInfo(style.get(w("styleId"), ""), kind=style.get(w("type"), "paragraph"))
            name = style.find(w("name"))
            info.name = name.get(w("val"), "") if name is not None else ""
            based = style.find(w("basedOn"))
            info.based_on = based.get(w("val")) if based is not None else None
            ppr = style.find(w("pPr"))
            if ppr is not None:
                outline = ppr.find(w("outlineLvl"))
                if outline is not None and (outline.get(w("val")) or "").isdigit():
                    info.outline_level = int(outline.get(w("val")))
                num = ppr.find(w("numPr"))
                if num is not None:
                    num_id, ilvl = num.find(w("numId")), num.find(w("ilvl"))
                    info.num_id = num_id.get(w("val")) if num_id is not None else None
                    if ilvl is not None and (ilvl.get(w("val")) or "").isdigit():
                        info.ilvl = int(ilvl.get(w("val")))
                jc = ppr.find(w("jc"))
                if jc is not None:
                    info.centred = jc.get(w("val")) == "center"
            rpr = style.find(w("rPr"))
            if rpr is not None:
                for prop in ("b", "i", "caps"):
                    element = rpr.find(w(prop))
                    if element is not None:
                        setattr(info, {"b": "bold", "i": "italic", "caps": "caps"}[prop], on(element))
            self.styles[info.style_id] = info
            if style.get(w("default")) in ("1", "true", "on") and info.kind == "paragraph":
                self.default_paragraph = info.style_id

    def resolve(self, style_id: str | None) -> StyleInfo:
        """The style with inherited properties filled in (cached)."""
        style_id = style_id or self.default_paragraph or ""
        if style_id in self._resolved:
            return self._resolved[style_id]
        chain, seen, current = [], set(), style_id
        while current and current in self.styles and current not in seen:
            seen.add(current)
            chain.append(self.styles[current])
            current = self.styles[current].based_on
        merged = StyleInfo(style_id, name=chain[0].name if chain else "")
        for info in reversed(chain):              # the base first, the style itself last
            for attr in ("outline_level", "num_id", "ilvl", "centred", "bold", "italic", "caps"):
                value = getattr(info, attr)
                if value is not None:
                    setattr(merged, attr, value)
        self._resolved[style_id] = merged
        return merged

    def heading_level(self, style_id: str | None) -> int | None:
        """0 for heading 1 ... from the style's name or outline level; None if not a heading."""
        key = style_id or ""
        if key not in self._levels:
            self._levels[key] = self._heading_level(style_id)
        return self._levels[key]

    def _heading_level(self, style_id: str | None) -> int | None:
        info = self.resolve(style_id)
        match = _HEADING_NAME.match(info.name.strip()) or _HEADING_NAME.match(style_id or "")
        if match:
            return int(match.group(1)) - 1
        if info.outline_level is not None and info.outline_level < 9:
            return info.outline_level
        return None

    def role(self, style_id: str | None) -> str:
        """"title" for Title / Subtitle styles (a title page), else ""."""
        key = style_id or ""
        if key not in self._roles:
            name = self.resolve(style_id).name.strip().lower()
            self._roles[key] = "title" if name in ("title", "subtitle") or key in ("Title", "Subtitle") else ""
        return self._roles[key]

    def character(self, style_id: str | None) -> StyleInfo | None:
        return self.resolve(style_id) if style_id in self.styles else None
