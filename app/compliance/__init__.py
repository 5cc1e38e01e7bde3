"""Amnesty-norm compliance: the pure rule engine (engine/, rules/) and its findings."""
