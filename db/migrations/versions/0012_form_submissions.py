"""Form submissions: one row per submitted form token, so that a double click on
« Publier », « Ajouter » or « Envoyer » writes once (the second insert fails on the key)

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_submissions",
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token", name="pk_form_submissions"),
    )
    op.create_index("ix_form_submissions_created_at", "form_submissions", ["created_at"])
    if op.get_bind().dialect.name == "postgresql":  # as every table: see 0002
        op.execute('ALTER TABLE "form_submissions" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    op.drop_index("ix_form_submissions_created_at", "form_submissions")
    op.drop_table("form_submissions")
