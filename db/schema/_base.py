"""Shared metadata and column helpers of the schema."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class Instant(sa.TypeDecorator[datetime]):
    """A moment (a creation, a sign-in, a sending): stored as naive UTC on both databases,
    given back timezone-aware in UTC. Planned times of days and meetings stay `DateTime`:
    French wall-clock times, as the organiser typed them."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | date | None,
                           dialect: sa.Dialect) -> datetime | date | None:
        if not isinstance(value, datetime) or value.tzinfo is None:
            return value  # naive: already UTC; a date: a bound of a period filter
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None,
                             dialect: sa.Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def id_column() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def fk(
    name: str, target: str, *, nullable: bool = True, ondelete: str | None = None
) -> sa.Column[Any]:
    return sa.Column(name, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


def created_at() -> sa.Column[Any]:
    return sa.Column("created_at", Instant, nullable=False)


def updated_at() -> sa.Column[Any]:
    return sa.Column("updated_at", Instant, nullable=False)
