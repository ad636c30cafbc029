"""Fiches projet: a folded search text, and trigram similarity on PostgreSQL

`search_text` holds the fiche's words without accents, in lower case and singular, so one
query finds « médiathèque » and « mediatheques » on both backends. On PostgreSQL, pg_trgm
ranks near-duplicate titles (installed where the role may; the app falls back otherwise).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pitches") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), server_default="",
                                   nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def downgrade() -> None:
    with op.batch_alter_table("pitches") as batch:
        batch.drop_column("search_text")
