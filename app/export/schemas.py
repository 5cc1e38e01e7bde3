"""What the export API reads and answers, as pydantic models (app/api/contract.py): the
copies' parameters, the import, take-back and language-import reports, the archive job
and the verification of a release."""
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from ..api.contract import Error, Query, Schema, Upload, absent
from ..drafting.schemas import Block, PublicId

DRY_RUN = "1, true or yes: report only, write nothing (also as a query parameter)"


class DraftCopyQuery(Query):
    """Read from the query string or the form, as the pages send it (export/http.py)."""
    variant: Literal["clean", "redline", "comments", "matrix"] | None = Field(
        None, description="Default clean; the working draft exports as a clean text only")
    party: str | None = Field(None, description="(team) the party whose copy it is (its slug)")
    language: str | None = Field(None, description=(
        "The copy in that document language (clean or redline; default: the lead): both rounds' texts in it "
        "for a redline, right-to-left for Arabic, Hebrew, Farsi, Urdu. A party may ask for the languages a "
        "circulated round carried; any other answers 404 as a language the document lacks"))


class CopyQuery(DraftCopyQuery):
    """Read from the query string or the form, as the pages send it (export/http.py)."""
    from_: int | None = Field(None, alias="from", description="A redline's earlier round (default: the previous)")


class DryRunQuery(Query):
    dry_run: str | None = Field(None, description=DRY_RUN)


WORD_IMPORT = Upload(files=("file",), required=("file",), fields={
    "title": "The document's title (default: the file's name)", "dry_run": DRY_RUN})
TAKE_BACK = Upload(files=("file",), required=("file",), fields={
    "dry_run": DRY_RUN, "digest": "The dry run's digest: apply exactly what was previewed",
    "on_conflict": "refuse (default): nothing is applied when a clause conflicts; skip: the rest is applied"})
LANGUAGE_IMPORT = Upload(files=("file",), required=("file",), fields={"dry_run": DRY_RUN})
RELEASE_FILE = Upload(files=("file",), required=("file",))


class ArchiveCopy(Schema):
    """One file of a round's archive"""
    key: str = Field(description="Its key in `files` and its download URL: variant, -party slug, .language "
                                 "code (not for the lead language), .pdf")
    variant: Literal["clean", "redline"]
    party: str | None = Field(description="The party or observer group whose copy it is (its slug); null: "
                                          "the team's")
    language: str = Field(description="The copy's language (a document language code)")
    format: Literal["docx", "pdf"]
    file: str = Field(description="The file's name")


class ArchiveJob(Schema):
    """The archive job"""
    status: Literal["none", "queued", "running", "done", "failed"]
    progress: int
    files: dict[str, str] = Field(description="key (as in `copies`): file name")
    copies: list[ArchiveCopy] = Field(description="Each file: which copy, for whom, in which language "
                                                  "(every language of the document its recipient may read)")
    error: str | None


class LeftOut(Schema):
    what: str
    why: str
    where: str


class WordNote(Schema):
    author: str
    date: str | None = Field(description="ISO 8601 as Word wrote it")
    text: str


class PreviewClause(Schema):
    label: str
    title: str | None
    text: str
    where: str
    structure: list[Block]
    notes: list[WordNote]


class PreviewSection(Schema):
    title: str
    where: str
    clauses: list[PreviewClause]


class PreviewCounts(Schema):
    sections: int
    clauses: int
    tables: int
    footnotes: int
    notes: int


class ImportPreview(Schema):
    """Dry run: the parsed outline, nothing created"""
    dry_run: Literal[True]
    title: str
    sections: list[PreviewSection]
    notes: list[str]
    left_out: list[LeftOut]
    empty_sections: list[str]
    bracket_fixes: list[str]
    counts: PreviewCounts


class ImportedDocument(Schema):
    """The new document and what was imported or left out"""
    id: PublicId
    title: str
    sections: int
    clauses: int
    notes: list[str]
    left_out: list[LeftOut]
    word_notes: int
    report: str


class TakeBackWording(Schema):
    title: str | None
    text: str


# One entry per change a take-back makes, by its `op` (reimport.py); ids are the team's.
class EditChange(Schema):
    op: Literal["edit"]
    clause_id: int
    label: str
    authors: list[str] = Field(description="Word authors of tracked changes in it")
    before: TakeBackWording
    after: TakeBackWording


class AddChange(Schema):
    op: Literal["add"]
    label: str
    section: str
    after: TakeBackWording
    where: str
    placed_after: str | None


class RemoveChange(Schema):
    op: Literal["remove"]
    clause_id: int
    label: str
    before: TakeBackWording


class MoveChange(Schema):
    op: Literal["move"]
    clause_id: int
    label: str
    section: str
    placed_after: str | None


class AddSectionChange(Schema):
    op: Literal["add_section"]
    title: str
    index: int


class RenameSectionChange(Schema):
    op: Literal["rename_section"]
    section_id: int
    before: str
    after: str


class SectionChange(Schema):
    op: Literal["move_section", "remove_section"]
    section_id: int
    title: str


Change = Annotated[EditChange | AddChange | RemoveChange | MoveChange | AddSectionChange | RenameSectionChange
                   | SectionChange, Field(discriminator="op")]


class TakeBackConflict(Schema):
    clause_id: int
    label: str
    why: str
    downloaded: TakeBackWording | None
    current: TakeBackWording
    file: TakeBackWording | None = Field(description="null: removed in the file")


class TakeBack(Schema):
    """The changes (applied, or with dry_run only listed)"""
    dry_run: bool
    applied: bool
    document_id: PublicId
    base: str = Field(description="What the file was downloaded from: draft:<version id> or round:<n>")
    digest: str = Field(description="Identifies this list of changes: send it back to apply exactly it")
    saved_by: str | None = Field(description="The file's last-modified-by, where it says")
    counts: dict[str, int]
    changes: list[Change]
    conflicts: list[TakeBackConflict]
    kept: list[str]
    notes: list[str]


class TakeBackRefused(Error):
    """Nothing applied: conflicts (listed), the document changed since the preview (the new digest), or the
    text is concluded"""
    digest: str = absent("The document changed since the preview: the new list's digest")
    conflicts: list[TakeBackConflict] = absent("The articles changed in Penholder since the download")


class AlignedArticle(Schema):
    clause_id: PublicId
    article: str
    file_label: str
    where: str
    written: bool


class ArticleWithout(Schema):
    clause_id: PublicId
    article: str


class UnalignedArticle(Schema):
    label: str
    title: str | None
    text: str = Field(description="Its first 500 characters")
    where: str
    why: str
    code: str


class NumberingMismatch(Schema):
    clause_id: PublicId
    article: str
    file_label: str
    where: str
    why: str
    code: str


class LanguageImportCounts(Schema):
    aligned: int
    written: int
    unchanged: int
    without_counterpart: int
    unaligned: int
    numbering_mismatches: int


class LanguageImport(Schema):
    """The alignment report (and what was written)"""
    dry_run: bool
    document_id: PublicId
    language: str
    counts: LanguageImportCounts
    aligned: list[AlignedArticle]
    without_counterpart: list[ArticleWithout] = Field(
        description="The document's articles the file has no counterpart for")
    unaligned: list[UnalignedArticle] = Field(description="The file's articles that aligned with nothing")
    numbering_mismatches: list[NumberingMismatch]
    notes: list[str]


class CopyRecipient(Schema):
    slug: str
    name: str


class CopyReleaseRecord(Schema):
    at: datetime
    format: str
    sha256: str
    requested_by: str | None
    how: str
    file: str


class CopyRelease(Schema):
    release_id: str | None
    document_id: PublicId
    document: str
    process: str
    round: int | None
    against: int | None
    variant: str
    language: str = Field(description="The copy's language (the lead for copies made before languages)")
    in_lead_language: bool
    recipient: CopyRecipient | None
    copy_of: str
    releases: list[CopyReleaseRecord]


class Verification(Schema):
    """The verification"""
    status: Literal["exact", "altered", "same_text", "unknown"]
    sha256: str
    format: str
    claims_copy_for: str | None
    altered: bool | None
    evidence: list[str]
    release: CopyRelease = absent("exact or altered: the release it is")
    text_unchanged: bool = absent("altered: whether its text is that of the release")
    candidates: list[CopyRelease] = absent("same_text: the releases with that text")
