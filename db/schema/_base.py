"""Shared metadata and column helpers of the schema."""

from __future__ import annotations

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


def id_column() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def fk(name: str, target: str, *, nullable: bool = True, ondelete: str | None = None) -> sa.Column[Any]:
    return sa.Column(name, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


def created_at() -> sa.Column[Any]:
    return sa.Column("created_at", sa.DateTime, nullable=False)
