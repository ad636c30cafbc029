"""Tables about shared content: fiches projet, days and ateliers, forum, resources, files."""

from __future__ import annotations

import sqlalchemy as sa

from db.schema._base import Instant, created_at, fk, id_column, metadata, updated_at

# --- fiches projet ---------------------------------------------------------------------
pitches = sa.Table(
    "pitches", metadata,
    id_column(),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("axis", sa.String(200)),
    sa.Column("carrier", sa.String(200)),
    sa.Column("contact_name", sa.String(120)),
    sa.Column("contact_role", sa.String(120)),
    sa.Column("contact_email", sa.String(254)),
    sa.Column("summary", sa.Text, nullable=False, server_default=""),
    sa.Column("strategy", sa.Text),
    sa.Column("stakes", sa.Text),
    sa.Column("actions", sa.Text),
    sa.Column("scope", sa.Text),
    sa.Column("technical_notes", sa.Text),
    sa.Column("human_means", sa.Text),
    sa.Column("material_means", sa.Text),
    sa.Column("budget_eur", sa.Numeric(12, 2)),
    sa.Column("valorisation", sa.Text),
    sa.Column("start_date", sa.Date),
    sa.Column("end_date", sa.Date),
    sa.Column("status", sa.String(20), nullable=False, server_default="idee"),
    sa.Column("state", sa.String(20), nullable=False, server_default="draft"),
    sa.Column("tags", sa.String(300), nullable=False, server_default=""),
    sa.Column("search_text", sa.Text, nullable=False, server_default=""),
    fk("department_code", "departments.code"),
    fk("group_id", "working_groups.id"),
    fk("owner_id", "users.id", nullable=False),
    created_at(),
    updated_at(),
    sa.CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                       name="dates"),
    sa.CheckConstraint("state IN ('draft','published')", name="state"),
)

pitch_funders = sa.Table(
    "pitch_funders", metadata,
    id_column(),
    fk("pitch_id", "pitches.id", nullable=False, ondelete="CASCADE"),
    sa.Column("funder", sa.String(120), nullable=False),
    sa.Column("amount_eur", sa.Numeric(12, 2), nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
)

pitch_comments = sa.Table(
    "pitch_comments", metadata,
    id_column(),
    fk("pitch_id", "pitches.id", nullable=False, ondelete="CASCADE"),
    fk("author_id", "users.id", nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    created_at(),
    updated_at(),
    sa.Column("hidden_reason", sa.String(300)),
    fk("hidden_by", "users.id"),
    sa.Column("deleted_at", Instant),
)

pitch_follows = sa.Table(
    "pitch_follows", metadata,
    sa.Column("pitch_id", sa.ForeignKey("pitches.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    created_at(),
    sa.PrimaryKeyConstraint("pitch_id", "user_id"),
)

# --- journées, programme, ateliers, registrations ----------------------------------------
events = sa.Table(
    "events", metadata,
    id_column(),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("day", sa.Date, nullable=False, index=True),
    sa.Column("starts_at", sa.Time, nullable=False),
    sa.Column("ends_at", sa.Time, nullable=False),
    sa.Column("place", sa.String(200), nullable=False),
    sa.Column("address", sa.String(300)),
    fk("host_department_code", "departments.code"),
    sa.Column("audience", sa.String(20), nullable=False, server_default="md_staff"),
    sa.Column("registration_opens_at", sa.DateTime),
    sa.Column("registration_closes_at", sa.DateTime),
    sa.Column("status", sa.String(20), nullable=False, server_default="draft"),
    sa.Column("cancel_message", sa.Text),
    sa.Column("questions", sa.JSON),
    sa.Column("survey", sa.JSON),  # the satisfaction survey's questions, as `questions`
    sa.Column("survey_sent_at", Instant),
    sa.Column("md_quota", sa.Integer),  # people of one MD registered, at most (None: no cap)
    # days before the day when registrants are reminded, « 7,1 »; empty: no reminder
    sa.Column("reminders", sa.String(20), nullable=False, server_default="7,1"),
    # which of the four usual questions the day asks (the default set: all four)
    sa.Column("standard_questions", sa.String(100), nullable=False,
              server_default="lunch,dietary,accessibility_needs,comment"),
    fk("group_id", "working_groups.id"),
    fk("created_by", "users.id"),
    created_at(),
    sa.CheckConstraint("ends_at > starts_at", name="times"),
    sa.CheckConstraint("md_quota IS NULL OR md_quota > 0", name="md_quota"),
)

event_slots = sa.Table(
    "event_slots", metadata,
    id_column(),
    fk("event_id", "events.id", nullable=False, ondelete="CASCADE"),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("starts_at", sa.Time, nullable=False),
    sa.Column("ends_at", sa.Time),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("is_choice", sa.Boolean, nullable=False, server_default=sa.false()),
    # « vœux classés »: people rank the ateliers, the organiser's allocation places them
    sa.Column("ranked", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("allocated_at", Instant),
    sa.Column("allocation_seed", sa.Integer),
)

event_sessions = sa.Table(
    "event_sessions", metadata,
    id_column(),
    fk("slot_id", "event_slots.id", nullable=False, ondelete="CASCADE"),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text),
    fk("host_department_code", "departments.code"),
    sa.Column("facilitator", sa.String(200)),
    sa.Column("room", sa.String(120)),
    sa.Column("capacity", sa.Integer, nullable=False),
    sa.Column("md_quota", sa.Integer),  # confirmed places of one MD, at most
    sa.CheckConstraint("capacity > 0", name="capacity"),
    sa.CheckConstraint("md_quota IS NULL OR md_quota > 0", name="md_quota"),
)

registrations = sa.Table(
    "registrations", metadata,
    id_column(),
    fk("event_id", "events.id", nullable=False, ondelete="CASCADE"),
    fk("user_id", "users.id", nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("lunch", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("dietary", sa.String(300)),
    sa.Column("accessibility_needs", sa.String(500)),
    sa.Column("comment", sa.Text),
    sa.Column("answers", sa.JSON),  # to the day's own questions, by question id
    fk("registered_by", "users.id"),
    created_at(),
    updated_at(),
    sa.Column("checked_in_at", Instant),
    sa.UniqueConstraint("event_id", "user_id"),
    sa.CheckConstraint("status IN ('confirmed','waitlisted','cancelled')", name="status"),
)

registration_choices = sa.Table(
    "registration_choices", metadata,
    id_column(),
    fk("registration_id", "registrations.id", nullable=False, ondelete="CASCADE"),
    fk("slot_id", "event_slots.id", nullable=False),
    fk("session_id", "event_sessions.id", nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("waitlist_position", sa.Integer),
    created_at(),
    sa.UniqueConstraint("registration_id", "slot_id"),
    sa.CheckConstraint("status IN ('confirmed','waitlisted')", name="status"),
)

slot_wishes = sa.Table(
    "slot_wishes", metadata,
    id_column(),
    fk("registration_id", "registrations.id", nullable=False, ondelete="CASCADE"),
    fk("slot_id", "event_slots.id", nullable=False, ondelete="CASCADE"),
    fk("atelier_id", "event_sessions.id", nullable=False, ondelete="CASCADE"),
    sa.Column("rank", sa.Integer, nullable=False),
    sa.UniqueConstraint("registration_id", "slot_id", "rank"),
    sa.UniqueConstraint("registration_id", "slot_id", "atelier_id"),
    sa.CheckConstraint("rank BETWEEN 1 AND 3", name="rank"),
)

# the organisers' messages to a day's registrants, and the automatic reminders (`reminder`
# = days before the day; unique per day, so that two app processes send each one once)
event_messages = sa.Table(
    "event_messages", metadata,
    id_column(),
    fk("event_id", "events.id", nullable=False, ondelete="CASCADE"),
    sa.Column("audience", sa.String(20), nullable=False),
    fk("atelier_id", "event_sessions.id", ondelete="SET NULL"),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    fk("sent_by", "users.id"),
    sa.Column("sent_at", Instant, nullable=False),
    sa.Column("recipients", sa.Integer, nullable=False),
    sa.Column("reminder", sa.Integer),
    sa.UniqueConstraint("event_id", "reminder"),
    sa.CheckConstraint("audience IN ('all','confirmed','waitlisted','atelier')",
                       name="audience"),
)

# after the day: one survey answer per person and day; the follow-up actions decided
survey_answers = sa.Table(
    "survey_answers", metadata,
    id_column(),
    fk("event_id", "events.id", nullable=False, ondelete="CASCADE"),
    fk("user_id", "users.id", nullable=False),
    sa.Column("answers", sa.JSON, nullable=False),
    sa.Column("answered_at", Instant, nullable=False),
    sa.UniqueConstraint("event_id", "user_id"),
)

event_followups = sa.Table(
    "event_followups", metadata,
    id_column(),
    fk("event_id", "events.id", nullable=False, ondelete="CASCADE"),
    sa.Column("what", sa.String(300), nullable=False),
    fk("owner_id", "users.id", nullable=False),
    sa.Column("due_on", sa.Date),
    sa.Column("status", sa.String(20), nullable=False, server_default="todo"),
    fk("created_by", "users.id"),
    created_at(),
    sa.CheckConstraint("status IN ('todo','doing','done')", name="status"),
)

# --- forum -----------------------------------------------------------------------------
forum_themes = sa.Table(
    "forum_themes", metadata,
    id_column(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("opens_on", sa.Date),
    sa.Column("closes_on", sa.Date),
    sa.Column("status", sa.String(20), nullable=False, server_default="open"),
    fk("group_id", "working_groups.id"),
    created_at(),
)

VISIBLE_THREADS = "parent_id IS NULL AND status = 'published' AND deleted_at IS NULL"
forum_posts = sa.Table(
    "forum_posts", metadata,
    id_column(),
    fk("theme_id", "forum_themes.id", nullable=False),
    fk("parent_id", "forum_posts.id", ondelete="CASCADE"),
    fk("author_id", "users.id", nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("title", sa.String(200)),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, server_default="published"),
    sa.Column("hidden_reason", sa.String(300)),
    sa.Column("organisation_type", sa.String(60)),
    fk("department_code", "departments.code"),
    sa.Column("tags", sa.String(300), nullable=False, server_default=""),
    sa.Column("useful", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("search_text", sa.Text, nullable=False, server_default=""),
    created_at(),
    updated_at(),
    sa.Column("edited_at", Instant),
    sa.Column("deleted_at", Instant),
    # a proposition's official answer (db.forum.answers), and where it was merged
    sa.Column("answer_state", sa.String(20)),
    sa.Column("answer", sa.Text),
    fk("answered_by", "users.id"),
    sa.Column("answered_at", Instant),
    fk("merged_into", "forum_posts.id"),
    sa.CheckConstraint(
        "kind IN ('retour_experience','point_vigilance','proposition','question','reponse')",
        name="kind"),
    sa.CheckConstraint("answer_state IS NULL OR answer_state IN "
                       "('a_l_etude','retenue','integree','non_retenue')", name="answer_state"),
    sa.CheckConstraint("status IN ('published','pending','hidden')", name="status"),
    # a theme's list and counts are read from these alone (no visit to the rows)
    sa.Index("ix_forum_posts_listing", "theme_id", "parent_id", "status", "deleted_at",
             "created_at", "author_id", "id"),
    sa.Index("ix_forum_posts_kinds", "theme_id", "kind", "status", "deleted_at",
             "created_at"),
    sa.Index("ix_forum_posts_recent", "created_at", "id",  # « derniers messages »
             postgresql_where=sa.text(VISIBLE_THREADS), sqlite_where=sa.text(VISIBLE_THREADS)),
    sa.Index("ix_forum_posts_status", "status",  # the moderation queue: a handful of rows
             postgresql_where=sa.text("status <> 'published'"),
             sqlite_where=sa.text("status <> 'published'")),
)

forum_reactions = sa.Table(
    "forum_reactions", metadata,
    sa.Column("post_id", sa.ForeignKey("forum_posts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    created_at(),
    sa.PrimaryKeyConstraint("post_id", "user_id"),
)

forum_reports = sa.Table(
    "forum_reports", metadata,
    id_column(),
    fk("post_id", "forum_posts.id", nullable=False, ondelete="CASCADE"),
    fk("user_id", "users.id", nullable=False),
    sa.Column("reason", sa.String(500), nullable=False),
    created_at(),
    sa.Column("resolved_at", Instant),
    sa.UniqueConstraint("post_id", "user_id"),
)

forum_follows = sa.Table(
    "forum_follows", metadata,
    id_column(),
    fk("user_id", "users.id", nullable=False, ondelete="CASCADE"),
    fk("theme_id", "forum_themes.id", ondelete="CASCADE"),
    fk("post_id", "forum_posts.id", ondelete="CASCADE"),
    created_at(),
    sa.UniqueConstraint("user_id", "theme_id", "post_id"),
)

# --- resources and files -----------------------------------------------------------------
files = sa.Table(
    "files", metadata,
    id_column(),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("mime", sa.String(120), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("backend", sa.String(20), nullable=False),
    sa.Column("key", sa.String(300), nullable=False),
    created_at(),
)

collections = sa.Table(
    "collections", metadata,
    id_column(),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("description", sa.Text),
    fk("created_by", "users.id"),
    created_at(),
)

resources = sa.Table(
    "resources", metadata,
    id_column(),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("url", sa.String(1000)),
    fk("file_id", "files.id"),
    sa.Column("file_name", sa.String(255)),
    fk("group_id", "working_groups.id"),
    fk("department_code", "departments.code"),
    sa.Column("tags", sa.String(300), nullable=False, server_default=""),
    sa.Column("audience", sa.String(120)),
    # read by contributors (open sign-up) too; otherwise MD staff only (#15)
    sa.Column("public", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("year", sa.Integer),
    sa.Column("licence", sa.String(60)),
    fk("pitch_id", "pitches.id", ondelete="SET NULL"),
    fk("event_id", "events.id", ondelete="SET NULL"),
    fk("session_id", "event_sessions.id", ondelete="SET NULL"),
    fk("collection_id", "collections.id", ondelete="SET NULL"),
    fk("owner_id", "users.id", nullable=False),
    sa.Column("downloads", sa.Integer, nullable=False, server_default="0"),
    sa.Column("search_text", sa.Text, nullable=False, server_default=""),
    created_at(),
    updated_at(),
    sa.CheckConstraint("(url IS NULL) <> (file_id IS NULL)", name="url_or_file"),
)

resource_versions = sa.Table(
    "resource_versions", metadata,
    id_column(),
    fk("resource_id", "resources.id", nullable=False, ondelete="CASCADE"),
    fk("file_id", "files.id", nullable=False),
    sa.Column("file_name", sa.String(255), nullable=False),
    fk("created_by", "users.id"),
    created_at(),
)
