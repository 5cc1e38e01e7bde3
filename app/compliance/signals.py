"""Compliance events other features react to (connected in app/listeners.py)."""
from blinker import Namespace

_signals = Namespace()

# A legal adviser escalated a finding to a colleague or the mediator (its assignee).
finding_escalated = _signals.signal("finding-escalated")
