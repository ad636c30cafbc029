"""Field checks shared by every domain; each returns a French message or None.

Domain modules collect these into one `ValidationError` so a form can show every problem
next to its field at once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TypeVar

from db.errors import ValidationError

Ref = TypeVar("Ref", int, str)
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']{2,}$")
DOMAIN_RE = re.compile(r"^(?=.{4,120}$)([a-z0-9-]+\.)+[a-z]{2,}$")


def clean(value: str | None) -> str:
    """Trim and normalise (NFC) so 'é' typed two ways is stored one way."""
    return unicodedata.normalize("NFC", (value or "").strip())


@functools.lru_cache(maxsize=100_000)
def fold(value: str) -> str:
    """Accent- and case-insensitive form: 'Élodie' and 'elodie' fold the same (sort, search)."""
    decomposed = unicodedata.normalize("NFD", value or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


ALLOWED_CONTROLS = frozenset("\n\r\t")  # line breaks and tabs belong in long texts


def unstorable(value: str, label: str) -> str | None:
    """What no database column may hold: NUL and other control characters (PostgreSQL
    refuses NUL outright) and lone surrogates (no UTF-8 for them: the driver raised)."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        return f"{label} contient des caractères illisibles : recopiez-le sans eux."
    if any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in value):
        return f"{label} contient des caractères invisibles non autorisés."
    return None


def text(value: str, *, label: str, max_len: int, required: bool = True,
         min_len: int = 1) -> str | None:
    """Every text field's check: required, length, and nothing a database cannot store."""
    if not value:
        return f"{label} est obligatoire." if required else None
    if not isinstance(value, str):
        return f"{label} doit être un texte."
    if problem := unstorable(value, label):
        return problem
    if len(value) < min_len:
        return f"{label} doit faire au moins {min_len} caractères."
    if len(value) > max_len:
        return f"{label} doit faire au plus {max_len} caractères (actuellement {len(value)})."
    return None


def plain_text(value: str, *, label: str, max_len: int, required: bool = True) -> str | None:
    """A one-line field shown as-is (names, titles): no markup, no control characters."""
    problem = text(value, label=label, max_len=max_len, required=required)
    if problem:
        return problem
    if "<" in value or ">" in value:
        return f"{label} ne peut pas contenir les caractères < ou >."
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        return f"{label} contient des caractères invisibles non autorisés."
    return None


def email(value: str, *, label: str = "L'adresse e-mail", required: bool = True) -> str | None:
    if not value:
        return f"{label} est obligatoire." if required else None
    if len(value) > 254 or not EMAIL_RE.match(value):
        return f"{label} n'est pas valide (exemple : prenom.nom@ledepartement.fr)."
    return None


def domain(value: str) -> str | None:
    if not DOMAIN_RE.match(value):
        return "Le domaine n'est pas valide (exemple : ledepartement42.fr)."
    return None


def tags(value: str | None) -> tuple[str, str | None]:
    """Comma-separated keywords, each once, stored as « a, b, c » so that one can be matched
    whole (see `search.has_tag`); returns (normalised, problem)."""
    found = list(dict.fromkeys(t.strip() for t in clean(value).split(",") if t.strip()))
    if len(found) > 10 or any(len(t) > 40 for t in found):
        return "", "Dix mots-clés au plus, de 40 caractères chacun au plus."
    if any("<" in t or ">" in t for t in found):
        return "", "Les mots-clés ne peuvent pas contenir les caractères < ou >."
    return ", ".join(found), None


def reference(value: Ref | str | None) -> Ref | None:
    """An optional reference (a department, a group, a fiche…) as forms send it: a blank
    string means none (it reached the foreign key as '' and failed there)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value  # type: ignore[return-value]


def whole_number(value: object, *, label: str, low: int, high: int, required: bool = True,
                 example: int | None = None) -> tuple[int | None, str | None]:
    """A whole number typed or chosen in a form, parsed once: « 12 », 12, 12.0 are 12;
    « 12,5 », 2020.9, « ² » or « douze » are refused with a French message, never
    truncated (2020.9 was stored as 2021) nor left to raise ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, f"{label} est obligatoire." if required else None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace(" ", "")
        number = int(text) if text.isascii() and text.isdigit() else None
    if number is None:
        return None, (f"{label} s'écrit en chiffres, sans virgule (par exemple "
                      f"{example if example is not None else low}).")
    if not low <= number <= high:
        return None, f"{label} doit se situer entre {_french(low)} et {_french(high)}."
    return number, None


def _french(number: int) -> str:
    return f"{number:,}".replace(",", " ")  # « 5 000 »


def raise_if(errors: dict[str, str | None]) -> None:
    """Raise one ValidationError listing every field that has a problem."""
    found = {field: message for field, message in errors.items() if message}
    if found:
        raise ValidationError(found)
