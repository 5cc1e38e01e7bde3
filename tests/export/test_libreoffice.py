"""A real client reads the exports: LibreOffice (headless, through its UNO bridge)
accepts and rejects every tracked change of a redline and must land exactly on the newer
and the older round; a clean export converts to a PDF with pages."""
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.comments.conftest import talks  # noqa: F401  (fixture)

HELPER = Path(__file__).with_name("libreoffice_changes.py")
UNO_PYTHON = "/usr/bin/python3"

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or subprocess.run([UNO_PYTHON, "-c", "import uno"],
                                                      capture_output=True).returncode != 0,
    reason="LibreOffice with its Python bridge is not installed (.ci/run installs it)")


def libreoffice(tmp_path, data: bytes, action: str) -> bytes:
    source, target = tmp_path / f"in-{action}.docx", tmp_path / f"out-{action}"
    source.write_bytes(data)
    subprocess.run([UNO_PYTHON, str(HELPER), str(source), action, str(target)], check=True, timeout=180,
                   capture_output=True)
    return target.read_bytes()


def articles(text: bytes) -> list[str]:
    return [line.strip() for line in text.decode("utf-8-sig").splitlines() if line.startswith("Article")]


def test_accept_all_gives_the_new_round_and_reject_all_the_old(tmp_path, client, world, talks, backend):
    if backend != "sqlite":
        pytest.skip("the files are the same on both databases; LibreOffice is slow")
    document, clauses = talks.document, talks.clauses
    headers = world.headers("drafter")
    current = client.get(f"/api/v1/clauses/{clauses[0].id}", headers=headers).get_json()
    client.patch(f"/api/v1/clauses/{clauses[0].id}", headers=headers,
                 json={"text": "The Parties commit to a just and lasting peace.", "base_version_id": current["version_id"]})
    current = client.get(f"/api/v1/clauses/{clauses[2].id}", headers=headers).get_json()
    client.delete(f"/api/v1/clauses/{clauses[2].id}", headers=headers, json={"base_version_id": current["version_id"]})
    client.post(f"/api/v1/documents/{document.id}/clauses", headers=headers,
                json={"section_id": clauses[0].section_id, "text": "A new clause [with brackets]."})
    client.post(f"/api/v1/clauses/{clauses[1].id}/move", headers=headers,
                json={"section_id": clauses[0].section_id, "position": 1})
    assert client.post(f"/api/v1/documents/{document.id}/rounds", headers=world.headers("mediator"),
                       json={}).status_code == 201
    base = f"/api/v1/documents/{document.id}/rounds"
    redline = client.get(f"{base}/2/export?variant=redline", headers=world.headers("delegate_a")).data
    clean1 = client.get(f"{base}/1/export?variant=clean", headers=world.headers("delegate_a")).data
    clean2 = client.get(f"{base}/2/export?variant=clean", headers=world.headers("delegate_a")).data
    assert articles(libreoffice(tmp_path, redline, "accept")) == articles(libreoffice(tmp_path, clean2, "accept"))
    assert articles(libreoffice(tmp_path, redline, "reject")) == articles(libreoffice(tmp_path, clean1, "accept"))
    pdf = libreoffice(tmp_path, clean2, "pdf")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 2
