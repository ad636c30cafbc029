"""The errors a domain function raises; pages turn them into French messages."""

from __future__ import annotations


class DomainError(Exception):
    """Base class: `str(error)` is a French sentence fit for the user."""


class ValidationError(DomainError):
    """Bad input. `errors` maps a field name to its French message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


class PermissionDenied(DomainError):
    """The acting user may not do this, whatever the UI showed them."""


class NotFound(DomainError):
    """The row asked for does not exist (or is not visible to this user)."""


class DatabaseUnavailable(DomainError):
    """The database could not be reached, even after retrying: nothing was written."""

    def __init__(self) -> None:
        super().__init__("La connexion à la base de données a été perdue : rien n'a été "
                         "enregistré. Réessayez dans un instant.")
