"""Per-MD quotas (#13): « 4 places par MD au plus », optional, for a whole day (people
registered) and for an atelier (confirmed places); counted under the same lock as the
capacity

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TABLES = ("events", "event_sessions")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("md_quota", sa.Integer))
            batch.create_check_constraint(op.f(f"ck_{table}_md_quota"),
                                          "md_quota IS NULL OR md_quota > 0")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"ck_{table}_md_quota"), type_="check")
            batch.drop_column("md_quota")
