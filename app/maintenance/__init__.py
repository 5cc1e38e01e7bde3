"""Keeping the record safe: consistent backups of the database and exports, and restore."""
