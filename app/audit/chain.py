"""Hashing of audit entries: pure functions shared by writing and verifying."""
import hashlib
import json
from datetime import datetime, timezone

GENESIS_HASH = "0" * 64


def canonical_json(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_digest(*, seq: int, created_at: datetime, actor_id, actor_label: str, process_id,
                 action: str, object_type: str, object_id: str, changes: str,
                 prev_hash: str) -> str:
    payload = canonical_json({
        "seq": seq, "created_at": created_at.astimezone(timezone.utc).isoformat(), "actor_id": actor_id,
        "actor_label": actor_label, "process_id": process_id, "action": action,
        "object_type": object_type, "object_id": object_id, "changes": changes,
        "prev": prev_hash,
    })
    return hashlib.sha256(payload.encode()).hexdigest()
