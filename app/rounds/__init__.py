"""Rounds: circulation, immutable snapshots and diffs."""
