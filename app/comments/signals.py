"""Sent by the comments feature when the team answers a submission (a reply or a
disposition), in the answer's transaction: notifications tell the submission's author."""
from blinker import Namespace

_signals = Namespace()

submission_answered = _signals.signal("submission-answered")
