"""Penholder: drafting a single negotiating text in rounds."""
