import pytest

from app.config import ConfigError, build_config, normalise_database_url


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("PENHOLDER_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("PENHOLDER_ENV", "production")
    with pytest.raises(ConfigError, match="PENHOLDER_SECRET_KEY is not set"):
        build_config(tmp_path)


def test_development_generates_and_keeps_a_key_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("PENHOLDER_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("PENHOLDER_ENV", raising=False)
    first = build_config(tmp_path)["SECRET_KEY"]
    assert (tmp_path / "secret_key").read_text() == first
    assert build_config(tmp_path)["SECRET_KEY"] == first


def test_database_url_defaults_to_sqlite_and_selects_psycopg(monkeypatch, tmp_path):
    monkeypatch.setenv("PENHOLDER_SECRET_KEY", "k")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert build_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'penholder.db'}"
    assert normalise_database_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_database_url("postgresql://h/db") == "postgresql+psycopg://h/db"


def test_production_marks_cookies_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("PENHOLDER_SECRET_KEY", "k")
    monkeypatch.setenv("PENHOLDER_ENV", "production")
    config = build_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]


def test_create_app_with_its_own_key_leaves_the_environment_alone(monkeypatch, tmp_path):
    """Embedding code that passes SECRET_KEY gets that key, and the process's environment
    (which other apps and child processes read) is not changed."""
    import os

    from app import create_app
    monkeypatch.delenv("PENHOLDER_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("PENHOLDER_ENV", "production")      # would refuse to start without a key
    before = dict(os.environ)
    app = create_app({"SECRET_KEY": "embedded-key", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
                      "RUN_JOBS_IN_THREAD": False})
    assert app.config["SECRET_KEY"] == "embedded-key"
    assert dict(os.environ) == before
