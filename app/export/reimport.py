"""Taking an edited Word copy back into the document it was downloaded from.

The team's clean copies (the working draft or a round) carry anchors (word/writers.py):
a bookmark `ph_c{clause}_v{version}` around each article, `ph_s{section}` around each
section heading, and the custom properties "Penholder document" and "Penholder base"
(the download's base: "draft:<highest version id then>" or "round:<number>"). Word and
LibreOffice keep bookmarks and custom properties when the file is edited and saved.

`plan` reads the file (tracked changes accepted, as every import does) against the
document as it is now and lists every change, before anything is written:

* an article whose wording (title or text) differs from the version it was downloaded
  at is an edit, a new version based on that one, the Word authors of its tracked changes
  named in the version's reason;
* an article without an anchor is added where it stands; an article of the download
  missing from the file is deleted (a tombstone, as the drafting page deletes);
* an article that stands elsewhere (another section, another order) is moved; only the
  articles that left the longest common order count as moved;
* a heading without an anchor is a new section; a renamed heading renames its section; a
  section whose heading and every downloaded article are gone is removed; sections that
  changed order are moved;
* **a stale base** (the clause changed in Penholder since the download) is a conflict:
  the three wordings (downloaded, current, the file's) are shown side by side and never
  overwritten. Untouched in the file, a clause changed since simply keeps its current
  wording (not a conflict). Clauses added in Penholder since the download are left alone.

`apply` takes the write lock, plans again, and refuses unless the plan is the one the
user saw (its digest): the document did not change between preview and confirmation.
With conflicts it refuses (`on_conflict="refuse"`, the default) or applies everything
else and leaves the conflicting clauses as they are (`"skip"`), naming them. Either way
it is all or nothing: a refusal changes nothing. Word comments in the file are reported,
not imported: a round trip changes wording only.
"""
import hashlib
import json
import re
from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import func, select

from ..audit.operations import record_event
from ..database import start_writing
from ..drafting.models import Clause, ClauseVersion, Document, Section
from ..drafting.operations import (add_clause, add_section, delete_clause, edit_clause, ensure_editable,
                                   move_clause, move_section, remove_section, rename_section)
from ..drafting.queries import working_outline
from ..drafting.structure import FOOTNOTE_REF, footnote_line, header_separator, parse, table_row_text
from ..errors import Conflict, Invalid
from ..i18n import N_
from ..extensions import db
from ..processes.permissions import Access
from ..rounds.models import Round, RoundPin
from ..rounds.roundcompare import longest_increasing_subsequence
from .importing import check_draft
from .word import ParsedDraft

_CLAUSE_ANCHOR = re.compile(r"^ph_c(\d{1,12})_v(\d{1,12})$")
_SECTION_ANCHOR = re.compile(r"^ph_s(\d{1,12})$")
ON_CONFLICT = ("refuse", "skip")


def base_of(document: Document, round_: Round | None) -> str:
    """What a team's clean copy is based on, written into the file."""
    if round_ is not None:
        return f"round:{round_.number}"
    highest = db.session.scalar(select(func.max(ClauseVersion.id)).join(Clause, Clause.id == ClauseVersion.clause_id)
                                .where(Clause.document_id == document.id))
    return f"draft:{highest or 0}"


COUNTED = {"edited": N_("%(count)s edited"), "added": N_("%(count)s added"), "removed": N_("%(count)s removed"),
           "moved": N_("%(count)s moved"), "sections_added": N_("%(count)s sections added"),
           "sections_renamed": N_("%(count)s sections renamed"), "sections_removed": N_("%(count)s sections removed"),
           "sections_moved": N_("%(count)s sections moved")}


@dataclass
class Plan:
    document_id: int
    changes: list = field(default_factory=list)      # dicts, in the order they are applied
    conflicts: list = field(default_factory=list)
    kept: list = field(default_factory=list)         # what the file leaves alone, said for the report
    notes: list = field(default_factory=list)
    base: str = ""
    saved_by: str | None = None                      # the file's "last modified by"
    # what apply needs beyond the report (not part of it)
    _ops: list = field(default_factory=list, repr=False)

    @property
    def digest(self) -> str:
        report = json.dumps({"changes": self.changes, "conflicts": self.conflicts}, sort_keys=True, default=str)
        return hashlib.sha256(report.encode()).hexdigest()[:32]

    def counts(self) -> dict:
        found = {k: 0 for k in ("edited", "added", "removed", "moved", "sections_added", "sections_renamed",
                                "sections_removed", "sections_moved")}
        names = {"edit": "edited", "add": "added", "remove": "removed", "move": "moved",
                 "add_section": "sections_added", "rename_section": "sections_renamed",
                 "remove_section": "sections_removed", "move_section": "sections_moved"}
        for change in self.changes:
            found[names[change["op"]]] += 1
        found["conflicts"] = len(self.conflicts)
        return found

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "base": self.base, "saved_by": self.saved_by, "digest": self.digest,
                "counts": self.counts(), "changes": self.changes, "conflicts": self.conflicts,
                "kept": self.kept, "notes": self.notes}

    def summary(self) -> str:
        c = self.counts()
        parts = [gettext(COUNTED[k], count=c[k]) for k in c if c[k] and k != "conflicts"]
        text = "; ".join(parts) or gettext("no changes")
        return text + ("; " + gettext("%(count)s conflict(s)", count=c["conflicts"]) if c["conflicts"] else "")


def canonical(text: str) -> str:
    """A clause text as the Word file gives it back: table rows spaced as the reader
    writes them, footnote lines after the text in the order of their references. Two
    wordings that read the same so are the same wording (not an edit)."""
    if "|" not in text and "{^" not in text:
        return text
    body = parse(text)
    lines, at = [], 0
    tables = {t.start: t for t in body.tables}
    skip_until = -1
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if start < skip_until:
            continue
        if start in tables:
            table = tables[start]
            width = max((len(r) for r in table.rows), default=1)
            rows = [table_row_text(list(r) + [""] * (width - len(r))) for r in table.rows]
            if table.header_rows:
                rows.insert(table.header_rows, header_separator(width))
            lines += rows
            skip_until = table.end + 1
            continue
        if footnote_line(line) or not line.strip():
            continue
        lines.append(line)
    order = {m: i for i, m in enumerate(dict.fromkeys(FOOTNOTE_REF.findall("\n".join(lines))))}
    notes = sorted(body.footnotes, key=lambda n: order.get(n.mark, len(order)))
    return "\n".join(lines + ["{^" + n.mark + "} " + " ".join(n.text.split()) for n in notes])


def _same(version, title, text) -> bool:
    if version is None:
        return False
    return version.title == title and (version.text == text or canonical(version.text) == canonical(text))


def _wording(title, text) -> dict:
    return {"title": title, "text": text}


def _anchor_of(marks, claimed: set, known: dict):
    """The first clause anchor among a clause's bookmarks that names a clause of this
    document not claimed by an article before it."""
    for mark in marks:
        found = _CLAUSE_ANCHOR.match(mark)
        if found:
            cid, vid = int(found.group(1)), int(found.group(2))
            if cid in known and cid not in claimed:
                return cid, vid
    return None


def _lcs_keep(current: list, wanted: list) -> set:
    """The items of `wanted` that keep their relative order from `current` (a longest
    common subsequence): the others are the ones that moved."""
    index = {x: i for i, x in enumerate(current)}
    seq = [index[x] for x in wanted if x in index]
    return {current[seq[i]] for i in longest_increasing_subsequence(seq)}


def _base_versions(document: Document, base: str) -> tuple[dict, str]:
    """clause id -> the version the download held (live ones only), and the base as read."""
    kind, _, value = base.partition(":")
    if kind == "round" and value.isdigit():
        round_ = db.session.scalar(select(Round).where(Round.document_id == document.id, Round.number == int(value)))
        if round_ is None:
            raise Invalid(gettext("The file was downloaded from Rev. %(number)s, which this document does not have.",
                                  number=value))
        return dict(db.session.execute(select(RoundPin.clause_id, RoundPin.version_id)
                                       .where(RoundPin.round_id == round_.id)).all()), base
    if kind == "draft" and value.isdigit():
        highest = int(value)
        rows = db.session.execute(
            select(ClauseVersion.clause_id, func.max(ClauseVersion.id))
            .join(Clause, Clause.id == ClauseVersion.clause_id)
            .where(Clause.document_id == document.id, ClauseVersion.id <= highest)
            .group_by(ClauseVersion.clause_id)).all()
        latest = dict(rows)
        dead = {v.id for v in _versions(latest.values()).values() if v.is_tombstone}
        return {cid: vid for cid, vid in latest.items() if vid not in dead}, base
    raise Invalid("The file does not say which download it is (its custom property “Penholder base” is "
                  "missing or damaged); download the draft again and apply the changes to it.",
                  code="no_base")


def _versions(ids, chunk: int = 5000) -> dict:
    """Versions by id, read in chunks (a treaty's 30,000 ids exceed SQLite's variables)."""
    ids = sorted(set(i for i in ids if i is not None))
    found = {}
    for at in range(0, len(ids), chunk):
        for version in db.session.scalars(select(ClauseVersion).where(ClauseVersion.id.in_(ids[at:at + chunk]))):
            found[version.id] = version
    return found


def _check_file(document: Document, draft: ParsedDraft, known: dict) -> None:
    owner = (draft.properties or {}).get("Penholder document", "")
    anchors = [m for s in draft.sections for c in s.clauses for m in c.bookmarks if _CLAUSE_ANCHOR.match(m)]
    if owner and owner != str(document.id):
        raise Invalid("This file was downloaded from another document; take it back into that document, "
                      "or import it as a new one.", code="other_document")
    if owner != str(document.id) and not any(int(_CLAUSE_ANCHOR.match(m).group(1)) in known for m in anchors):
        raise Invalid("This file carries no article of this document (it was not downloaded from Penholder "
                      "as the team's clean copy, or its bookmarks were removed); import it as a new document "
                      "instead.", code="no_anchors")


def plan(document: Document, draft: ParsedDraft) -> Plan:
    """Every change the file makes to the document, and its conflicts (see the module)."""
    checked = iter(check_draft(draft))          # every article refused as an edit would be, by place
    sections = working_outline(document.id)
    live = {c.clause_id: c for s in sections for c in s.clauses}
    all_clauses = dict(db.session.execute(select(Clause.id, Clause.current_version_id)
                                          .where(Clause.document_id == document.id)).all())
    _check_file(document, draft, all_clauses)
    base_map, base = _base_versions(document, (draft.properties or {}).get("Penholder base", ""))
    result = Plan(document.id, base=base, saved_by=(draft.properties or {}).get("(last saved by)"))
    versions = _versions(set(base_map.values()) | set(all_clauses.values()))
    section_rows = {s.id: s for s in sections}
    claimed: set = set()
    seen_sections: list = []                    # (section id or None, parsed section, wanted clause ids)
    claimed_sections: set = set()

    for parsed_section in draft.sections:
        sid = None
        for mark in parsed_section.bookmarks:
            found = _SECTION_ANCHOR.match(mark)
            if found and int(found.group(1)) in section_rows and int(found.group(1)) not in claimed_sections:
                sid = int(found.group(1))
                break
        if sid is not None:
            claimed_sections.add(sid)
        wanted = []
        for parsed in parsed_section.clauses:
            title, text = next(checked)
            anchor = _anchor_of(parsed.bookmarks, claimed, all_clauses)
            if anchor is None:
                wanted.append(("new", parsed, title, text))
                continue
            cid, vid = anchor
            claimed.add(cid)
            downloaded = versions.get(base_map.get(cid))
            if downloaded is None:              # not in the base: the bookmark's version, if it is this clause's
                named = db.session.get(ClauseVersion, vid)
                downloaded = named if named is not None and named.clause_id == cid else None
            current = versions.get(all_clauses[cid]) or db.session.get(ClauseVersion, all_clauses[cid])
            wanted.append(("old", parsed, title, text, cid, downloaded, current))
        seen_sections.append((sid, parsed_section, wanted))

    # Articles of the download that the file no longer has.
    for cid, vid in base_map.items():
        if cid in claimed or cid not in all_clauses:
            continue
        current = versions.get(all_clauses[cid])
        downloaded = versions.get(vid)
        if current is None or current.is_tombstone:
            continue                         # deleted in Penholder already
        row = live.get(cid)
        label = row.label if row else f"clause {cid}"
        if current.id != vid:
            result.conflicts.append({
                "clause_id": cid, "label": label, "why": "removed in the file, changed in Penholder since the download",
                "downloaded": _wording(downloaded.title, downloaded.text) if downloaded else None,
                "current": _wording(current.title, current.text), "file": None})
            continue
        result.changes.append({"op": "remove", "clause_id": cid, "label": label,
                               "before": _wording(current.title, current.text)})
        result._ops.append(("remove", cid, current.id))
    removed = {c["clause_id"] for c in result.changes if c["op"] == "remove"}
    conflicted = {c["clause_id"] for c in result.conflicts}

    # Edits (and conflicts) of the articles the file has.
    for sid, parsed_section, wanted in seen_sections:
        for item in wanted:
            if item[0] != "old":
                continue
            _, parsed, title, text, cid, downloaded, current = item
            same_as_download = _same(downloaded, title, text)
            if same_as_download:
                if current.is_tombstone:
                    result.kept.append(gettext("%(article)s: deleted in Penholder since the download, unchanged "
                                               "in the file: it stays deleted", article=parsed.label or cid))
                    conflicted.add(cid)          # (not placed either)
                elif current.id != downloaded.id:
                    result.kept.append(gettext(
                        "%(article)s: changed in Penholder since the download, unchanged in the file: the current "
                        "wording stays", article=parsed.label or live.get(cid) and live[cid].label or cid))
                continue
            row = live.get(cid)
            label = row.label if row else (parsed.label or f"clause {cid}")
            if current.is_tombstone or downloaded is None or current.id != downloaded.id:
                result.conflicts.append({
                    "clause_id": cid, "label": label,
                    "why": "deleted in Penholder since the download" if current.is_tombstone
                    else "changed in Penholder since the download",
                    "downloaded": _wording(downloaded.title, downloaded.text) if downloaded else None,
                    "current": _wording(current.title, current.text), "file": _wording(title, text)})
                conflicted.add(cid)
                continue
            if _same(current, title, text):
                continue
            result.changes.append({"op": "edit", "clause_id": cid, "label": label, "authors": list(parsed.authors),
                                   "before": _wording(current.title, current.text), "after": _wording(title, text)})
            result._ops.append(("edit", cid, current.id, title, text, list(parsed.authors)))

    # Sections: new, renamed, moved, removed.
    for n, (sid, parsed_section, wanted) in enumerate(seen_sections):
        if sid is None:
            if not parsed_section.clauses and not parsed_section.title.strip():
                continue
            result.changes.append({"op": "add_section", "title": parsed_section.title, "index": n})
            result._ops.append(("add_section", n, parsed_section.title))
        elif " ".join(parsed_section.title.split()) != section_rows[sid].title:
            result.changes.append({"op": "rename_section", "section_id": sid, "before": section_rows[sid].title,
                                   "after": parsed_section.title})
            result._ops.append(("rename_section", sid, parsed_section.title))
    file_sids = [sid for sid, _, _ in seen_sections if sid is not None]
    current_order = [s.id for s in sections]
    kept_order = _lcs_keep(current_order, file_sids)
    for sid in file_sids:
        if sid not in kept_order:
            result.changes.append({"op": "move_section", "section_id": sid, "title": section_rows[sid].title})
    result._ops.append(("order_sections",))
    removals = []
    listed = _listed_sections(draft)
    for s in sections:
        if s.id in claimed_sections:
            continue
        downloaded_here = s.id in listed if listed is not None else \
            any(c.clause_id in base_map for c in s.clauses)
        staying = [c.clause_id for c in s.clauses if c.clause_id not in removed
                   and (c.clause_id not in claimed or c.clause_id in conflicted)]
        if downloaded_here and not staying:       # its heading and all its downloaded articles are gone
            result.changes.append({"op": "remove_section", "section_id": s.id, "title": s.title})
            removals.append(("remove_section", s.id))

    # Added and moved articles: where each stands in the file.
    for n, (sid, parsed_section, wanted) in enumerate(seen_sections):
        current_ids = [c.clause_id for c in section_rows[sid].clauses] if sid is not None else []
        file_ids = [item[4] for item in wanted if item[0] == "old" and item[4] not in conflicted]
        keep = _lcs_keep(current_ids, file_ids)
        previous = None                     # the article before, in the file: a clause id or ("new", k)
        for k, item in enumerate(wanted):
            if item[0] == "new":
                _, parsed, title, text = item
                after = _label_of(previous, live, wanted)
                result.changes.append({"op": "add", "label": parsed.label, "section": parsed_section.title,
                                       "after": _wording(title, text), "where": parsed.where,
                                       "placed_after": after})
                result._ops.append(("add", n, k, title, text))
                previous = ("new", k)
                continue
            cid = item[4]
            if cid in conflicted:
                continue
            if cid not in keep:
                row = live.get(cid)
                result.changes.append({"op": "move", "clause_id": cid, "label": row.label if row else f"clause {cid}",
                                       "section": parsed_section.title,
                                       "placed_after": _label_of(previous, live, wanted)})
            previous = cid
        result._ops.append(("place", n))
    result._ops += removals                  # last: their articles may have moved elsewhere first
    comments = sum(len(c.notes) for s in draft.sections for c in s.clauses)
    if comments:
        result.notes.append(gettext("%(count)s Word comment(s) in the file were not taken in: a round trip "
                                    "changes wording only (import the file as a new document to keep them as "
                                    "notes)", count=comments))
    result.notes += draft.change_notes
    result._seen = seen_sections
    return result


def _listed_sections(draft: ParsedDraft) -> set | None:
    """The sections the download held (the property "Penholder sections"), or None
    where the file does not say (then a section counts as downloaded by its articles)."""
    value = (draft.properties or {}).get("Penholder sections")
    if value is None:
        return None
    return {int(v) for v in value.split(",") if v.strip().isdigit()}


def _label_of(previous, live, wanted) -> str | None:
    if previous is None:
        return None
    if isinstance(previous, tuple):
        parsed = wanted[previous[1]][1]
        return parsed.label or (f"“{parsed.title}”" if parsed.title else "the new article before it")
    row = live.get(previous)
    return row.label if row else None


def apply(access: Access, document: Document, draft: ParsedDraft, *, digest: str | None, actor,
          on_conflict: str = "refuse") -> Plan:
    """The planned changes, written with the drafting operations; all or nothing."""
    if on_conflict not in ON_CONFLICT:
        raise Invalid("'on_conflict' must be 'refuse' or 'skip'.")
    ensure_editable(document)
    start_writing()                          # plan under the write lock: nothing changes under us
    result = plan(document, draft)
    if digest is not None and digest != result.digest:
        raise Conflict("The document changed since the preview; nothing was applied. Review the changes again.",
                       code="stale_preview", extra={"digest": result.digest})
    if result.conflicts and on_conflict == "refuse":
        names = ", ".join(f"{c['label']} ({c['why']})" for c in result.conflicts)
        raise Conflict(f"Nothing was applied: {len(result.conflicts)} article(s) changed in Penholder since the "
                       f"download: {names}. Resolve them, or apply the rest and skip them.",
                       code="import_conflicts", extra={"conflicts": result.conflicts})
    _write(document, result, actor)
    record_event(actor, "document.word_roundtrip", document, process_id=access.process.id,
                 changes={"base": result.base, "counts": result.counts(),
                          "skipped_conflicts": [c["clause_id"] for c in result.conflicts]})
    return result


def _reason(authors: list, saved_by: str | None) -> str:
    """Who edited, as far as the file says: its tracked changes' authors, else whoever
    last saved it (Word's and LibreOffice's "last modified by"), unless that is still the
    export's own name."""
    if authors:
        return f"Edited in Word (tracked changes by {', '.join(authors)})"
    if saved_by and saved_by != "Mediation team":
        return f"Edited in Word (the file was last saved by {saved_by})"
    return "Edited in Word"


def _write(document: Document, result: Plan, actor) -> None:
    new_sections: dict = {}                  # index in the file -> Section
    new_clauses: dict = {}                   # (section index, article index) -> clause id
    seen = result._seen
    for op in result._ops:
        kind = op[0]
        if kind == "remove":
            delete_clause(op[1], op[2], actor=actor, reason="Removed in Word")
        elif kind == "edit":
            _, cid, base, title, text, authors = op
            edit_clause(cid, text, base, actor=actor, reason=_reason(authors, result.saved_by), title=title)
        elif kind == "add_section":
            new_sections[op[1]] = add_section(document, op[2][:300], actor=actor)
        elif kind == "rename_section":
            rename_section(db.session.get(Section, op[1]), op[2], actor=actor)
        elif kind == "order_sections":
            order = [sid if sid is not None else new_sections[n].id for n, (sid, ps, _) in enumerate(seen)
                     if sid is not None or n in new_sections]
            _order_sections(document, order, actor)
        elif kind == "remove_section":
            remove_section(db.session.get(Section, op[1]), actor=actor, reason="Removed in Word")
        elif kind == "add":
            _, n, k, title, text = op
            section = new_sections.get(n) or db.session.get(Section, seen[n][0])
            clause = add_clause(document, section, text, actor=actor, reason="Added in Word", title=title)
            new_clauses[(n, k)] = clause.id
        elif kind == "place":
            _place(op[1], seen, new_sections, new_clauses, result, actor)


def _order_sections(document: Document, order: list, actor) -> None:
    current = list(db.session.scalars(select(Section.id).where(Section.document_id == document.id,
                                                               Section.removed_at.is_(None))
                                      .order_by(Section.position)))
    keep = _lcs_keep(current, order)
    for i, sid in enumerate(order):
        if sid in keep:
            continue
        ids = [s for s in db.session.scalars(select(Section.id).where(
            Section.document_id == document.id, Section.removed_at.is_(None)).order_by(Section.position)) if s != sid]
        previous = order[i - 1] if i else None
        position = ids.index(previous) + 2 if previous in ids else 1
        move_section(db.session.get(Section, sid), position, actor=actor)


def _place(n: int, seen, new_sections, new_clauses, result: Plan, actor) -> None:
    """Puts the section's added and moved articles after their predecessor in the file."""
    sid, _, wanted = seen[n]
    section = new_sections.get(n) or db.session.get(Section, sid)
    conflicted = {c["clause_id"] for c in result.conflicts}
    moved = {c["clause_id"] for c in result.changes if c["op"] == "move"}
    previous = None
    for k, item in enumerate(wanted):
        if item[0] == "new":
            cid, needs = new_clauses[(n, k)], sid is not None
        else:
            cid = item[4]
            if cid in conflicted:
                continue
            needs = cid in moved
        if needs:
            ids = [c for c in db.session.scalars(select(Clause.id).where(Clause.section_id == section.id)
                                                 .order_by(Clause.position)) if c != cid]
            position = ids.index(previous) + 2 if previous in ids else 1
            move_clause(cid, section.id, position, actor=actor)
        previous = cid

