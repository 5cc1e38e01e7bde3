"""JSON shapes of outlines and versions, shared by the drafting and rounds APIs."""
from ..public_ids import encode, encoder
from .models import ClauseVersion
from .queries import SectionRow
from .languages import languages_of


def outline_json(outline: list[SectionRow]) -> list[dict]:
    clause_pid, version_pid = encoder("clause"), encoder("version")
    return [{
        "id": encode("section", section.id), "title": section.title, "number": section.number,
        "brackets": sum(c.bracket_count for c in section.clauses),
        "options": sum(c.option_count for c in section.clauses),
        "clauses": [{"id": clause_pid(c.clause_id), "number": c.number, "label": c.label, "title": c.title, "text": c.text,
                     "version_id": version_pid(c.version_id), "brackets": c.bracket_count,
                     "options": c.option_count,
                     **({"language": c.language, "to_be_updated": c.to_be_updated, "missing": c.missing}
                        if c.language is not None else {})}
                    for c in section.clauses],
    } for section in outline]


def rounds_json(rounds) -> list[dict]:
    return [{"number": r.number, "circulated_at": r.circulated_at.isoformat()} for r in rounds]


def document_json(document, *, round_number: int | None, rounds: list[dict], outline: list[SectionRow],
                  language=None, languages=None) -> dict:
    """A document as GET /documents/{id} answers it: a round (round_number) or the
    working draft (None). The preview of a circulation builds the next round's with it.
    `language`: the language of the texts (languages.Language; None: the lead)."""
    languages = languages if languages is not None else languages_of(document)
    language = language or languages[0]
    return {
        "id": document.public_id, "title": document.title,
        "round": round_number,
        "working_draft": round_number is None,
        "concluded": document.is_concluded,
        "rounds": rounds,
        "languages": [lang.json() for lang in languages], "language": language.code, "dir": language.dir,
        "sections": outline_json(outline),
    }


def version_json(version: ClauseVersion) -> dict:
    return {"id": version.public_id, "seq": version.seq, "title": version.title, "text": version.text,
            "deleted": version.is_tombstone, "based_on_id": encode("version", version.based_on_id),
            "author": version.author.name if version.author else None,
            "reason": version.reason, "created_at": version.created_at.isoformat(),
            "brackets": version.bracket_count, "options": version.option_count}
