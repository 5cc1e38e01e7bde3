"""Documents and edit scripts for the redline's property tests: a text of several
sections, and every kind of change a team makes to it between rounds (clause edits,
added and removed paragraphs, additions, deletions, moves within and across sections,
section renames, additions, removals and reorders)."""
import itertools

from hypothesis import strategies as st

WORDS = ["the", "Parties", "shall", "may", "[agree / commit]", "ceasefire", "within", "30", "days", "monitors",
         "[the [United Nations] mission]", "withdraw", "forces", "élection", "council", "[72 hours / 7 days]",
         "and/or", "amnesty", "not", "Article", "1.", "peace", "&", "<b>"]


_serial = itertools.count(1)


def sentence(draw) -> str:
    """A sentence of drafting words, made unique by a serial number: LibreOffice 7.4
    pairs a deleted and an inserted paragraph of the same text as a move of its own, and
    its Accept All then undoes moves (a limitation of LibreOffice, not of the file: the
    same redline accepts correctly once the texts differ)."""
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9)))
    return f"{text[0].upper()}{text[1:]} {next(_serial)}."


@st.composite
def clause_texts(draw) -> str:
    return "\n".join(sentence(draw) for _ in range(draw(st.integers(1, 3))))


EDIT_KINDS = ("edit", "reword_end", "add_paragraph", "drop_paragraph", "add_clause", "delete_clause", "move_within",
              "move_across", "rename_section", "add_section", "remove_section", "move_section")


@st.composite
def edit_scripts(draw, max_edits: int = 8):
    """A list of (kind, choices...) drawn independently of the document: each edit
    picks its targets by index modulo what exists when it is applied."""
    edits = []
    for _ in range(draw(st.integers(1, max_edits))):
        kind = draw(st.sampled_from(EDIT_KINDS))
        edits.append((kind, draw(st.integers(0, 50)), draw(st.integers(0, 50)), draw(st.integers(0, 50)),
                      draw(clause_texts()), sentence(draw)))
    return edits


@st.composite
def first_drafts(draw):
    sections = []
    for s in range(draw(st.integers(2, 4))):
        clauses = [(None, draw(clause_texts())) for _ in range(draw(st.integers(0, 4)))]
        sections.append((None, f"{sentence(draw)[:-1]} {s + 1}", clauses))
    if not any(c for _, _, c in sections):
        sections[0][2].append((None, "The Parties agree."))
    return sections


def apply_edit(edit, state: list, editor) -> None:
    """Applies one drawn edit to the draft `state` ([(section key, title, [(clause key,
    text)])], as it is now) through `editor`, which makes the change (in memory or
    through the API) and keeps `state` true."""
    kind, a, b, c, text, words = edit
    clauses = [(si, ci) for si, (_, _, cs) in enumerate(state) for ci in range(len(cs))]
    if kind in ("edit", "reword_end", "add_paragraph", "drop_paragraph", "delete_clause", "move_within",
                "move_across"):
        if not clauses:
            kind = "add_clause"
        else:
            si, ci = clauses[a % len(clauses)]
            key, current = state[si][2][ci]
            lines = current.split("\n")
    if kind == "edit":
        lines[b % len(lines)] = words
        editor.edit(key, "\n".join(lines))
    elif kind == "reword_end":                 # a change at the very end of a paragraph
        i = b % len(lines)
        ending = ("; and", ";", " [or not].", " within 60 days")[c % 4]
        lines[i] = lines[i].rstrip(".;") + ending
        editor.edit(key, "\n".join(lines))
    elif kind == "add_paragraph":
        lines.insert(b % (len(lines) + 1), words)
        editor.edit(key, "\n".join(lines))
    elif kind == "drop_paragraph":
        if len(lines) > 1:
            del lines[b % len(lines)]
            editor.edit(key, "\n".join(lines))
    elif kind == "delete_clause":
        editor.delete(key)
    elif kind == "move_within":
        editor.move(key, state[si][0], b % len(state[si][2]) + 1)
    elif kind == "move_across":
        target = b % len(state)
        editor.move(key, state[target][0], c % (len(state[target][2]) + 1) + 1)
    elif kind == "add_clause":
        target = a % len(state)
        editor.add(state[target][0], text, b % (len(state[target][2]) + 1) + 1)
    elif kind == "rename_section":
        editor.rename(state[a % len(state)][0], words[:-1] or "Renamed")
    elif kind == "add_section":
        editor.add_section(words[:-1] or "New section", b % (len(state) + 1) + 1)
    elif kind == "remove_section":
        if len(state) > 1:
            editor.remove_section(state[a % len(state)][0])
    elif kind == "move_section":
        editor.move_section(state[a % len(state)][0], b % len(state) + 1)


class MemoryEditor:
    """The same edits on the in-memory state, with fresh keys for new items."""

    _keys = itertools.count(10_000)          # unique across editors: rounds of one text

    def __init__(self, state: list):
        self.state = state

    def _key(self) -> int:
        return next(self._keys)

    def _find(self, key):
        for section in self.state:
            for i, (k, _) in enumerate(section[2]):
                if k == key:
                    return section, i
        raise KeyError(key)

    def _section(self, key):
        return next(s for s in self.state if s[0] == key)

    def edit(self, key, text):
        section, i = self._find(key)
        section[2][i] = (key, text)

    def delete(self, key):
        section, i = self._find(key)
        del section[2][i]

    def move(self, key, section_key, position):
        section, i = self._find(key)
        item = section[2].pop(i)
        target = self._section(section_key)[2]
        target.insert(min(position, len(target) + 1) - 1, item)

    def add(self, section_key, text, position):
        target = self._section(section_key)[2]
        target.insert(min(position, len(target) + 1) - 1, (self._key(), text))

    def rename(self, section_key, title):
        i = self.state.index(self._section(section_key))
        self.state[i] = (section_key, title, self.state[i][2])

    def add_section(self, title, position):
        self.state.insert(min(position, len(self.state) + 1) - 1, (self._key(), title, []))

    def remove_section(self, section_key):
        self.state.remove(self._section(section_key))

    def move_section(self, section_key, position):
        section = self._section(section_key)
        self.state.remove(section)
        self.state.insert(min(position, len(self.state) + 1) - 1, section)


def with_keys(sections) -> list:
    """A first draft's state with keys: sections 1, 2 ...; clauses 101, 102 ..."""
    out, n = [], 100
    for i, (_, title, clauses) in enumerate(sections, 1):
        items = []
        for _, text in clauses:
            n += 1
            items.append((n, text))
        out.append((i, title, items))
    return out


def copy_state(state) -> list:
    return [(k, t, list(cs)) for k, t, cs in state]
