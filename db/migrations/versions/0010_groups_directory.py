"""Directory profiles (territory, expertise, what members may see) and forum themes that
belong to a working group

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("territory", sa.String(200)))
        batch.add_column(sa.Column("expertise", sa.String(300)))
        batch.add_column(sa.Column(
            "directory_fields", sa.String(200), nullable=False,
            server_default="organisation,job_title,territory,expertise,groups"))
    with op.batch_alter_table("forum_themes") as batch:
        batch.add_column(sa.Column("group_id", sa.Integer()))
        batch.create_index("ix_forum_themes_group_id", ["group_id"])
        batch.create_foreign_key("fk_forum_themes_group_id_working_groups", "working_groups",
                                 ["group_id"], ["id"])
    op.execute("UPDATE forum_themes SET group_id = (SELECT id FROM working_groups "
               "WHERE slug = 'inclusion-numerique')")


def downgrade() -> None:
    with op.batch_alter_table("forum_themes") as batch:
        batch.drop_constraint("fk_forum_themes_group_id_working_groups", type_="foreignkey")
        batch.drop_index("ix_forum_themes_group_id")
        batch.drop_column("group_id")
    with op.batch_alter_table("users") as batch:
        for column in ("directory_fields", "expertise", "territory"):
            batch.drop_column(column)
