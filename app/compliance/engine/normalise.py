"""Text as the rules read it: Arabic normalised, apostrophes unified, offsets kept.

Arabic is written with optional diacritics, tatweel and several alef, yeh and teh
marbuta forms; a rule must match "الإبادة" and "الابادة" alike. Every change here is a
one-to-one substitution or a deletion, so a position in the normalised text maps back
to the clause text through `Normalised.original`.
"""
import re
from dataclasses import dataclass

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_DELETE = re.compile(r"[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")    # harakat, dagger alef, tatweel, Quranic marks
_SUBSTITUTE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                             "’": "'", "‘": "'", "ʼ": "'", "٫": ",", "،": ",", "؛": ";"})
_APOSTROPHES = re.compile(r"[’‘ʼ]")
_SPECIAL = re.compile(r"[\u0600-\u06ff’‘ʼ]")     # one scan decides for most clauses


def normalise_arabic(text: str) -> str:
    """The normal form alone (used on rule patterns, so rules and clauses agree)."""
    return _DELETE.sub("", text).translate(_SUBSTITUTE)


@dataclass(frozen=True)
class Normalised:
    text: str
    positions: tuple[int, ...] | None   # normalised index -> clause index; None when identical

    def original(self, index: int) -> int:
        if self.positions is None:
            return index
        if index >= len(self.positions):
            return self.positions[-1] + 1 if self.positions else 0
        return self.positions[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.positions is None:
            return start, end
        return self.original(start), (self.original(end - 1) + 1 if end > start else self.original(start))


def normalise(text: str) -> Normalised:
    """Latin-script clauses pay one regex search; Arabic ones are rewritten with a map."""
    if not _SPECIAL.search(text):
        return Normalised(text, None)
    if not _ARABIC.search(text):
        if _APOSTROPHES.search(text):
            return Normalised(_APOSTROPHES.sub("'", text), None)     # same length
        return Normalised(text, None)
    kept = [i for i, ch in enumerate(text) if not _DELETE.match(ch)]
    out = "".join(text[i] for i in kept).translate(_SUBSTITUTE)
    return Normalised(out, tuple(kept))


_STOPWORDS = {
    "en": r"the|of|and|shall|to|be|for|any|all|which|with|by|this|or|not|who|persons?",
    "fr": r"le|la|les|des|du|et|est|sont|pour|aux?|une?|qui|dans|ne|pas|sur|par|ou|l'\w+|d'\w+",
    "es": r"el|los|las|del|y|por|para|que|una?|con|ser[aá]n?|se|ni|delitos?|personas?|quedan?",
    "pt": r"os|as|do|da|dos|das|e|para|que|um|uma|com|ser[aã]o|n[aã]o|pelos?|pelas?|s[aã]o|crimes?|pessoas?|aos?",
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_STOP = {lang: re.compile(rf"(?:{p})", re.IGNORECASE) for lang, p in _STOPWORDS.items()}
LANGUAGES = ("en", "fr", "es", "pt", "ar")


def detect_language(text: str) -> str:
    """The clause's language when nobody said: Arabic by script, the others by their
    commonest function words (enough to choose the cure's language and precedents)."""
    sample = text[:2000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    if len(_ARABIC.findall(sample)) / letters > 0.3:
        return "ar"
    words = [w.casefold() for w in _WORD.findall(sample)]
    scores = {lang: sum(1 for w in words if rx.fullmatch(w)) for lang, rx in _STOP.items()}
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    return best if scores[best] else "en"
