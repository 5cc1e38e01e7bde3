"""Sent by the comments feature, in the transaction of the event: when the team answers a
submission (a reply or a disposition; notifications tell the submission's author) and
when a party submits one (working groups tell the team members of the groups holding its
section). `submission_answered` says which answer (`answer`: ("reply" | "disposition",
its id)).
"""
from blinker import Namespace

_signals = Namespace()

submission_answered = _signals.signal("submission-answered")
submission_submitted = _signals.signal("submission-submitted")
