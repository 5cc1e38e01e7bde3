"""The mediator's workbench: the team's queue across a process (what is waiting to be
answered, decided, reviewed, and by when) and the negotiation shown on the working
draft's clauses. It reads what the other features store; it writes nothing."""
