"""A stand-in for ``search/query.py`` (helper ``searchquery`` writes the real
one): plain words only, all required. Deleted once the parser is merged."""

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    alternatives: tuple


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    required: tuple = ()
    excluded: tuple = ()
    fell_back: bool = False

    def is_empty(self) -> bool:
        return not self.required

    def words(self) -> list[str]:
        return [
            clause.text
            for group in self.required
            for clause in group.alternatives
            if isinstance(clause, Word)
        ]


def parse(text: str) -> ParsedQuery:
    words = [word.lower() for word in _WORD.findall(text) if word != "_"]
    return ParsedQuery(
        text=" ".join(text.split()),
        required=tuple(Group((Word(word),)) for word in words),
    )


def to_fts5(query: ParsedQuery) -> str:
    return " ".join(f'"{word}"' for word in query.words())


def to_tsquery(query: ParsedQuery) -> str:
    return " & ".join(query.words())
