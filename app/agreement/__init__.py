"""Positions, packages and the "nothing is agreed until everything is agreed" status."""
