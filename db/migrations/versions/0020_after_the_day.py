"""After the day (#13): the satisfaction survey (its questions in `events.survey`, when it
was sent, and one answer per person in `survey_answers`) and the follow-up actions decided
at the conclusion (`event_followups`: what, who, by when, status)

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str | None = None):
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("survey", sa.JSON))
        batch.add_column(sa.Column("survey_sent_at", sa.DateTime))  # UTC, naive (Instant)
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
        _fk("survey_answers", "event_id", "events", "CASCADE"),
        _fk("survey_answers", "user_id", "users"),
        sa.UniqueConstraint("event_id", "user_id",
                            name=op.f("uq_survey_answers_event_id_user_id")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
    )
    op.create_table(
        "event_followups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("what", sa.String(300), nullable=False),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("due_on", sa.Date),
        sa.Column("status", sa.String(20), nullable=False, server_default="todo"),
        sa.Column("created_by", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        _fk("event_followups", "event_id", "events", "CASCADE"),
        _fk("event_followups", "owner_id", "users"),
        _fk("event_followups", "created_by", "users"),
        sa.CheckConstraint("status IN ('todo','doing','done')",
                           name=op.f("ck_event_followups_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_followups")),
    )
    for table, columns in (("survey_answers", ("event_id", "user_id")),
                           ("event_followups", ("event_id", "owner_id", "created_by"))):
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
        if op.get_bind().dialect.name == "postgresql":  # as every table: see 0002
            op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    op.drop_table("event_followups")
    op.drop_table("survey_answers")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("survey_sent_at")
        batch.drop_column("survey")
