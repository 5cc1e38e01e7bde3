"""Backups: a consistent copy of the database and the exports, with a manifest.

A backup is a directory holding
- `database.sqlite` (SQLite's online backup API: a consistent snapshot while the app
  runs) or `database.pgdump` (pg_dump's custom format, one consistent snapshot);
- `exports.tar`, the exports directory, archived after the database snapshot, so every
  export the database names is in it;
- `manifest.json`: SHA-256 of each file, row counts per table and the audit chain's
  head (seq and hash), which `audit-verify --anchor` uses to prove nothing was cut
  from the end of the log after the backup.

Restore goes into an empty database and an empty exports directory (or with `force`,
over them), after checking every hash, then verifies the chain and the row counts.
"""
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import func, inspect, select

from ..audit.operations import lock_chain
from ..audit.queries import chain_rows
from ..audit.verify import verify_entries
from ..extensions import db
from ..models_base import utcnow

MANIFEST = "manifest.json"
EXPORTS_TAR = "exports.tar"


class BackupError(RuntimeError):
    """The backup or restore cannot go ahead; nothing was changed."""


@dataclass
class RestoreReport:
    entries: int
    tables: dict


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict:
    tables = inspect(db.session.connection()).get_table_names()
    return {t.name: db.session.scalar(select(func.count()).select_from(t))
            for t in db.metadata.sorted_tables if t.name in tables}


def _pg_tool(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    tool = found[0] if found else shutil.which(name)
    if not tool:
        raise BackupError(f"{name} was not found on PATH or in /usr/lib/postgresql/*/bin; "
                          "install the PostgreSQL client tools.")
    return tool


def _pg_args(url) -> tuple[list[str], dict]:
    """libpq connection arguments; the password goes in the environment, not argv."""
    args = ["--host", url.host or "localhost", "--port", str(url.port or 5432),
            "--username", url.username or "postgres", "--dbname", url.database]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:2000]}")


def _copy_database(url, target: Path) -> Path:
    """The database snapshot, written into the backup directory; returns its path."""
    if url.get_backend_name() == "sqlite":
        database_file = target / "database.sqlite"
        source = sqlite3.connect(url.database, timeout=30)
        copy = sqlite3.connect(database_file)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        database_file = target / "database.pgdump"
        args, env = _pg_args(url)
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(database_file), *args], env)
    else:
        raise BackupError(f"Backups of {url.get_backend_name()} databases are not supported.")
    return database_file


def create_backup(target: Path) -> dict:
    """Writes a backup into `target` (a new or empty directory); returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; choose a new directory.")
    target.mkdir(parents=True, exist_ok=True)
    url = db.engine.url
    # Hold off every writer while counting and copying, so that the manifest describes
    # the copy exactly: SQLite's write lock (the CLI's BEGIN IMMEDIATE) and, on
    # PostgreSQL, the audit chain lock that every committing write needs.
    lock_chain(db.session())
    try:
        head = verify_entries(chain_rows())
        counts = row_counts()
        database_file = _copy_database(url, target)
    finally:
        db.session.rollback()
    exports = Path(current_app.config["EXPORT_DIR"])
    with tarfile.open(target / EXPORTS_TAR, "w") as archive:
        if exports.exists():
            archive.add(exports, arcname=".")
    manifest = {
        "format": 1,
        "created_at": utcnow().isoformat(),
        "backend": url.get_backend_name(),
        "database_file": database_file.name,
        "files": {p.name: sha256_of(p) for p in (database_file, target / EXPORTS_TAR)},
        "row_counts": counts,
        "audit": {"entries": head.count, "head_seq": head.head_seq, "head_hash": head.head_hash,
                  "intact": head.ok},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(source: Path) -> dict:
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as err:
        raise BackupError(f"{source} has no readable {MANIFEST}: {err}") from None
    for name, digest in manifest.get("files", {}).items():
        path = source / name
        if not path.is_file() or sha256_of(path) != digest:
            raise BackupError(f"{name} is missing or does not match its SHA-256 in the manifest; "
                              "the backup is damaged or was altered.")
    return manifest


def _database_is_empty() -> bool:
    tables = inspect(db.session.connection()).get_table_names()
    if not tables:
        return True
    if "users" in tables:
        return row_counts().get("users", 0) == 0 and row_counts().get("audit_entries", 0) == 0
    return False


def restore_backup(source: Path, *, force: bool = False) -> RestoreReport:
    source = Path(source)
    manifest = read_manifest(source)
    url = db.engine.url
    if manifest["backend"] != url.get_backend_name():
        raise BackupError(f"This is a {manifest['backend']} backup; the configured database is "
                          f"{url.get_backend_name()}.")
    if not force and not _database_is_empty():
        raise BackupError("The target database is not empty; restore into a fresh database, "
                          "or pass --force to replace its contents.")
    exports = Path(current_app.config["EXPORT_DIR"])
    if not force and exports.exists() and any(p.name != "README.md" for p in exports.iterdir()):
        raise BackupError(f"The exports directory {exports} is not empty; pass --force to replace it.")
    db.session.remove()
    db.engine.dispose()
    database_file = source / manifest["database_file"]
    if manifest["backend"] == "sqlite":
        backup = sqlite3.connect(database_file)
        target = sqlite3.connect(url.database)
        try:
            backup.backup(target)
        finally:
            target.close()
            backup.close()
    else:
        args, env = _pg_args(url)
        _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", "--clean", "--if-exists",
              *args, str(database_file)], env)
    if force and exports.exists():
        for child in exports.iterdir():
            if child.name != "README.md":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    exports.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / EXPORTS_TAR) as archive:
        archive.extractall(exports, filter="data")
    return check_restored(manifest)


def check_restored(manifest: dict) -> RestoreReport:
    counts = row_counts()
    expected = manifest["row_counts"]
    differing = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if differing:
        raise BackupError(f"Restored row counts differ from the backup's: {differing}")
    audit = manifest["audit"]
    anchor = (audit["head_seq"], audit["head_hash"]) if audit["head_seq"] else None
    report = verify_entries(chain_rows(), anchor=anchor)
    if not report.ok:
        raise BackupError(f"The restored audit chain does not verify: {report.reason}")
    return RestoreReport(entries=report.count, tables=counts)
