"""A reproducible synthetic peace process at a chosen scale (seeded, so two runs build
the same text). Full scale, after the Annan plan: 30,000 clauses (~3 million words) in
40 sections, 4 parties, 12 rounds with ~5% of clauses changed per round, brackets in ~3%
of clauses, 5 submissions per party per round on changed clauses, and a position of
every party on every clause of the latest round.

`add_authentic_language` (or `build(..., second_language="ar")`) gives the document a
second authentic language: every clause version, history included, with a text of the
same length in it, each revised for its own version (issue #22's benchmark rows)."""
import random
from dataclasses import dataclass

from sqlalchemy import insert, select

from app.agreement import tallies
from app.agreement.models import Position, Stance
from app.auth.operations import create_user
from app.comments.operations import create_submission
from app.drafting.models import Clause, ClauseText, ClauseVersion
from app.drafting.operations import add_clauses_bulk, add_document_language, add_section, create_document, edit_clause
from app.extensions import db
from app.models_base import utcnow
from app.processes.models import Role
from app.processes.operations import add_member, add_party, create_process
from app.processes.permissions import Access
from app.rounds.models import RoundPin
from app.rounds.operations import circulate_round


@dataclass(frozen=True)
class Scale:
    name: str
    clauses: int
    sections: int
    parties: int
    rounds: int
    changed_share: float = 0.05
    bracket_share: float = 0.03
    submissions_per_party_round: int = 5
    words_per_clause: int = 100
    big_section: int = 1000          # one section this large, for the section-page benchmark


SCALES = {
    "full": Scale("full", 30_000, 40, 4, 12),
    "medium": Scale("medium", 6_000, 20, 4, 6),
    "smoke": Scale("smoke", 240, 4, 2, 3, words_per_clause=30, big_section=100),
}

WORDS = ("the parties shall ensure that all persons within territory are protected under law and that "
         "authorities of each constituent state cooperate in good faith with the federal government on matters "
         "of property return compensation security police citizenship residence elections economy relief "
         "within days months years after entry into force of this agreement subject to the provisions of annex "
         "committee board commission tribunal guarantee implement establish maintain review report").split()
# Arabic words for the second authentic text (the word diff and counts see any script).
ARABIC = ("يلتزم الطرفان بضمان حماية جميع الأشخاص داخل الإقليم بموجب القانون وتتعاون سلطات كل دولة مكونة "
          "بحسن نية مع الحكومة الاتحادية في مسائل إعادة الممتلكات والتعويض والأمن والشرطة والمواطنة والإقامة "
          "والانتخابات والاقتصاد والإغاثة خلال أيام أشهر سنوات بعد دخول هذا الاتفاق حيز النفاذ رهنا بأحكام "
          "المرفق اللجنة المجلس الهيئة المحكمة ضمان تنفيذ إنشاء مراجعة تقرير").split()
AMNESTY = "An amnesty is granted for all acts committed during the conflict, except genocide."


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def clause_text(rng: random.Random, scale: Scale, index: int) -> str:
    text = sentence(rng, scale.words_per_clause)
    if rng.random() < scale.bracket_share:
        cut = text.find(" ", len(text) // 2)
        text = text[:cut] + " [within 30 days / within 90 days]" + text[cut:]
    if index % 5000 == 17:
        text = AMNESTY
    return text


def revise(rng: random.Random, text: str) -> str:
    """A drafter's revision: a few words replaced, now and then a bracket opened or
    closed, as between real rounds (whole rewrites are rare)."""
    words = text.rstrip(".").split(" ")
    inside = [i for i, w in enumerate(words) if "[" in w or "]" in w]
    for _ in range(20):             # never cut through a bracket
        at, n = rng.randrange(max(1, len(words) - 8)), rng.randint(1, 6)
        if not inside or at + n <= inside[0] or at > inside[-1]:
            break
    else:
        return text[:-1] + " as amended."
    words[at:at + n] = [rng.choice(WORDS) for _ in range(rng.randint(1, 8))]
    revised = " ".join(words) + "."
    if "[" not in revised and rng.random() < 0.1:
        revised = revised[:-1] + " [as agreed / as decided]."
    revised = revised[0].upper() + revised[1:]
    return revised if revised != text else text[:-1] + " as amended."


@dataclass
class Synthetic:
    process: object
    document: object
    mediator: object
    delegates: list
    parties: list
    big_section: object
    rounds: list


def build(scale: Scale, *, seed: int = 2004, slug: str = "annan",
          second_language: str | None = None) -> Synthetic:
    """Builds and commits the process; returns handles for the benchmarks. With
    `second_language`, the document has that language too, authentic, in every version."""
    rng = random.Random(seed)
    process = create_process(slug, f"Synthetic talks ({scale.name})", un_endorsed=True)
    mediator = create_user(f"mediator@{slug}.test", "Mediator", "benchmark-password")
    add_member(process, mediator, Role.mediator)
    parties, delegates = [], []
    for i in range(scale.parties):
        party = add_party(process, f"party-{i + 1}", f"Party {i + 1}")
        user = create_user(f"delegate{i + 1}@{slug}.test", f"Delegate {i + 1}", "benchmark-password")
        add_member(process, user, Role.delegate, party)
        parties.append(party)
        delegates.append(user)
    team = Access(mediator.id, process, Role.mediator, None)
    document = create_document(team, "Comprehensive Settlement (synthetic)", actor=mediator)
    sizes = _section_sizes(scale)
    index = 0
    big_section = None
    for number, size in enumerate(sizes, start=1):
        section = add_section(document, f"Chapter {number}", actor=mediator)
        if size == scale.big_section and big_section is None:
            big_section = section
        add_clauses_bulk(document, section, [clause_text(rng, scale, index + i) for i in range(size)], actor=mediator)
        index += size
        db.session.commit()
    rounds = [circulate_round(document, actor=mediator, confirm_findings=True)]
    db.session.commit()
    clause_ids = list(db.session.scalars(select(Clause.id).where(Clause.document_id == document.id)
                                         .order_by(Clause.id)))
    for _ in range(1, scale.rounds):
        changed = rng.sample(clause_ids, max(1, int(len(clause_ids) * scale.changed_share)))
        _submissions(scale, rng, process, parties, delegates, changed)
        for clause_id in changed:
            clause = db.session.get(Clause, clause_id)
            edit_clause(clause_id, revise(rng, clause.current_version.text), clause.current_version_id,
                        actor=mediator, reason="synthetic revision")
        db.session.commit()
        rounds.append(circulate_round(document, actor=mediator, confirm_findings=True))
        db.session.commit()
    _positions(document, rounds[-1], parties, delegates, rng)
    if second_language:
        add_authentic_language(document, second_language, mediator, seed=seed)
    return Synthetic(process, document, mediator, delegates, parties, big_section, rounds)


def add_authentic_language(document, code: str, mediator, *, seed: int = 2004) -> int:
    """Adds `code` as an authentic language of the document and writes its text for every
    clause version (each round's pinned versions included), as concordant rows: a text of
    the version's word count, revised for its own version, as a drafting team that kept
    both languages in step would leave them. Written as rows (this is the set-up of a
    benchmark, not what it measures); returns the number of texts written."""
    rng = random.Random(seed + 1)
    add_document_language(document, code, authentic=True, actor=mediator)
    now = utcnow()
    versions = db.session.execute(
        select(ClauseVersion.id, ClauseVersion.clause_id, ClauseVersion.word_count, ClauseVersion.bracket_count)
        .join(Clause, Clause.id == ClauseVersion.clause_id)
        .where(Clause.document_id == document.id, ClauseVersion.is_tombstone.is_(False))
        .order_by(ClauseVersion.id)).all()
    for start in range(0, len(versions), 5000):
        rows = []
        for version_id, clause_id, words, brackets in versions[start:start + 5000]:
            text = " ".join(rng.choice(ARABIC) for _ in range(max(1, words - 4 * brackets)))
            text += " [خلال 30 يوما / خلال 90 يوما]" * brackets + "."
            rows.append({"version_id": version_id, "clause_id": clause_id, "language": code, "title": None,
                         "text": text, "revised_for_id": version_id, "bracket_count": brackets,
                         "author_id": mediator.id, "created_at": now})
        db.session.execute(insert(ClauseText), rows)
    db.session.commit()
    return len(versions)


def _section_sizes(scale: Scale) -> list[int]:
    rest = scale.clauses - scale.big_section
    base = rest // (scale.sections - 1)
    sizes = [scale.big_section] + [base] * (scale.sections - 1)
    sizes[-1] += rest - base * (scale.sections - 1)
    return sizes


def _submissions(scale, rng, process, parties, delegates, changed) -> None:
    for party, user in zip(parties, delegates):
        access = Access(user.id, process, Role.delegate, party.id)
        for clause_id in rng.sample(changed, min(len(changed), scale.submissions_per_party_round)):
            clause = db.session.get(Clause, clause_id)
            kind = rng.choice(("comment", "proposal", "reservation", "question"))
            create_submission(access, clause, kind=kind, body=sentence(rng, 20),
                              proposed_text=sentence(rng, 40) if kind == "proposal" else None,
                              draft=False, actor=user)
    db.session.commit()


def _positions(document, round_, parties, delegates, rng) -> None:
    pins = db.session.execute(select(RoundPin.clause_id, RoundPin.version_id)
                              .where(RoundPin.round_id == round_.id)).all()
    rows = []
    for party, user in zip(parties, delegates):
        for clause_id, version_id in pins:
            stance = Stance.agreed if rng.random() < 0.8 else (Stance.open if rng.random() < 0.5 else Stance.reservation)
            rows.append({"document_id": document.id, "clause_id": clause_id, "version_id": version_id,
                         "party_id": party.id, "stance": stance, "note": "synthetic" if stance == Stance.reservation
                         else None, "set_by_id": user.id, "on_behalf": False})
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Position), rows[start:start + 5000])
    tallies.rebuild(document.id)        # bulk-inserted, so counted here in one pass
    db.session.commit()


def continuation_docx(paragraphs: int, seed: int = 1) -> bytes:
    """The pathological import: one numbered article followed by `paragraphs` short
    unnumbered paragraphs, each a continuation of it (40,000 make a 0.36 MB file, which
    the reader used to take minutes over). Plain Word paragraphs, copied from the one
    python-docx writes (its add_paragraph is too slow for 40,000)."""
    import copy
    import io

    from docx import Document as WordDocument

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rng = random.Random(seed)
    document = WordDocument()
    document.add_heading("General provisions", level=1)
    document.add_paragraph("Article 1. The Parties agree as follows:")
    prototype = document.add_paragraph(sentence(rng, 4))._p
    body = prototype.getparent()
    section_properties = body.find(f"{w}sectPr")
    for _ in range(paragraphs - 1):
        paragraph = copy.deepcopy(prototype)
        paragraph.find(f".//{w}t").text = sentence(rng, 4)
        section_properties.addprevious(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
