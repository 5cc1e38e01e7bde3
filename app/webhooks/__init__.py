"""Webhooks (issue 23): the mediator registers an address of the mission's own systems and
the events it wants; each event of the process that it asked for becomes a delivery, a
signed POST sent by a job on the task queue, retried with exponential backoff and logged.

Where the events come from: the audit log. Every write records an audit entry (the
operations already do), and `events.EVENTS` maps the entries a mission's system can act
on to the event names it subscribes to. So no operation knows about webhooks and every
event named here is one the code already records. The exception is `finding.opened`: the
rule engine stores findings without an audit entry, and says so by the compliance
signal `findings_opened` (connected in app/listeners.py).

What a delivery carries (`events.payload`): the event, its time, the process slug, the
public ids of the objects (document, round number, clause, submission, position,
finding; for an opened finding its rule, severity and language too) and a link into the
app. No text at all: no clause wording, comment, reason,
note or party position, not even what a team member could read, so a log of deliveries
kept by the receiving system holds nothing the team would not put in a URL. A receiver
that wants the content calls the API with its own token, and gets what that token's
user may see.
"""
