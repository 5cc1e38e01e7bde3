"""Writing export files: a fresh name every time (never overwrite), written to a
temporary name and renamed, then recorded with its SHA-256."""
import hashlib
import os
import secrets
import zipfile
from io import BytesIO
from pathlib import Path

from flask import current_app

from ..drafting.models import Document
from ..extensions import db
from ..models_base import utcnow
from .models import ExportFile
from .releases import text_fingerprint


def export_root() -> Path:
    return Path(current_app.config["EXPORT_DIR"])


def store(document: Document, name: str, data: bytes, *, variant: str, round_number: int | None,
          against_number: int | None = None, recipient_id: int | None = None,
          requested_by_id: int | None = None, release_id: str | None = None,
          language: str | None = None) -> ExportFile:
    folder = Path(document.process.slug) / f"document-{document.id}"
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    suffix = Path(name).suffix or ".docx"
    relative = folder / f"{Path(name).stem}-{stamp}-{secrets.token_hex(3)}{suffix}"
    target = export_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with open(partial, "xb") as handle:        # "x": fail rather than overwrite
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if target.exists():
        partial.unlink()
        raise FileExistsError(target)
    os.replace(partial, target)
    entry = ExportFile(document_id=document.id, round_number=round_number, against_number=against_number,
                       variant=variant, recipient_party_id=recipient_id, requested_by_id=requested_by_id,
                       path=str(relative), sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                       release_id=release_id, file_format=suffix.lstrip("."), language=language,
                       text_sha256=_text_sha256(data) if suffix == ".docx" else None)
    db.session.add(entry)
    db.session.flush()
    return entry


def _text_sha256(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return text_fingerprint(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError):
        return None
