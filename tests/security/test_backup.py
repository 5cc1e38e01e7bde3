"""Backup and restore on both databases: restore into a fresh database and exports
directory, then compare every table's row count and verify the audit chain."""
import json
import tempfile
from pathlib import Path

import pytest

from app.extensions import db
from app.maintenance.backup import row_counts
from tests.conftest import BACKENDS, make_test_app
from tests.helpers import build_world


def fresh_url(request, backend, name):
    if backend == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='penholder-bk-')}/{name}.db"
    return request.getfixturevalue("pg_server").create_database(name)


@pytest.fixture(params=BACKENDS)
def source(request):
    app = make_test_app(fresh_url(request, request.param, "penholder_bk_src"))
    with app.app_context():
        db.create_all()
        build_world("backupland")
        exports = Path(app.config["EXPORT_DIR"])
        (exports / "northland").mkdir()
        (exports / "northland" / "rev-1-clean.docx").write_bytes(b"PK\x03\x04 not really a docx")
        (exports / "README.md").write_text("exports")
        app.config["COUNTS"] = row_counts()
        db.session.remove()
    yield request.param, app
    with app.app_context():
        db.engine.dispose()


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_backup_then_restore_into_a_fresh_database(request, source, tmp_path):
    backend, app = source
    result = run(app, "backup", str(tmp_path / "bk"))
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["row_counts"] == app.config["COUNTS"] and manifest["audit"]["intact"]

    target = make_test_app(fresh_url(request, backend, "penholder_bk_dst"))
    result = run(target, "restore", str(tmp_path / "bk"))
    assert result.exit_code == 0, result.output
    assert f"audit chain intact, {manifest['audit']['entries']} entries" in result.output
    with target.app_context():
        assert row_counts() == app.config["COUNTS"]
        db.session.remove()
    verify = run(target, "audit-verify", "--anchor",
                 f"{manifest['audit']['head_seq']}:{manifest['audit']['head_hash']}")
    assert verify.exit_code == 0, verify.output
    restored = Path(target.config["EXPORT_DIR"]) / "northland" / "rev-1-clean.docx"
    assert restored.read_bytes() == b"PK\x03\x04 not really a docx"

    # Restoring again over the now non-empty database is refused unless forced.
    again = run(target, "restore", str(tmp_path / "bk"))
    assert again.exit_code == 1 and "not empty" in again.output
    forced = run(target, "restore", "--force", str(tmp_path / "bk"))
    assert forced.exit_code == 0, forced.output
    with target.app_context():
        assert row_counts() == app.config["COUNTS"]
        db.session.remove()
        db.engine.dispose()


def test_damaged_backup_is_refused_before_anything_changes(request, source, tmp_path):
    backend, app = source
    assert run(app, "backup", str(tmp_path / "bk")).exit_code == 0
    with open(tmp_path / "bk" / "exports.tar", "r+b") as handle:
        handle.seek(600)
        handle.write(b"tampered")
    target = make_test_app(fresh_url(request, backend, "penholder_bk_dst"))
    result = run(target, "restore", str(tmp_path / "bk"))
    assert result.exit_code == 1 and "does not match its SHA-256" in result.output
    with target.app_context():
        assert row_counts() == {}
        db.engine.dispose()


def test_backup_refuses_a_non_empty_directory(source, tmp_path):
    _, app = source
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "something").write_text("x")
    result = run(app, "backup", str(tmp_path / "bk"))
    assert result.exit_code == 1 and "not empty" in result.output
