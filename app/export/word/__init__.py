"""Word files in and out: pure functions over plain data (no Flask, no database)."""
from .matrix import build_matrix
from .model import (ExportClause, ExportComment, ExportMeta, ExportParagraph, ExportSection, MatrixCell, MatrixGroup,
                    MatrixRow, Redline, RedlineParagraph)
from .reader import DocxImportError, ParsedDraft, parse_docx, read_docx
from .writers import build_clean, build_comments, build_redline

__all__ = ["ExportClause", "ExportComment", "ExportMeta", "ExportParagraph", "ExportSection", "MatrixCell",
           "MatrixGroup", "MatrixRow", "Redline", "RedlineParagraph", "DocxImportError", "ParsedDraft", "read_docx",
           "parse_docx", "build_clean", "build_comments", "build_matrix", "build_redline"]
