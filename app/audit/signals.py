"""Sent by record_event for every audit entry, in the transaction that makes the change:
features that act on what happened (webhooks) listen here instead of in each operation."""
from blinker import Namespace

_signals = Namespace()

event_recorded = _signals.signal("audit-event-recorded")
