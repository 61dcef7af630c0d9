"""The search box's query syntax, read once by our code and compiled per backend.

What a member may type:

- words: ``transport policy`` (every word must match);
- "phrases": ``"home to school"`` (the words in that order);
- prefixes: ``transp*`` (any word starting so);
- exclusion: ``-budget`` or ``-"school meals"`` (nothing with it);
- OR: ``minibus OR taxi`` (either will do; binds tighter than the implicit AND).

Words are runs of Unicode letters and digits, lower-cased; everything else
separates them (``home-to-school`` is read as a phrase). So the compiled
expressions only ever hold such words inside quotes, and neither SQLite FTS5 nor
PostgreSQL can find a syntax error in them. Anything the syntax cannot read
(an unbalanced quote, a dangling OR, a lone ``-`` or ``*``, control characters,
a very long query) falls back to its plain words, and ``fell_back`` says so.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_LENGTH = 400  # characters of what was typed that are read at all
MAX_WORDS = 32  # words in one query, phrases' words included
MAX_WORD_LENGTH = 64  # characters of one word; longer ones are cut

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
# Control and format characters, apart from ordinary white space.
_CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_WHITESPACE = set(" \t\n\r\f\v")

# PostgreSQL's English stop words (tsearch_data/english.stop): its dictionary
# drops them from a tsquery, so a query of nothing else would leave only its
# exclusions, which match almost everything.
POSTGRES_STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs
    themselves what which who whom this that these those am is are was were be
    been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under
    again further then once here there when where why how all any both each few
    more most other some such no nor not only own same so than too very s t can
    will just don should now""".split()
)


@dataclass(frozen=True)
class Word:
    """One word (``transport``), or a prefix (``transp*``)."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words in this order: ``"home to school"``."""

    words: tuple[str, ...]


Clause = Word | Phrase


@dataclass(frozen=True)
class Group:
    """Alternatives, any of which will do; one clause for a plain term."""

    alternatives: tuple[Clause, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what was typed, tidied
    required: tuple[Group, ...] = ()  # all must match
    excluded: tuple[Clause, ...] = ()  # none may match
    fell_back: bool = False  # the syntax could not be read; plain words were used

    def is_empty(self) -> bool:
        """Nothing positive to search for (blank, or only exclusions)."""
        return not self.required

    def words(self) -> list[str]:
        """Every positive word, lower case, once each: for highlighting and
        for finding similar titles."""
        found: dict[str, None] = {}
        for group in self.required:
            for clause in group.alternatives:
                for word in _clause_words(clause):
                    found.setdefault(word)
        return list(found)


class _Unreadable(Exception):
    """The syntax could not be read; fall back to plain words."""


def parse(text: str) -> ParsedQuery:
    """Read what was typed. Never raises: unreadable syntax gives plain words."""
    text = text if isinstance(text, str) else ""
    raw = unicodedata.normalize("NFC", text)
    tidied, had_controls = _tidy(raw)
    too_long = len(tidied) > MAX_LENGTH
    tidied = tidied[:MAX_LENGTH].strip()
    if had_controls or too_long:
        return _plain_words(tidied)
    try:
        required, excluded = _read(tidied)
    except _Unreadable:
        return _plain_words(tidied)
    query = ParsedQuery(text=tidied, required=required, excluded=excluded)
    count = sum(len(_clause_words(c)) for g in required for c in g.alternatives)
    count += sum(len(_clause_words(c)) for c in excluded)
    if count > MAX_WORDS or any(
        len(word) > MAX_WORD_LENGTH
        for clause in _all_clauses(query)
        for word in _clause_words(clause)
    ):
        return _plain_words(tidied)
    return query


def any_of(words: Iterable[str]) -> ParsedQuery:
    """One group OR-ing these words: anything with any of them matches."""
    found: dict[str, None] = {}
    for item in words:
        for word in words_in(str(item)):
            found.setdefault(word[:MAX_WORD_LENGTH])
    chosen = list(found)[:MAX_WORDS]
    if not chosen:
        return ParsedQuery(text="")
    return ParsedQuery(
        text=" OR ".join(chosen),
        required=(Group(tuple(Word(word) for word in chosen)),),
    )


def to_fts5(query: ParsedQuery) -> str:
    """An SQLite FTS5 MATCH expression. Every word is quoted, so the tokenizer
    (porter, unicode61) reads it and the expression parser sees only strings."""
    if query.is_empty():
        # FTS5 refuses an empty expression; an empty phrase matches nothing.
        return '""'

    def clause(item: Clause) -> str:
        if isinstance(item, Phrase):
            return '"' + " ".join(item.words) + '"'
        return f'"{item.text}"' + ("*" if item.prefix else "")

    positive = " AND ".join(
        _bracketed([clause(c) for c in group.alternatives], " OR ")
        for group in query.required
    )
    if not query.excluded:
        return positive
    negative = " OR ".join(clause(c) for c in query.excluded)
    return f"({positive}) NOT ({negative})"


def to_tsquery(query: ParsedQuery) -> str:
    """Text for PostgreSQL's ``to_tsquery('english', %s)``. Every word is
    quoted, so the parser and dictionary read it and the tsquery syntax sees
    only operands and operators.

    Words PostgreSQL would drop (stop words, and words with no letter or ASCII
    digit) are left out here, and a query with nothing positive left compiles
    to nothing, so exclusions alone never match everything.
    """
    groups = []
    for group in query.required:
        alternatives = [
            operand
            for operand in (_ts_operand(c) for c in group.alternatives)
            if operand
        ]
        if alternatives:
            groups.append(_bracketed(alternatives, " | "))
    if not groups:
        return ""
    excluded = [operand for operand in map(_ts_operand, query.excluded) if operand]
    if excluded:
        groups.append("!(" + " | ".join(excluded) + ")")
    return " & ".join(groups)


# Reading ---------------------------------------------------------------------


def _tidy(text: str) -> tuple[str, bool]:
    """White space collapsed; control characters become spaces (and are reported)."""
    had_controls = False
    characters = []
    for character in text:
        if character in _WHITESPACE:
            characters.append(" ")
        elif unicodedata.category(character) in _CONTROL_CATEGORIES:
            had_controls = True
            characters.append(" ")
        else:
            characters.append(character)
    return _SPACE.sub(" ", "".join(characters)).strip(), had_controls


def words_in(text: str) -> list[str]:
    """The words of some text as the syntax reads them: lower case, in order."""
    return [word.lower() for word in _WORD.findall(text)]


def _plain_words(text: str) -> ParsedQuery:
    """Every word typed, each required, syntax ignored (the word OR dropped)."""
    found: dict[str, None] = {}
    for match in _WORD.finditer(text):
        if match.group() == "OR":
            continue
        found.setdefault(match.group().lower()[:MAX_WORD_LENGTH])
    words = list(found)[:MAX_WORDS]
    return ParsedQuery(
        text=text,
        required=tuple(Group((Word(word),)) for word in words),
        fell_back=True,
    )


_OR = object()


def _read(text: str) -> tuple[tuple[Group, ...], tuple[Clause, ...]]:
    """Terms, exclusions and ORs, in order; raises _Unreadable."""
    items: list[object] = []  # _OR, or (clause, excluded)
    position = 0
    while position < len(text):
        character = text[position]
        if character == " ":
            position += 1
            continue
        excluded = False
        if character == "-":
            following = text[position + 1 : position + 2]
            if following in ("", " "):
                raise _Unreadable("a lone -")
            excluded = True
            position += 1
            character = text[position]
        if character == '"':
            end = text.find('"', position + 1)
            if end == -1:
                raise _Unreadable("an unbalanced quote")
            words = words_in(text[position + 1 : end])
            position = end + 1
            if text[position : position + 1] == "*":
                raise _Unreadable("a prefix on a phrase")
            if not words:
                raise _Unreadable("an empty phrase")
            clause: Clause = Word(words[0]) if len(words) == 1 else Phrase(tuple(words))
            items.append((clause, excluded))
            continue
        end = position
        while end < len(text) and text[end] not in ' "':
            end += 1
        chunk = text[position:end]
        position = end
        if chunk == "OR" and not excluded:
            items.append(_OR)
            continue
        term = _read_term(chunk)
        if term is None:
            if excluded:
                raise _Unreadable("an exclusion of nothing")
            continue
        items.append((term, excluded))
    return _combine(items)


def _read_term(chunk: str) -> Clause | None:
    """A bare chunk: a word, a prefix, or (with punctuation inside) a phrase."""
    prefix = chunk.endswith("*") and len(chunk) > 1 and _WORD.match(chunk[-2])
    body = chunk[:-1] if prefix else chunk
    if "*" in body:
        raise _Unreadable("a stray *")
    words = words_in(body)
    if not words:
        if set(chunk) <= {"-"}:
            raise _Unreadable("a lone -")
        return None  # punctuation only: nothing to look for
    if len(words) == 1:
        return Word(words[0], prefix=bool(prefix))
    if prefix:
        raise _Unreadable("a prefix on a phrase")
    return Phrase(tuple(words))


def _combine(items: list[object]) -> tuple[tuple[Group, ...], tuple[Clause, ...]]:
    required: dict[Group, None] = {}
    excluded: dict[Clause, None] = {}
    alternatives: list[Clause] = []
    expecting_alternative = False  # just after OR
    for index, item in enumerate(items):
        if item is _OR:
            if not alternatives or expecting_alternative:
                raise _Unreadable("a dangling OR")
            expecting_alternative = True
            continue
        clause, is_excluded = item
        if is_excluded:
            if expecting_alternative or (
                index + 1 < len(items) and items[index + 1] is _OR
            ):
                raise _Unreadable("an exclusion inside OR")
            excluded.setdefault(clause)
            continue
        if alternatives and not expecting_alternative:
            required.setdefault(_group(alternatives))
            alternatives = []
        alternatives.append(clause)
        expecting_alternative = False
    if expecting_alternative:
        raise _Unreadable("a dangling OR")
    if alternatives:
        required.setdefault(_group(alternatives))
    return tuple(required), tuple(excluded)


def _group(alternatives: list[Clause]) -> Group:
    return Group(tuple(dict.fromkeys(alternatives)))


# Compiling -------------------------------------------------------------------


def _bracketed(operands: list[str], operator: str) -> str:
    if len(operands) == 1:
        return operands[0]
    return "(" + operator.join(operands) + ")"


def _clause_words(clause: Clause) -> tuple[str, ...]:
    return clause.words if isinstance(clause, Phrase) else (clause.text,)


def _all_clauses(query: ParsedQuery) -> list[Clause]:
    return [c for g in query.required for c in g.alternatives] + list(query.excluded)


def _postgres_keeps(word: str) -> bool:
    return word not in POSTGRES_STOP_WORDS and any(
        character.isalpha() or character in "0123456789" for character in word
    )


def _ts_operand(clause: Clause) -> str:
    """One quoted operand, or "" when PostgreSQL would find no lexeme in it."""
    if isinstance(clause, Phrase):
        if not any(_postgres_keeps(word) for word in clause.words):
            return ""
        return "'" + " ".join(clause.words) + "'"
    if not _postgres_keeps(clause.text):
        return ""
    return f"'{clause.text}'" + (":*" if clause.prefix else "")
