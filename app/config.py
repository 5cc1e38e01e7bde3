"""Configuration defaults.

The embedded SQLite database under ``instance/`` is the default so that the demo runs
with no set-up; ``DATABASE_URL`` switches to PostgreSQL (psycopg 3). ``PENHOLDER_ENV``
is ``development`` unless set: ``production`` refuses to start without a secret key in
the environment and marks cookies Secure.
"""
import os
import secrets
from pathlib import Path

MAX_CLAUSE_CHARS = 20_000          # documented limit for one clause or proposal text
MAX_COMMENT_CHARS = 20_000
MAX_REQUEST_BYTES = 2 * 1024 * 1024
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ConfigError(RuntimeError):
    """The app cannot start safely with this configuration."""


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// forms and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _secret_key(env: str, instance_path: Path, given: str | None) -> str:
    key = given or os.environ.get("PENHOLDER_SECRET_KEY") or os.environ.get("SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigError(
            "PENHOLDER_SECRET_KEY is not set. In production the secret key must come from "
            "the environment: generate one with `python -c 'import secrets; print(secrets.token_hex(32))'`."
        )
    # Development and the demo: generate one key and keep it, so sessions survive restarts.
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def build_config(instance_path: Path, *, secret_key: str | None = None) -> dict:
    """The settings from the environment; `secret_key` (tests, embedding code) is used
    instead of reading or creating one."""
    env = os.environ.get("PENHOLDER_ENV", "development")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'penholder.db'}"
    production = env == "production"
    return {
        "PENHOLDER_ENV": env,
        "SECRET_KEY": _secret_key(env, instance_path, secret_key),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": MAX_UPLOAD_BYTES,
        "MAX_JSON_BYTES": MAX_REQUEST_BYTES,
        "MAX_CLAUSE_CHARS": MAX_CLAUSE_CHARS,
        "EXPORT_DIR": os.environ.get("PENHOLDER_EXPORT_DIR")
        or str(Path(instance_path).parent / "exports"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,   # tokens live as long as the session
        "TRUST_PROXY": os.environ.get("PENHOLDER_TRUST_PROXY", "0") == "1",
        # A browser session's longest life from its login, and how long the rows of ended
        # sessions are kept (app/auth/sessions.py).
        "SESSION_HOURS": float(os.environ.get("PENHOLDER_SESSION_HOURS", "12")),
        "SESSION_KEEP_DAYS": int(os.environ.get("PENHOLDER_SESSION_KEEP_DAYS", "30")),
        "API_TOKEN_DAYS": int(os.environ.get("PENHOLDER_API_TOKEN_DAYS", "30")),
        "RUN_JOBS_IN_THREAD": os.environ.get("PENHOLDER_JOBS_IN_THREAD", "1") == "1",
        # Background jobs (app/queue): "auto" is procrastinate on PostgreSQL (workers run
        # `flask --app wsgi worker`) and a thread of the process on SQLite.
        "TASK_QUEUE": os.environ.get("PENHOLDER_TASK_QUEUE", "auto"),
        # A worker's heartbeat, and how long without one before its jobs are retried.
        "WORKER_HEARTBEAT": float(os.environ.get("PENHOLDER_WORKER_HEARTBEAT", "10")),
        "WORKER_STALLED_AFTER": float(os.environ.get("PENHOLDER_WORKER_STALLED_AFTER", "30")),
        # Notification mail (app/notifications/mail.py): no host writes mail to the console.
        "SMTP_HOST": os.environ.get("PENHOLDER_SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("PENHOLDER_SMTP_PORT", "587")),
        "SMTP_USER": os.environ.get("PENHOLDER_SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("PENHOLDER_SMTP_PASSWORD", ""),
        "SMTP_FROM": os.environ.get("PENHOLDER_SMTP_FROM", "penholder@localhost"),
        "BASE_URL": os.environ.get("PENHOLDER_BASE_URL", "http://127.0.0.1:5000"),
        # Webhooks (app/webhooks): private and loopback addresses are refused in production
        # (server-side request forgery); development and tests may deliver to localhost.
        "WEBHOOK_ALLOW_PRIVATE": os.environ.get("PENHOLDER_WEBHOOK_ALLOW_PRIVATE",
                                                "0" if production else "1") == "1",
        "WEBHOOK_RETRIES": int(os.environ.get("PENHOLDER_WEBHOOK_RETRIES", "6")),
        "WEBHOOK_RETRY_BASE": int(os.environ.get("PENHOLDER_WEBHOOK_RETRY_BASE", "4")),
        "WEBHOOK_TIMEOUT": float(os.environ.get("PENHOLDER_WEBHOOK_TIMEOUT", "10")),
        # The in-process runner's scheduler (SQLite demo): how often it looks for periodic
        # jobs that are due and for retries whose time has come, in seconds.
        "SCHEDULER_TICK": float(os.environ.get("PENHOLDER_SCHEDULER_TICK", "30")),
        "RUN_SCHEDULER": os.environ.get("PENHOLDER_SCHEDULER", "1") == "1",
        "WORKER_POLL": float(os.environ.get("PENHOLDER_WORKER_POLL", "5")),
        # The archive's PDF converter: "auto" finds LibreOffice's soffice, "" writes no PDF.
        "SOFFICE": os.environ.get("PENHOLDER_SOFFICE", "auto"),
        # Circulated round pages' frozen text kept rendered, per process (app/rounds/frozen.py);
        # 0 switches it off.
        "ROUND_PAGE_CACHE_BYTES": int(os.environ.get("PENHOLDER_ROUND_PAGE_CACHE_MB", "128")) * 2**20,
        # A write in a transaction begun as a reading one raises instead of being logged
        # (app/database.py); the tests switch it on.
        "STRICT_TRANSACTIONS": False,
    }
