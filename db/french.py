"""Dates and hours as French people write them, for what the app shows and what it prints
(attestations, e-mails): « mardi 1er juillet 2025 », « 9 h 30 »."""

from __future__ import annotations

from datetime import date, datetime, time

from db.engine import paris

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def french_date(value: date, *, weekday: bool = False) -> str:
    """« mardi 1er juillet 2025 » (an instant's date in France: 23 h 30 UTC is already the
    next day in Paris)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = paris(value)
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def hour(value: time | datetime) -> str:
    """« 9 h 30 », « 17 h » (an instant: its hour in France)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = paris(value)
    return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")


# the PDF core fonts speak Latin-1: what French writes outside it, said the nearest way
NEAREST = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"',
                         "–": "-", "—": "-", "…": "...", "\u202f": " ", "€": "EUR"})


def latin1(text: str) -> str:
    """Text for the PDF core fonts (fpdf2's Helvetica): French in Latin-1."""
    text = text.translate(NEAREST)
    return text.encode("latin-1", "replace").decode("latin-1")
