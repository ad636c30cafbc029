"""One clock: registrations, their choices and days' creation stamps were stored as Paris
wall time while every other instant is UTC; convert them to UTC (planned times — a day's
date and hours, registration windows — stay Paris wall time, as designed)

Revision ID: 0014
Revises: 0013
"""

from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None
PARIS = ZoneInfo("Europe/Paris")  # frozen here: a migration never imports live code
COLUMNS = {"registrations": ("created_at", "updated_at", "checked_in_at"),
           "registration_choices": ("created_at",), "events": ("created_at",)}


def _to_utc(value):
    return value.replace(tzinfo=PARIS).astimezone(UTC).replace(tzinfo=None)


def _to_paris(value):
    return value.replace(tzinfo=UTC).astimezone(PARIS).replace(tzinfo=None)


def _convert(change) -> None:
    bind = op.get_bind()
    for name, columns in COLUMNS.items():
        table = sa.table(name, sa.column("id"), *(sa.column(c, sa.DateTime) for c in columns))
        for row in bind.execute(sa.select(table)).all():
            values = {c: change(getattr(row, c)) for c in columns if getattr(row, c)}
            if values:
                bind.execute(table.update().where(table.c.id == row.id).values(**values))


def upgrade() -> None:
    _convert(_to_utc)


def downgrade() -> None:
    _convert(_to_paris)
