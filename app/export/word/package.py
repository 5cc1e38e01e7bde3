"""The .docx package: parts, relationships and content types, zipped so that the same
content always gives the same bytes (entries in a fixed order, every entry dated with
the document's own date, no host-dependent attributes). That is what lets the SHA-256
of a release identify a copy someone holds."""
import zipfile
from datetime import datetime
from io import BytesIO

from .text import escape

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = (1980, 1, 1, 0, 0, 0)


class Package:
    def __init__(self, when: datetime | None):
        self._date = _EPOCH if when is None or when.year < 1980 else \
            (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)
        self._parts: list[tuple[str, str, bytes]] = []          # name, content type, data
        self._rels: dict[str, list[tuple[str, str, str]]] = {}  # source part -> (id, type, target)

    def add(self, name: str, content_type: str | None, data: str | bytes) -> None:
        self._parts.append((name, content_type, data.encode("utf-8") if isinstance(data, str) else data))

    def relate(self, source: str, rel_type: str, target: str) -> str:
        """A relationship from `source` ("" for the package) to `target`; returns its id."""
        rels = self._rels.setdefault(source, [])
        rid = f"rId{len(rels) + 1}"
        rels.append((rid, rel_type, target))
        return rid

    def _content_types(self) -> str:
        overrides = "".join(f'<Override PartName="/{name}" ContentType="{ctype}"/>'
                            for name, ctype, _ in self._parts if ctype)
        return (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>' + overrides + "</Types>")

    @staticmethod
    def _rels_xml(rels) -> str:
        return (XML_HEAD + f'<Relationships xmlns="{PKG_REL}">' +
                "".join(f'<Relationship Id="{rid}" Type="{rtype}" Target="{escape(target)}"/>'
                        for rid, rtype, target in rels) + "</Relationships>")

    def _entry(self, archive: zipfile.ZipFile, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self._date)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        archive.writestr(info, data)

    def to_bytes(self) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            self._entry(archive, "[Content_Types].xml", self._content_types().encode())
            for source in sorted(self._rels):
                folder, _, leaf = source.rpartition("/")
                name = f"{folder + '/' if folder else ''}_rels/{leaf}.rels"
                self._entry(archive, name, self._rels_xml(self._rels[source]).encode())
            for name, _, data in self._parts:
                self._entry(archive, name, data)
        return out.getvalue()
