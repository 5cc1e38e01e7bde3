"""Signals other features listen to, so drafting does not depend on them.

`versions_written` is sent after new clause versions are flushed, with the document id
and the new version ids: compliance re-checks them (and the clauses that refer to them).
"""
from blinker import Namespace

_signals = Namespace()

versions_written = _signals.signal("versions-written")
