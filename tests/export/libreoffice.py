"""LibreOffice as the tests' reader of Word files: a real client opens each export,
accepts or rejects every tracked change, and says what it then sees, paragraph by
paragraph, with styles and automatic numbers.

One LibreOffice serves a whole test session (libreoffice_uno.py, run by Debian's python3
with the UNO bridge): starting it costs seconds, a file costs a few hundredths.
"""
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
UNO_PYTHON = "/usr/bin/python3"
KINDS = {"Heading 1": "heading", "Article": "article", "Article Text": "text", "Article Level 1": "text",
         "Article Level 2": "text", "Article Level 3": "text"}


def available() -> bool:
    return shutil.which("soffice") is not None and Path(UNO_PYTHON).exists() and \
        subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


class LibreOffice:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="penholder-lo-"))
        self._count = 0
        self._start()

    def _start(self):
        self.process = subprocess.Popen([UNO_PYTHON, str(HERE / "libreoffice_uno.py")], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        ready = self.process.stdout.readline()
        if not ready or not json.loads(ready).get("ready"):
            raise RuntimeError("LibreOffice did not start")

    def open(self, data: bytes, actions=("accept", "reject")) -> dict:
        """What LibreOffice sees of a .docx after each action (read, accept, reject)."""
        self._count += 1
        path = self.folder / f"file-{self._count}.docx"
        path.write_bytes(data)
        for attempt in (1, 2):
            try:
                self.process.stdin.write(json.dumps({"source": str(path), "actions": list(actions)}) + "\n")
                self.process.stdin.flush()
                line = self.process.stdout.readline()
                if not line:
                    raise BrokenPipeError("LibreOffice stopped")
                break
            except (BrokenPipeError, OSError):
                if attempt == 2:
                    raise
                self.close()
                self._start()
        path.unlink()
        result = json.loads(line)
        if "error" in result:
            raise RuntimeError(f"LibreOffice: {result['error']}")
        return result

    def close(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=60)
        except Exception:
            self.process.kill()

    def shutdown(self):
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def body(paragraphs: list[dict]) -> list[tuple]:
    """The text proper as (kind, label, text): headings, articles and their further
    paragraphs, without the title page and the end line."""
    return [(KINDS[p["style"]], p["label"], p["text"]) for p in paragraphs if p["style"] in KINDS]


def expected_body(sections: list[dict], article: str = "Article") -> list[tuple]:
    """The same from a round as the API gives it ({"sections": [{"title", "clauses":
    [{"number", "text"}]}]}): what LibreOffice must show; `article`, the copy's word for
    "Article" ("المادة" in an Arabic copy)."""
    out = []
    for number, section in enumerate(sections, 1):
        out.append(("heading", f"{number}.", section["title"]))
        for clause in section["clauses"]:
            lines = [line for line in clause["text"].split("\n") if line.strip()]
            if clause.get("title"):
                lines.insert(0, clause["title"])
            out.append(("article", f"{article} {clause['number']}.", lines[0]))
            out.extend(("text", "", line) for line in lines[1:])
    return out


def convert(data: bytes, target: str, suffix: str = "docx") -> bytes:
    """`soffice --convert-to target` for one file (a fresh profile): PDF, flat ODT ..."""
    folder = Path(tempfile.mkdtemp(prefix="penholder-convert-"))
    try:
        source = folder / f"in.{suffix}"
        source.write_bytes(data)
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", target, "--outdir", str(folder / "out"), str(source)],
                       check=True, timeout=300, capture_output=True)
        return next((folder / "out").iterdir()).read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
