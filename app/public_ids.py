"""Opaque public ids for the rows a party or observer hears of.

Sequential integer ids count other people's activity: a delegate whose two positions got
ids 47 and 51 learns that three positions were recorded in between, and gaps in clause,
version, section and document ids reveal the team's working-draft activity. So no integer
id leaves the server in a URL, an API field, a page or an export that a party or observer
can get: each kind of object is named by a public id instead, as submissions are.

Submissions carry a stored random `public_id` column (app/comments/models.py). Documents,
sections, clauses, versions, positions and packages are named by a public id *derived*
from the integer with a keyed pseudorandom permutation, not stored: round pins copy
clause, version and section ids by the tens of thousands in one `INSERT ... SELECT`, and
every status, diff and outline reads them from the pins; a stored column would need a
join (or a copy in every pin) to name each of them. A derived id needs neither and names
the same row for as long as the key stays the same.

How: the 16-byte block (8 bytes naming the kind, the 8-byte integer) goes through a
four-round Feistel network whose round function is keyed BLAKE2b (Luby-Rackoff: a
pseudorandom permutation), and is written in URL-safe base64 after a short prefix for the
kind ("cl_" for a clause). Without the key the ids of consecutive rows look like random
strings; decoding checks the kind's 8 bytes, so a guessed or altered id (or another kind's
id) names nothing, as a missing object does (2^-64 odds of a forgery naming a row).

The key is derived from the app's SECRET_KEY (like the release identifiers,
app/export/releases.py), or set on its own as PUBLIC_ID_KEY: changing it renames every
object (old links and API clients' stored ids stop working), so keep it as long as the
data. The integer stays the primary key; the command line (run by the team on the
server) keeps printing and taking integer document ids.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from functools import lru_cache
from typing import ClassVar

from flask import current_app, has_app_context
from werkzeug.routing import BaseConverter

# kind -> URL prefix. The prefix is cosmetic (it says what an id names); the kind itself
# is checked inside the block.
PREFIXES = {
    "document": "doc_",
    "section": "sec_",
    "clause": "cl_",
    "version": "ver_",
    "position": "pos_",
    "package": "pkg_",
    # A user's own notifications: integers would count everyone else's between two of them.
    "notification": "ntf_",
    # Working groups (app/groups): a party's delegate hears of the groups they belong to.
    "group": "wg_",
    # A process's webhooks (the team's only, but no id leaves the server as an integer).
    "webhook": "whk_",
}
_TAGS = {kind: kind.encode().ljust(8, b"\0")[:8] for kind in PREFIXES}
_ROUNDS = 4
_MASK64 = (1 << 64) - 1
# What a URL id that names nothing becomes: no row has id 0, so the view looks it up and
# answers exactly as for a missing object (same status, body and headers).
NOTHING = 0


def _app_key() -> bytes:
    app = current_app._get_current_object()
    key = app.extensions.get("penholder_public_id_key")
    if key is None:
        secret = app.config.get("PUBLIC_ID_KEY") or app.config["SECRET_KEY"]
        if isinstance(secret, str):
            secret = secret.encode()
        key = hmac.new(secret, b"penholder public ids v1", hashlib.sha256).digest()
        app.extensions["penholder_public_id_key"] = key
    return key


def _round(key: bytes, i: int, half: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(half, key=key, digest_size=8,
                                          person=b"ph-feistel-%d" % i).digest(), "big")


def _encrypt(key: bytes, block: bytes) -> bytes:
    left, right = int.from_bytes(block[:8], "big"), int.from_bytes(block[8:], "big")
    for i in range(_ROUNDS):
        left, right = right, left ^ _round(key, i, right.to_bytes(8, "big"))
    return left.to_bytes(8, "big") + right.to_bytes(8, "big")


def _decrypt(key: bytes, block: bytes) -> bytes:
    left, right = int.from_bytes(block[:8], "big"), int.from_bytes(block[8:], "big")
    for i in reversed(range(_ROUNDS)):
        left, right = right ^ _round(key, i, left.to_bytes(8, "big")), left
    return left.to_bytes(8, "big") + right.to_bytes(8, "big")


@lru_cache(maxsize=1 << 18)
def _encode(key: bytes, kind: str, n: int) -> str:
    block = _encrypt(key, _TAGS[kind] + (n & _MASK64).to_bytes(8, "big"))
    return PREFIXES[kind] + base64.urlsafe_b64encode(block).rstrip(b"=").decode()


@lru_cache(maxsize=1 << 16)
def _decode(key: bytes, kind: str, value: str) -> int | None:
    prefix = PREFIXES[kind]
    if not value.startswith(prefix) or len(value) != len(prefix) + 22:
        return None
    try:
        block = base64.urlsafe_b64decode(value[len(prefix):] + "==")
    except (binascii.Error, ValueError):
        return None
    if len(block) != 16:
        return None
    if base64.urlsafe_b64encode(block).rstrip(b"=").decode() != value[len(prefix):]:
        return None         # a non-canonical spelling of the same bytes names nothing
    plain = _decrypt(key, block)
    if plain[:8] != _TAGS[kind]:
        return None
    n = int.from_bytes(plain[8:], "big")
    return n if 0 < n < (1 << 63) else None


def encode(kind: str, n: int | None) -> str | None:
    """The public id of row `n` of this kind (None stays None)."""
    if n is None:
        return None
    return _encode(_app_key(), kind, int(n))


def decode(kind: str, value) -> int | None:
    """The integer id a public id of this kind names, or None if it names nothing."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    return _decode(_app_key(), kind, value)


def encoder(kind: str):
    """A one-argument encoder for loops over many rows (a treaty's 30,000 clauses)."""
    key = _app_key()
    return lambda n: None if n is None else _encode(key, kind, int(n))


class PublicIdMixin:
    """`public_id` (and `from_public_id`) for a model named by a derived public id."""

    public_kind: ClassVar[str] = ""

    @property
    def public_id(self) -> str | None:
        return encode(self.public_kind, self.id)

    @classmethod
    def id_from_public(cls, value) -> int | None:
        return decode(cls.public_kind, value)


def _converter(kind: str):
    class PublicIdConverter(BaseConverter):
        """A URL part holding a public id: the view receives the integer (NOTHING for
        an id that names nothing, so the view answers as for a missing row), and
        url_for(..., clause_id=42) writes the public id."""

        regex = r"[^/]+"
        part_isolating = True

        def to_python(self, value: str) -> int:
            found = decode(kind, value)
            return NOTHING if found is None else found

        def to_url(self, value) -> str:
            if isinstance(value, str) and not value.isdigit():
                return value         # already a public id
            return encode(kind, int(value))

    PublicIdConverter.__name__ = f"{kind.title()}IdConverter"
    return PublicIdConverter


def register_converters(app) -> None:
    """`<document:document_id>`, `<clause:clause_id>`, ... in URL rules."""
    for kind in PREFIXES:
        app.url_map.converters[kind] = _converter(kind)


def public_or_none(kind: str, value) -> int | None:
    """For an id taken from JSON or a form: the integer it names, or None."""
    if has_app_context():
        return decode(kind, value)
    return None
