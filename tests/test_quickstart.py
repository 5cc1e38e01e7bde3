"""The README's Quick start serve command is a contract: run verbatim (only `--port`
added) in a fresh clone, it creates its virtual environment, installs, migrates, seeds
and serves, and the demo mediator can log in through the form and through the API.

The command runs exactly as written, venv creation and `pip install` included (pip's
cache keeps that to seconds), from a `git clone` of this repository, so it tests what a
newcomer gets: the committed tree, not this working copy's uncommitted changes. On
SQLite the embedded default is used, as the README says; on PostgreSQL the same command
runs with DATABASE_URL set, the README's production switch."""
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO_LOGIN = ("mediator@demo.test", "demo-password")
START_TIMEOUT = 240         # venv + install + migrations + seeding


def readme_serve_command() -> str:
    """The one shell block of the README's Quick start that serves the demo."""
    section = (REPO / "README.md").read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, re.S)]
    serving = [b for b in blocks if "serve-demo" in b]
    assert len(blocks) == 2 and len(serving) == 1, "Quick start: one command serves, one runs the tests"
    return serving[0]


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory):
    if subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    base = tmp_path_factory.mktemp("quickstart")
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(base / "penholder")], check=True)
    if (REPO.parent / "shared").is_dir():
        (base / "shared").symlink_to(REPO.parent / "shared")
    return base / "penholder"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fresh_environment(**extra) -> dict:
    """This machine's environment without the test run's own: no virtualenv on PATH and
    no Penholder settings, as in a new shell."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PENHOLDER_", "DATABASE_URL", "VIRTUAL_ENV", "PYTEST", "FLASK_"))}
    venv = os.environ.get("VIRTUAL_ENV")
    if venv:
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if not p.startswith(venv))
    env.update(extra)
    return env


class Browser:
    """A cookie-keeping HTTP client on loopback, as a person's browser would be."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def open(self, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.geturl(), err.read().decode()


def _wait_for_login_page(process, browser: Browser, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the serve command exited ({process.returncode}) instead of serving:\n"
                        + log.read_text()[-3000:])
        try:
            if browser.open("/login")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail("the demo did not answer /login in time:\n" + log.read_text()[-3000:])


def _stop(process) -> None:
    """SIGTERM to the command's process group (the shell, gunicorn's master and worker).
    A command that already exited has no group left to stop; its own failure is reported."""
    if process.poll() is not None:
        return
    group = os.getpgid(process.pid)
    os.killpg(group, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        pytest.fail("the demo did not stop on SIGTERM")
    for _ in range(60):                 # gunicorn's worker leaves just after its master
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    os.killpg(group, signal.SIGKILL)
    pytest.fail("a process of the demo outlived the stop")


def test_the_readme_serve_command_serves_the_demo(fresh_clone, backend, request):
    command = readme_serve_command()
    assert command.endswith("serve-demo"), command
    port = _free_port()
    extra = {}
    if backend == "postgresql":
        extra["DATABASE_URL"] = request.getfixturevalue("pg_server").create_database("penholder_quickstart")
    log = fresh_clone.parent / f"serve-{backend}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(["bash", "-c", f"{command} --port {port}"], cwd=fresh_clone,
                                   env=_fresh_environment(**extra), stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        _wait_for_login_page(process, browser, log)

        # The form, with its CSRF token, as a browser sends it.
        status, _, page = browser.open("/login")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"csrf_token": token, "email": DEMO_LOGIN[0],
                                       "password": DEMO_LOGIN[1]}).encode()
        status, url, home = browser.open("/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and not url.endswith("/login"), (status, url, log.read_text()[-4000:])
        assert "Northland" in home and "Log out" in home

        # The API: a token for the same login, and the caller it names.
        api = Browser(browser.base)
        body = json.dumps({"email": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]}).encode()
        status, _, answer = api.open("/api/v1/tokens", body, {"Content-Type": "application/json"})
        assert status == 201, answer
        bearer = {"Authorization": f"Bearer {json.loads(answer)['token']}"}
        status, _, me = api.open("/api/v1/me", headers=bearer)
        assert status == 200 and json.loads(me)["email"] == DEMO_LOGIN[0]
        status, _, processes = api.open("/api/v1/processes", headers=bearer)
        assert [p["slug"] for p in json.loads(processes)["processes"]] == ["northland"]
    finally:
        _stop(process)
    assert "Serving Penholder on" in log.read_text()
