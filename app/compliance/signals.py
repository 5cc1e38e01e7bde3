"""Compliance events other features react to (connected in app/listeners.py)."""
from blinker import Namespace

_signals = Namespace()

# A legal adviser escalated a finding to a colleague or the mediator (its assignee).
finding_escalated = _signals.signal("finding-escalated")

# The rule engine opened findings on a document: violations and warnings it had not found
# on that wording before (a finding re-found unchanged keeps its id and is not sent
# again; notices only record a compliant amnesty and open nothing).
findings_opened = _signals.signal("findings-opened")
