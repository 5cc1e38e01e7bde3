"""Checking the audit chain: a pure pass over entries in `seq` order.

Each entry must be sealed, numbered one after the previous, hash to its stored
`entry_hash`, and name the previous entry's hash as its `prev_hash`. The first entry
that fails is reported with the reason, which says what kind of tampering it points
to. Removing entries from the end leaves a shorter chain that is still consistent:
compare the head against one recorded elsewhere (`anchor`, the backup manifest).
"""
from dataclasses import dataclass
from typing import Iterable

from .chain import GENESIS_HASH, entry_digest

HASHED_FIELDS = ("seq", "created_at", "actor_id", "actor_label", "process_id", "action",
                 "object_type", "object_id", "changes", "prev_hash")


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head_seq: int | None = None
    head_hash: str | None = None
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str | None = None


def verify_entries(entries: Iterable, anchor: tuple[int, str] | None = None) -> ChainReport:
    """`entries`: objects with the AuditEntry attributes (ORM rows or named tuples), ordered
    by seq with unsealed ones last. `anchor` = (seq, hash) recorded earlier, which must
    still be in the chain."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    anchor_seen = anchor is None
    for entry in entries:
        def broken(reason: str) -> ChainReport:
            return ChainReport(False, count, expected_seq - 1 or None, prev_hash if count else None,
                               entry.seq, entry.id, reason)

        if entry.seq is None:
            return broken(f"entry id {entry.id} ({entry.action}) was never sealed into the chain: "
                          "it was written around the application")
        if entry.seq != expected_seq:
            return broken(f"the chain jumps from entry #{expected_seq - 1} to #{entry.seq}: "
                          "entries were deleted or renumbered")
        fields = {name: getattr(entry, name) for name in HASHED_FIELDS}
        if entry_digest(**fields) != entry.entry_hash:
            return broken(f"entry #{entry.seq} does not match its hash: it was changed after it "
                          "was written")
        if entry.prev_hash != prev_hash:
            return broken(f"entry #{entry.seq} does not follow entry #{expected_seq - 1}: an "
                          "entry before it was removed, replaced or reordered")
        if anchor is not None and entry.seq == anchor[0]:
            if entry.entry_hash != anchor[1]:
                return broken(f"entry #{entry.seq} is not the entry recorded in the anchor: the "
                              "chain was rewritten")
            anchor_seen = True
        prev_hash, expected_seq, count = entry.entry_hash, expected_seq + 1, count + 1
    if not anchor_seen:
        return ChainReport(False, count, count or None, prev_hash if count else None, anchor[0], None,
                           f"the chain ends at entry #{count}, before the anchored entry "
                           f"#{anchor[0]}: entries were removed from its end")
    return ChainReport(True, count, count or None, prev_hash if count else None)
