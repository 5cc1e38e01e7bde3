"""The numbering rule, in one place: how articles (clauses) and sections are numbered and
labelled, on pages, in the API and in Word.

Articles are numbered 1, 2, 3 ... over the whole document (a clause's number in a round is
its pinned position + 1; in the working draft, its place among the live clauses), and
sections 1, 2, 3 ... in document order. Word files do not type these numbers: they carry
the same rule as automatic numbering (`WORD_LISTS`, written to numbering.xml), so that
accepting or rejecting a tracked insertion renumbers every later article by itself, and a
drafter who inserts an article in Word gets the next number without retyping any.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class NumberingRule:
    prefix: str              # typed before the number: "Article "
    word_format: str         # Word's w:numFmt for the number: decimal, upperRoman ...
    suffix: str              # after the number in a Word label: "."

    def label(self, number: int) -> str:
        """The label as pages and the API show it: "Article 12", "3"."""
        return f"{self.prefix}{number}"

    def heading(self, number: int) -> str:
        """The label as the document prints it: "Article 12.", "3."."""
        return f"{self.prefix}{number}{self.suffix}"

    @property
    def word_level_text(self) -> str:
        """Word's w:lvlText: the same label with %1 for the number."""
        return f"{self.prefix}%1{self.suffix}"


ARTICLE = NumberingRule("Article ", "decimal", ".")
SECTION = NumberingRule("", "decimal", ".")


def article_label(number: int | None) -> str:
    """"Article 12"; a deleted clause has no number."""
    return ARTICLE.label(number) if number else "Deleted clause"


def section_heading(number: int, title: str) -> str:
    """"3. Power sharing", as pages list sections."""
    return f"{SECTION.heading(number)} {title}"


def number_of_position(position: int | None) -> int | None:
    """A clause's number from its 0-based pinned position in a round."""
    return None if position is None else position + 1
