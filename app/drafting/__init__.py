"""The single text: documents, sections, clauses and their versions."""
