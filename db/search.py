"""French text for search, the same on SQLite and PostgreSQL: words are folded (no accents,
lower case) and reduced to a light singular, so « Médiathèques » matches « médiathèque »."""

from __future__ import annotations

import re

import sqlalchemy as sa

from db.validation import fold

__all__ = ["fold"]

WORD = re.compile(r"[a-z0-9]+")
STOP = {"de", "la", "le", "les", "des", "du", "un", "une", "et", "en", "au", "aux", "a", "l",
        "d", "pour", "par", "sur", "dans", "avec"}


def stem(word: str) -> str:
    """Plural → singular, the regular French way (journaux → journal, bibliothèques →
    bibliotheque); short words stay as they are."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(fold(text)) if w not in STOP]


def document(*parts: str | None) -> str:
    """What gets stored: each term once, space-separated, padded for whole-word matching."""
    seen = dict.fromkeys(t for part in parts if part for t in terms(part))
    return " " + " ".join(seen) + " "


def trigrams(text: str) -> set[str]:
    padded = "  " + " ".join(terms(text)) + " "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """Trigram similarity (as pg_trgm computes it) on folded, singular words."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def matches(conn: sa.Connection, table: sa.Table, text: str) -> sa.ColumnElement[bool] | None:
    """Rows of `table` whose words start with every term of `text` (None: no term typed).

    Uses the full-text index built by the migrations over `search_text`: French
    `tsvector` on PostgreSQL, FTS5 (`unicode61 remove_diacritics`) on SQLite. Terms are
    folded and reduced to [a-z0-9] first, so nothing typed reaches the query syntax."""
    words = terms(text)
    if not words:
        return None
    if conn.dialect.name == "postgresql":
        query = sa.func.to_tsquery(sa.literal_column("'french'"),
                                   " & ".join(f"{w}:*" for w in words))
        vector = sa.func.to_tsvector(sa.literal_column("'french'"), table.c.search_text)
        return vector.op("@@")(query)
    index = f"{table.name}_fts"
    found = sa.text(f"SELECT rowid FROM {index} WHERE {index} MATCH :fts").bindparams(
        fts=" AND ".join(f'"{w}"*' for w in words))
    return table.c.id.in_(found)


def has_tag(column: sa.ColumnElement[str], tag: str) -> sa.ColumnElement[bool]:
    """`column` holds keywords as `validation.tags` stores them; match one whole keyword."""
    return (", " + column + ",").like(f"%, {tag},%")
