"""Row-level security on every table (PostgreSQL only)

Supabase exposes the `public` schema through its REST API to anyone holding the anon key;
with RLS enabled and no policy, that API sees nothing. The app connects as the tables'
owner, which RLS does not restrict. Every later migration that adds a table must do the
same: `tests/db/test_migrations.py` checks it.

Revision ID: 0002
Revises: 0001c
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001c"
branch_labels = None
depends_on = None


def _tables() -> list[str]:
    bind = op.get_bind()
    return sa.inspect(bind).get_table_names()


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
