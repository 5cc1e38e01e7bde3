"""Opening an uploaded Word package safely, and finding its parts.

Untrusted input: the zip is checked before anything is decompressed (size, ratio,
member count), macros and old or encrypted formats are refused, and XML is parsed
without entities or network access. The main document is found through the package
relationships (not assumed to be word/document.xml), and the parts it relates to
(styles, numbering, footnotes, endnotes, comments) through its own.

Strict Open XML (ISO/IEC 29500 Strict, Word's "Strict Open XML Document") names the
same elements in other namespaces (http://purl.oclc.org/ooxml/...): they are mapped to
the transitional ones before parsing, so one reader reads both.
"""
import posixpath
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MAX_TOTAL = 200 * 1024 * 1024       # uncompressed bytes in the whole package
MAX_RATIO = 200                     # uncompressed/compressed for any member
MAX_MEMBERS = 5_000

# Strict namespace -> transitional namespace (longest first, so prefixes do not clash).
_STRICT = sorted({
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R.encode(),
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
}.items(), key=lambda pair: -len(pair[0]))
_MAIN_TYPES = ("/officeDocument",)       # the relationship type's last segment, both flavours


class DocxImportError(ValueError):
    """The file cannot be read as a Word draft; the message says why."""


@dataclass
class Package:
    document: etree._Element
    styles: etree._Element | None = None
    numbering: etree._Element | None = None
    footnotes: etree._Element | None = None
    endnotes: etree._Element | None = None
    comments: etree._Element | None = None
    strict: bool = False
    headers_with_text: int = 0
    parts: dict = field(default_factory=dict)      # relationship type tail -> part name
    properties: dict = field(default_factory=dict)  # custom document properties: name -> text


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parse_xml(xml: bytes, what: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as err:
        raise DocxImportError(f"{what} is not well-formed XML ({err.msg})") from None


def _transitional(xml: bytes) -> tuple[bytes, bool]:
    if b"purl.oclc.org/ooxml" not in xml:
        return xml, False
    for strict, transitional in _STRICT:
        xml = xml.replace(strict, transitional)
    return xml, True


def _relationships(archive: zipfile.ZipFile, names: set, source: str) -> dict:
    """Relationship type tail ("styles", "footnotes" ...) -> target part name."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in names:
        return {}
    root = parse_xml(archive.read(rels_name), rels_name)
    found = {}
    for rel in root:
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(kind, name)
        if kind == "header" or kind == "footer":
            found.setdefault("_headers", []).append(name)
    return found


def open_package(data: bytes) -> Package:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise DocxImportError("the file is encrypted (password-protected) or an old .doc file: "
                              "save it as an unprotected .docx first")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise DocxImportError("the file is not a .docx (Word) file or it is damaged") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocxImportError("the package has too many parts")
        if sum(m.file_size for m in members) > MAX_TOTAL:
            raise DocxImportError("the file would expand beyond 200 MB")
        for m in members:
            if m.compress_size and m.file_size / m.compress_size > MAX_RATIO and m.file_size > 1_000_000:
                raise DocxImportError(f"the part {m.filename} is compressed suspiciously well (a zip bomb?)")
        names = {m.filename for m in members}
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
            raise DocxImportError("the file contains macros; save it as a plain .docx without macros")
        try:
            return _read_parts(archive, names)
        except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile) as err:
            raise DocxImportError(f"the package is damaged ({err})") from None


def _read_parts(archive: zipfile.ZipFile, names: set) -> Package:
    main = None
    for kind, target in _relationships(archive, names, "").items():
        if kind == "officeDocument" and target in names:
            main = target
    if main is None:
        main = "word/document.xml" if "word/document.xml" in names else None
    if main is None:
        raise DocxImportError("the package has no word/document.xml: is it a Word file?")

    def read(name: str):
        xml, strict = _transitional(archive.read(name))
        return parse_xml(xml, name if name != main else "word/document.xml"), strict

    document, strict = read(main)
    package = Package(document=document, strict=strict)
    related = _relationships(archive, names, main)
    package.parts = {k: v for k, v in related.items() if not k.startswith("_")}
    for kind in ("styles", "numbering", "footnotes", "endnotes", "comments"):
        name = related.get(kind)
        if name is None:        # some writers leave the relationship out: the usual name
            guess = posixpath.join(posixpath.dirname(main), f"{kind}.xml")
            name = guess if guess in names else None
        if name is not None and name in names:
            setattr(package, kind, read(name)[0])
    if "docProps/custom.xml" in names:
        package.properties = _custom_properties(read("docProps/custom.xml")[0])
    if "docProps/core.xml" in names:
        saved_by = read("docProps/core.xml")[0].find(
            "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy")
        if saved_by is not None and (saved_by.text or "").strip():
            package.properties["(last saved by)"] = " ".join(saved_by.text.split())[:200]
    for name in related.get("_headers", []):
        if name in names and read(name)[0].find(f".//{w('t')}") is not None:
            package.headers_with_text += 1
    return package


def _custom_properties(root) -> dict:
    """Custom document properties as text (Penholder's round-trip anchors read them)."""
    found = {}
    for prop in root:
        name = prop.get("name") if isinstance(prop.tag, str) else None
        if name:
            found[name[:100]] = "".join(prop.itertext()).strip()[:20_000]
    return found
