"""Password policy and hashing (bcrypt; checked by `db.accounts.sessions.authenticate`).

The policy follows NIST SP 800-63B rather than composition rules: length counts, any
Unicode is welcome (a French passphrase with accents), obvious choices are refused.
bcrypt reads at most 72 bytes, hence the upper bound.
"""

from __future__ import annotations

import os
import secrets
import string

import bcrypt

MIN_LENGTH = 12
MAX_LENGTH = 64
MAX_BYTES = 72
COMMON = {
    "motdepasse123", "motdepasse1234", "azertyuiop12", "azertyuiop123", "123456789012",
    "1234567890123", "password1234", "passwordpassword", "coopmdcoopmd", "bibliotheque1",
    "mediatheque123", "qwertyuiop12", "000000000000", "abcdefghijkl",
}


def problem(password: str, *, username: str = "", email: str = "") -> str | None:
    """The French reason this password is refused, or None when it is acceptable."""
    if not password:
        return "Le mot de passe est obligatoire."
    if password != password.strip():
        return "Le mot de passe ne doit ni commencer ni finir par une espace."
    if len(password) < MIN_LENGTH:
        return (f"Le mot de passe doit faire au moins {MIN_LENGTH} caractères : une courte "
                "phrase fait très bien l'affaire.")
    if len(password) > MAX_LENGTH or len(password.encode()) > MAX_BYTES:
        return f"Le mot de passe doit faire au plus {MAX_LENGTH} caractères."
    lowered = password.lower()
    if len(set(lowered)) < 4 or lowered in COMMON:
        return "Ce mot de passe est trop facile à deviner : choisissez-en un moins courant."
    for part in (username.lower(), email.lower().split("@")[0]):
        if len(part) >= 4 and part in lowered:
            return "Le mot de passe ne doit pas contenir votre identifiant ou votre e-mail."
    return None


def hash_password(password: str) -> str:
    """Cost 12 in production; tests lower it with COOPMD_BCRYPT_ROUNDS (minimum 4)."""
    rounds = max(4, int(os.environ.get("COOPMD_BCRYPT_ROUNDS", "12")))
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()


def verify(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:  # longer than bcrypt accepts, or a malformed hash
        return False


def temporary() -> str:
    """A random password given once to an admin for a user; it passes the policy."""
    alphabet = string.ascii_letters + string.digits
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))
