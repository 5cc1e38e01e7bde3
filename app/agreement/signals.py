"""Sent when positions lapse (a reopened text), in that transaction: notifications tell
each user whose own agreement lapsed."""
from blinker import Namespace

_signals = Namespace()

agreement_lapsed = _signals.signal("agreement-lapsed")
