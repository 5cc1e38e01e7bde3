"""Word's automatic numbering, rendered as the reader of the document sees it.

numbering.xml holds abstract lists (`w:abstractNum`, up to nine levels, each with a start
value, a format and a level text such as "Article %1.", "%1.%2" or "(%3)") and list
instances (`w:num`) that point at one and may override a level's start or the whole
level. A paragraph names an instance and a level (`w:numPr`, on the paragraph or
through its style). Counting follows Word:

* instances of one abstract list share their counters, unless an instance overrides a
  start value: then it counts on its own, from that start;
* using a level restarts the levels below it (or, with `w:lvlRestart`, only when a level
  at or above the one it names is used; 0 never restarts);
* `w:isLgl` writes every number of the level text in arabic digits;
* a level whose format is "none" writes its level text without the number.
"""
from dataclasses import dataclass, field

from .read_package import w

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_CARDINAL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen", "twenty"]
_ORDINAL = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth", "twentieth"]


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a ... z, aa ... zz, aaa ..."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(n).upper() if n > 0 else str(n)
    if fmt == "lowerRoman":
        return roman(n) if n > 0 else str(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "cardinalText":
        return _CARDINAL[n].capitalize() if 0 <= n < len(_CARDINAL) else str(n)
    if fmt == "ordinalText":
        return _ORDINAL[n].capitalize() if 0 <= n < len(_ORDINAL) else str(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)                       # decimal and the formats we do not spell out


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None          # w:lvlRestart (1-based level; 0 never)
    legal: bool = False
    style: str | None = None            # w:pStyle: the paragraph style that uses this level


def _level(element) -> Level:
    level = Level()
    start = element.find(w("start"))
    if start is not None and (start.get(w("val")) or "").lstrip("-").isdigit():
        level.start = int(start.get(w("val")))
    fmt = element.find(w("numFmt"))
    if fmt is not None:
        level.fmt = fmt.get(w("val")) or "decimal"
    text = element.find(w("lvlText"))
    if text is not None:
        level.text = text.get(w("val")) or ""
    restart = element.find(w("lvlRestart"))
    if restart is not None and (restart.get(w("val")) or "").isdigit():
        level.restart = int(restart.get(w("val")))
    level.legal = element.find(w("isLgl")) is not None and (element.find(w("isLgl")).get(w("val")) or "1") not in ("0", "false", "off")
    style = element.find(w("pStyle"))
    level.style = style.get(w("val")) if style is not None else None
    return level


@dataclass
class _Instance:
    abstract: str
    start_overrides: dict = field(default_factory=dict)     # ilvl -> start
    level_overrides: dict = field(default_factory=dict)     # ilvl -> Level


class Numbering:
    def __init__(self, root, styles=None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self._links: dict[str, str] = {}             # abstract id -> numbering style it links to
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set = set()
        self._styles = styles
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            key = abstract.get(w("abstractNumId"), "")
            self.abstracts[key] = {int(lvl.get(w("ilvl"), "0")): _level(lvl) for lvl in abstract.iter(w("lvl"))
                                   if (lvl.get(w("ilvl")) or "0").isdigit()}
            link = abstract.find(w("numStyleLink"))
            if link is not None:
                self._links[key] = link.get(w("val"), "")
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            if ref is None:
                continue
            instance = _Instance(ref.get(w("val"), ""))
            for override in num.iter(w("lvlOverride")):
                ilvl = int(override.get(w("ilvl"), "0")) if (override.get(w("ilvl")) or "0").isdigit() else 0
                start = override.find(w("startOverride"))
                if start is not None and (start.get(w("val")) or "").lstrip("-").isdigit():
                    instance.start_overrides[ilvl] = int(start.get(w("val")))
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    instance.level_overrides[ilvl] = _level(lvl)
            self.instances[num.get(w("numId"), "")] = instance

    def _abstract_of(self, num_id: str) -> str | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        abstract = instance.abstract
        # A list that only points at a numbering style ("numStyleLink") takes that style's list.
        for _ in range(3):
            link = self._links.get(abstract)
            if not link or self._styles is None:
                break
            target = self._styles.resolve(link).num_id
            if target is None or target not in self.instances:
                break
            abstract = self.instances[target].abstract
        return abstract

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        abstract = self._abstract_of(num_id)
        for ilvl, level in (self.abstracts.get(abstract) or {}).items():
            if style_id and level.style == style_id:
                return ilvl
        return None

    def _levels(self, num_id: str) -> dict[int, Level]:
        instance = self.instances[num_id]
        levels = dict(self.abstracts.get(self._abstract_of(num_id), {}))
        levels.update(instance.level_overrides)
        return levels

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, str] | None:
        """(label as Word draws it, the level's format) for the next paragraph of this
        list and level, advancing the counters; None when the paragraph is not numbered."""
        if not num_id or num_id == "0" or num_id not in self.instances:
            return None
        levels = self._levels(num_id)
        if ilvl not in levels:
            return None
        instance = self.instances[num_id]
        key = num_id if instance.start_overrides else self._abstract_of(num_id)
        counters = self._counters.setdefault(key, {})
        if instance.start_overrides and num_id not in self._started:
            self._started.add(num_id)
            for level, start in instance.start_overrides.items():
                counters[level] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, spec in levels.items():
            if deeper <= ilvl:
                continue
            restart_after = spec.restart if spec.restart is not None else deeper
            if restart_after and ilvl < restart_after:
                counters.pop(deeper, None)
        text = level.text
        for n in range(9, 0, -1):
            token = f"%{n}"
            if token not in text:
                continue
            spec = levels.get(n - 1, Level())
            value = counters.get(n - 1, spec.start)
            fmt = "decimal" if (level.legal and spec.fmt not in ("none", "bullet")) else spec.fmt
            text = text.replace(token, format_number(value, fmt) if fmt != "bullet" else "")
        if level.fmt == "bullet":
            return ("•", "bullet")
        return (text.strip(), level.fmt)
