"""PDF through LibreOffice headless: a real converter, run as a subprocess with a
profile of its own (two conversions at once would otherwise fight over one profile).

A plain function of bytes to bytes, so that whatever runs jobs (today a thread, later a
task queue) can call it. Where LibreOffice is not installed, `PdfUnavailable` says so;
the archive records that instead of failing."""
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 900           # seconds for one batch: a treaty runs to thousands of pages


class PdfUnavailable(RuntimeError):
    """No converter on this server."""


class PdfFailed(RuntimeError):
    """The converter ran and did not produce a PDF."""


def find_soffice(setting: str | None = "auto") -> str | None:
    """The converter to run: "auto" finds soffice on the PATH, "" turns PDFs off, and
    anything else is a program name or path (None when it is not there)."""
    if setting == "auto":
        return shutil.which("soffice") or shutil.which("libreoffice")
    if not setting:
        return None
    return setting if Path(setting).is_file() else shutil.which(setting)


def to_pdf(files: dict[str, bytes], *, soffice: str | None, timeout: int = TIMEOUT) -> dict[str, bytes]:
    """{name: docx bytes} -> {name: pdf bytes}, in one LibreOffice run of `soffice`."""
    program = soffice
    if not program:
        raise PdfUnavailable("LibreOffice (soffice) is not installed on this server, so no PDF was written")
    folder = Path(tempfile.mkdtemp(prefix="penholder-pdf-"))
    try:
        sources = []
        for i, (name, data) in enumerate(files.items()):
            source = folder / f"{i}.docx"
            source.write_bytes(data)
            sources.append((name, source))
        result = subprocess.run([program, "--headless", "--norestore", "--nologo",
                                 f"-env:UserInstallation=file://{folder / 'profile'}", "--convert-to", "pdf",
                                 "--outdir", str(folder), *[str(s) for _, s in sources]],
                                capture_output=True, timeout=timeout)
        out = {}
        for name, source in sources:
            target = source.with_suffix(".pdf")
            if not target.exists():
                raise PdfFailed(f"LibreOffice wrote no PDF for {name} (exit {result.returncode}: "
                                f"{result.stderr.decode('utf-8', 'replace')[-300:]})")
            out[name] = target.read_bytes()
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)
