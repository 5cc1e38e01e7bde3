"""A throwaway PostgreSQL server for the test run: initdb and pg_ctl in a temporary
directory, listening on a Unix socket there and a free loopback port."""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_pg_bin() -> Path | None:
    candidates = [os.environ.get("PG_BIN")] if os.environ.get("PG_BIN") else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for directory in candidates:
        if directory and (Path(directory) / "initdb").exists():
            return Path(directory)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, pg_bin: Path):
        self.pg_bin = pg_bin
        self.base = Path(tempfile.mkdtemp(prefix="penholder-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self._run_as = None
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: hand the directory to an unprivileged user.
            self._run_as = "postgres" if _user_exists("postgres") else "nobody"
            shutil.chown(self.base, self._run_as)
            os.chmod(self.base, 0o700)

    def _cmd(self, *args: str) -> list[str]:
        if self._run_as:
            return ["runuser", "-u", self._run_as, "--", *args]
        return list(args)

    def start(self, *, durable: bool = False) -> str:
        """Tests run with durability off for speed; benchmarks pass durable=True so that
        PostgreSQL commits cost what they cost in production."""
        subprocess.run(self._cmd(str(self.pg_bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"),
                       check=True, capture_output=True)
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c max_connections=400 "
                   + ("-c shared_buffers=512MB" if durable else
                      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"))
        subprocess.run(self._cmd(str(self.pg_bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                                 "-l", str(self.base / "log"), "-w", "start"),
                       check=True, capture_output=True)
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.pg_bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                 "stop"), capture_output=True)
        time.sleep(0.1)
        shutil.rmtree(self.base, ignore_errors=True)


def _user_exists(name: str) -> bool:
    import pwd
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
