"""Which release a file is: identifiers that copies carry, and the verification of a file
someone holds (a leaked copy, a copy sent back, a file found on a laptop).

Every copy has a release identifier: an HMAC (the app's secret key) of what the copy is
(document, round, variant, recipient, the round a redline compares with). Exports are
deterministic, so every file of one copy is byte-identical and carries the same
identifier; each time it is handed out is a release record (an ExportFile row, with its
SHA-256, who asked and when). A party cannot forge another party's identifier: it never
sees one, and without the key it cannot compute one.

`verify` answers, from the bytes alone:

* the SHA-256 matches stored files: this is exactly that copy (which document, round,
  variant, for whom, and every time it was released and to whom);
* it does not, but the file still names its release (the custom document property
  "Penholder release" that Word and LibreOffice keep when saving again; the document
  variable Word keeps; the watermark in the spacing of the articles, which survives
  saving again in Word or LibreOffice and the removal of document properties): the file
  was altered, and derives from that release;
* neither, but its text is the text of a stored release (the text fingerprint): the
  wording is that of those releases; for the clean text and the redline, which read the
  same for every party but for the title page, that narrows it to a round and variant,
  not to a recipient.

What cannot be traced: the text copied out as plain text or retyped (for the clean text,
every party received the same words), a PDF printed and scanned, or a file whose
paragraphs were all reformatted. `verify` says which evidence it found, so a reader can
judge how strong the attribution is; a title page's "Copy for" line is reported as what
the file claims, not as proof.
"""
import hashlib
import hmac
import html
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from flask import current_app
from flask_babel import gettext
from lxml import etree
from sqlalchemy import select

from ..auth.models import User
from ..drafting.languages import lead_of
from ..drafting.models import Document
from ..extensions import db
from ..processes.models import Party
from .models import ExportFile
from .word.base import WATERMARK_BASE, WATERMARK_BITS, WATERMARK_STEP, watermark_bits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
MIN_WATERMARK_PARAGRAPHS = 16          # fewer article paragraphs say too little to attribute
MAX_VERIFY_BYTES = 200 * 1024 * 1024


def release_id_for(document: Document, round_number: int | None, variant: str, recipient: Party | None,
                   against_number: int | None, language: str | None = None) -> str:
    """`language`: None for the lead (the identifiers of copies made before languages
    existed stay the same), else the copy's language code."""
    message = f"{document.id}|{round_number or 'draft'}|{variant}|{recipient.id if recipient else 'team'}|" \
              f"{against_number or ''}" + (f"|{language}" if language else "")
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:24]


def _xml(data: bytes):
    return etree.fromstring(data, etree.XMLParser(**_PARSER))


def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            wanted = ("word/document.xml", "docProps/custom.xml", "word/settings.xml", "docProps/core.xml")
            infos = {i.filename: i for i in archive.infolist()}
            if sum(i.file_size for i in infos.values() if i.filename in wanted) > MAX_VERIFY_BYTES:
                return None
            return {name: archive.read(name) for name in wanted if name in infos}
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, KeyError):
        return None


_TEXT_OR_END = re.compile(rb"<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText)>|(</w:p>)")


def text_fingerprint(document_xml: bytes) -> str:
    """SHA-256 of the body's text, paragraph by paragraph, whitespace normalised: the
    same for a file saved again by Word or LibreOffice (runs split differently, fields
    refreshed) as long as its words are the same. Read with one regular expression over
    the part (a treaty's is 25 MB: a parse took most of a second), the same way for
    every file."""
    lines, current = [], []
    for match in _TEXT_OR_END.finditer(document_xml):
        if match.group(2):
            text = b" ".join(b"".join(current).split())
            if text:
                lines.append(text)
            current = []
        else:
            current.append(match.group(1))
    joined = html.unescape(b"\n".join(lines).decode("utf-8", "replace"))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _watermark(document_xml: bytes) -> list[int]:
    bits = []
    for p in _xml(document_xml).iter(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        if style is None or style.get(f"{W}val") != "Article":
            continue
        spacing = ppr.find(f"{W}spacing")
        after = spacing.get(f"{W}after") if spacing is not None else None
        bits.append(1 if after is not None and after.isdigit() and
                    abs(int(after) - WATERMARK_BASE - WATERMARK_STEP) <= 1 else 0)
    return bits


@dataclass
class Evidence:
    sha256: str
    file_format: str
    release_ids: dict = field(default_factory=dict)       # where it was found -> identifier
    copy_for: str | None = None
    text_sha256: str | None = None
    watermark: list = field(default_factory=list)


def read_evidence(data: bytes) -> Evidence:
    evidence = Evidence(hashlib.sha256(data).hexdigest(), "pdf" if data[:5] == b"%PDF-" else "docx")
    if evidence.file_format == "pdf":
        found = re.search(rb"Penholder release ([0-9a-f]{24})", data) or \
            re.search(re.escape("Penholder release ".encode("utf-16-be")) + rb"((?:\x00[0-9a-f]){24})", data)
        if found:
            evidence.release_ids["PDF keywords"] = found.group(1).replace(b"\x00", b"").decode()
        return evidence
    members = _members(data)
    if not members:
        evidence.file_format = "unknown"
        return evidence
    try:
        if "docProps/custom.xml" in members:
            for prop in _xml(members["docProps/custom.xml"]):
                name, value = prop.get("name"), "".join(prop.itertext()).strip()
                if name == "Penholder release" and value:
                    evidence.release_ids["custom property"] = value
                elif name == "Copy for":
                    evidence.copy_for = value
        if "word/settings.xml" in members:
            for var in _xml(members["word/settings.xml"]).iter(f"{W}docVar"):
                if var.get(f"{W}name") == "PenholderRelease" and var.get(f"{W}val"):
                    evidence.release_ids["document variable"] = var.get(f"{W}val")
        if "docProps/core.xml" in members:
            found = re.search(rb"Penholder release ([0-9a-f]{24})", members["docProps/core.xml"])
            if found:
                evidence.release_ids["keywords"] = found.group(1).decode()
        if "word/document.xml" in members:
            evidence.text_sha256 = text_fingerprint(members["word/document.xml"])
            evidence.watermark = _watermark(members["word/document.xml"])
    except etree.XMLSyntaxError:
        pass
    return evidence


def _watermark_match(bits: list[int], release_ids) -> str | None:
    """The one release whose watermark agrees with (nearly) every decoded bit."""
    if len(bits) < MIN_WATERMARK_PARAGRAPHS:
        return None
    matches = []
    for rid in release_ids:
        pattern = watermark_bits(rid)
        agree = sum(b == pattern[i % WATERMARK_BITS] for i, b in enumerate(bits))
        if agree >= 0.97 * len(bits):
            matches.append(rid)
    return matches[0] if len(matches) == 1 else None


def _scoped(query, document_ids):
    return query if document_ids is None else query.where(ExportFile.document_id.in_(list(document_ids)))


def _describe(files: list[ExportFile]) -> dict:
    first = files[0]
    document = db.session.get(Document, first.document_id)
    recipient = db.session.get(Party, first.recipient_party_id) if first.recipient_party_id else None
    releases = []
    for f in sorted(files, key=lambda f: (f.created_at, f.id)):
        who = db.session.get(User, f.requested_by_id) if f.requested_by_id else None
        releases.append({"at": f.created_at.isoformat(), "format": f.file_format, "sha256": f.sha256,
                         "requested_by": who.email if who else None,
                         "how": "downloaded" if who else "written by the round's archive or the command line",
                         "file": f.path})
    return {"release_id": first.release_id, "document_id": document.public_id, "document": document.title,
            "process": document.process.slug, "round": first.round_number, "against": first.against_number,
            "variant": first.variant, "language": first.language or lead_of(document).code,
            "in_lead_language": first.language is None,
            "recipient": {"slug": recipient.slug, "name": recipient.name} if recipient else None,
            "copy_of": recipient.name if recipient else "the mediation team",
            "releases": releases}


def verify(data: bytes, *, document_ids=None) -> dict:
    """What `data` is, among the releases of `document_ids` (None: every document)."""
    evidence = read_evidence(data)
    exact = list(db.session.scalars(_scoped(select(ExportFile).where(ExportFile.sha256 == evidence.sha256),
                                            document_ids)))
    answer = {"sha256": evidence.sha256, "format": evidence.file_format, "claims_copy_for": evidence.copy_for,
              "evidence": []}
    if exact:
        files = exact
        if exact[0].release_id:
            files = list(db.session.scalars(_scoped(select(ExportFile).where(
                ExportFile.release_id == exact[0].release_id), document_ids)))
        answer.update(status="exact", altered=False, release=_describe(files),
                      evidence=["SHA-256 of a stored file"])
        return answer
    found_id, how = None, []
    known = set()
    for where, rid in evidence.release_ids.items():
        if db.session.scalar(_scoped(select(ExportFile.id).where(ExportFile.release_id == rid), document_ids)
                             .limit(1)) is not None:
            found_id = found_id or rid
            if rid == found_id:
                how.append(where)
            known.add(rid)
    by_text = []
    if evidence.text_sha256:
        by_text = list(db.session.scalars(_scoped(select(ExportFile).where(
            ExportFile.text_sha256 == evidence.text_sha256), document_ids)))
    if found_id is None and evidence.watermark:
        candidates = {f.release_id for f in by_text if f.release_id}
        if not candidates:
            candidates = set(db.session.scalars(_scoped(select(ExportFile.release_id).where(
                ExportFile.release_id.is_not(None), ExportFile.variant != "matrix"), document_ids).distinct()))
        found_id = _watermark_match(evidence.watermark, candidates)
        if found_id:
            how.append("watermark in the articles' spacing")
    if found_id:
        files = list(db.session.scalars(_scoped(select(ExportFile).where(ExportFile.release_id == found_id),
                                                document_ids)))
        same_text = any(f.text_sha256 == evidence.text_sha256 for f in files if f.text_sha256)
        if same_text:
            how.append("its text is unchanged")
        answer.update(status="altered", altered=True, release=_describe(files), evidence=how,
                      text_unchanged=same_text)
        return answer
    if by_text:
        groups: dict = {}
        for f in by_text:
            groups.setdefault(f.release_id or f.sha256, []).append(f)
        answer.update(status="same_text", altered=True, evidence=["its text is that of these releases"],
                      candidates=[_describe(files) for files in groups.values()])
        return answer
    answer.update(status="unknown", altered=None,
                  evidence=["no stored release has this SHA-256, identifier, watermark or text"])
    return answer


def describe_in_words(answer: dict) -> list[str]:
    """The verification as sentences, for the command line and the page (in the reader's
    language)."""
    def release_lines(release: dict) -> list[str]:
        what = gettext("%(variant)s of “%(document)s”, Rev. %(round)s", variant=release["variant"],
                       document=release["document"], round=release["round"])
        if release.get("against"):
            what += " " + gettext("(against Rev. %(round)s)", round=release["against"])
        if release.get("language") and not release.get("in_lead_language"):
            what += gettext(", in %(language)s", language=release["language"])
        lines = [gettext("Release %(release)s: %(what)s, copy for %(recipient)s.", release=release["release_id"],
                         what=what, recipient=release["copy_of"])]
        for r in release["releases"]:
            if r["requested_by"]:
                lines.append("  " + gettext("%(at)s: %(format)s to %(who)s", at=r["at"], format=r["format"],
                                            who=r["requested_by"]))
            else:
                lines.append("  " + gettext("%(at)s: %(format)s %(how)s", at=r["at"], format=r["format"],
                                            how=r["how"]))
        return lines

    status = answer["status"]
    if status == "exact":
        out = [gettext("This file is exactly a released copy (its SHA-256 matches); it was not altered.")]
        out += release_lines(answer["release"])
    elif status == "altered":
        out = [gettext("This file was altered after its release (its SHA-256 matches no stored file), but it still "
                       "identifies the release it derives from (%(evidence)s).",
                       evidence=", ".join(answer["evidence"]))]
        out += release_lines(answer["release"])
    elif status == "same_text":
        out = [gettext("No stored file has this SHA-256 and the file names no release, but its text is that of:")]
        for candidate in answer["candidates"]:
            out += release_lines(candidate)
    else:
        out = [gettext("Not a known release: no stored file has this SHA-256, and the file carries no release "
                       "identifier, watermark or text that matches one.")]
    if answer.get("claims_copy_for"):
        out.append(gettext("The file itself says: Copy for %(recipient)s (a claim, not proof).",
                           recipient=answer["claims_copy_for"]))
    out.append(gettext("SHA-256: %(sha256)s", sha256=answer["sha256"]))
    return out


def document_ids_of(process_id: int) -> list[int]:
    return list(db.session.scalars(select(Document.id).where(Document.process_id == process_id)))


__all__ = ["describe_in_words", "document_ids_of", "read_evidence", "release_id_for", "text_fingerprint", "verify"]
