"""Splitting a clause into sentences, keeping character offsets."""
import re

# A sentence ends at . ! ? or a line break, when what follows starts a new sentence.
# Semicolons stay inside: lists of excluded crimes are often joined by them; so does a line
# break after a colon, semicolon or comma (a list introduced on the line before).
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(«¿¡]?[A-ZÀ-ÖØ-Þ0-9])|(?<![:;,\s])\s*\n\s*")
_MAX_SENTENCE = 4000   # bounds the regex work on pathological input


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while e - s > _MAX_SENTENCE:
            out.append((s, s + _MAX_SENTENCE))
            s += _MAX_SENTENCE
        out.append((s, e))
    return out
