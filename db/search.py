"""French text for search, the same on SQLite and PostgreSQL: words are folded (no accents,
lower case) and reduced to a light singular, so « Médiathèques » matches « médiathèque »."""

from __future__ import annotations

import re

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
