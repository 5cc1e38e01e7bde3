"""Sent after a round is circulated (flushed, not yet committed): exports queue the
round's archive drafts."""
from blinker import Namespace

_signals = Namespace()

round_circulated = _signals.signal("round-circulated")
