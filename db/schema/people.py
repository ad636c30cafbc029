"""Tables about people: accounts, settings, audit, notifications, working groups."""

from __future__ import annotations

import sqlalchemy as sa

from db.schema._base import Instant, created_at, fk, id_column, metadata

ROLES = ("contributor", "member", "organiser", "admin")

# --- reference data and accounts -------------------------------------------------------
departments = sa.Table(
    "departments", metadata,
    sa.Column("code", sa.String(3), primary_key=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("region", sa.String(80), nullable=False),
    sa.Column("md_name", sa.String(120)),
)

users = sa.Table(
    "users", metadata,
    id_column(),
    sa.Column("username", sa.String(40), nullable=False, unique=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("display_name", sa.String(80), nullable=False),
    sa.Column("password_hash", sa.String(100), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    fk("department_code", "departments.code"),
    sa.Column("organisation", sa.String(120)),
    sa.Column("job_title", sa.String(120)),
    sa.Column("territory", sa.String(200)),
    sa.Column("expertise", sa.String(300)),
    # what members see in the directory (e-mail only when listed here)
    sa.Column("directory_fields", sa.String(200), nullable=False,
              server_default="organisation,job_title,territory,expertise,groups"),
    created_at(),
    sa.Column("last_login_at", Instant),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", Instant),
    sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    # in every sign-in cookie; raised to invalidate them all (db.accounts.sessions)
    sa.Column("session_version", sa.Integer, nullable=False, server_default="0"),
    # created by a colleague's cohort registration, inactive until the person signs up
    # with this e-mail and so claims it (db.events.cohorts.register_newcomer)
    sa.Column("held_for_claim", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.CheckConstraint("role IN ('contributor','member','organiser','admin')", name="role"),
)

invitations = sa.Table(
    "invitations", metadata,
    id_column(),
    sa.Column("email", sa.String(254), unique=True),
    sa.Column("domain", sa.String(120), unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    fk("created_by", "users.id"),
    created_at(),
    sa.Column("used_at", Instant),
    sa.CheckConstraint("(email IS NULL) <> (domain IS NULL)", name="email_or_domain"),
)

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(80), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    id_column(),
    sa.Column("at", Instant, nullable=False, index=True),
    fk("user_id", "users.id"),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("entity_id", sa.String(40)),
    sa.Column("detail", sa.JSON),
)

notifications = sa.Table(
    "notifications", metadata,
    id_column(),
    fk("user_id", "users.id", nullable=False, ondelete="CASCADE"),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("text", sa.String(300), nullable=False),
    sa.Column("link", sa.String(300)),
    created_at(),
    sa.Column("read_at", Instant),
)

outbox = sa.Table(
    "outbox", metadata,
    id_column(),
    sa.Column("to_email", sa.String(254), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    created_at(),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("sent_at", Instant),
    sa.Column("attachment_name", sa.String(120)),
    sa.Column("attachment", sa.LargeBinary),
    # a sender's claim (db.mailer.claim): no other sender takes the row until it expires
    sa.Column("claim_token", sa.String(32)),
    sa.Column("claimed_until", Instant),
    sa.Column("next_attempt_at", Instant),  # after a failure: retried from then on
    # a digest's unsubscribe link, sent as the List-Unsubscribe header (RFC 2369)
    sa.Column("list_unsubscribe", sa.String(500)),
)

# --- what each person wants to be told, and how (db.notifications, db.digests) ----------
notification_prefs = sa.Table(  # no row: the default, « both » (in the app and by e-mail)
    "notification_prefs", metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("category", sa.String(30), nullable=False),
    sa.Column("channel", sa.String(10), nullable=False),
    sa.PrimaryKeyConstraint("user_id", "category"),
    sa.CheckConstraint("channel IN ('both','app','email','off')", name="channel"),
)

digest_subscriptions = sa.Table(  # no row: no digest
    "digest_subscriptions", metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("frequency", sa.String(10), nullable=False),
    created_at(),
    sa.CheckConstraint("frequency IN ('daily','weekly')", name="frequency"),
)

digests_sent = sa.Table(  # one digest per person and period, whatever the replicas
    "digests_sent", metadata,
    id_column(),
    fk("user_id", "users.id", nullable=False, ondelete="CASCADE"),
    sa.Column("period_end", Instant, nullable=False),
    sa.Column("items", sa.Integer, nullable=False),
    sa.Column("sent_at", Instant, nullable=False),
    sa.UniqueConstraint("user_id", "period_end"),
)

used_tokens = sa.Table(  # an unsubscribe link works once
    "used_tokens", metadata,
    sa.Column("jti", sa.String(64), primary_key=True),
    sa.Column("used_at", Instant, nullable=False),
)

drafts = sa.Table(
    "drafts", metadata,
    fk("user_id", "users.id", nullable=False, ondelete="CASCADE"),
    sa.Column("form", sa.String(80), nullable=False),
    sa.Column("content", sa.JSON, nullable=False),
    sa.Column("updated_at", Instant, nullable=False),
    sa.PrimaryKeyConstraint("user_id", "form"),
)

# one row per form submission that wrote something: a double click on « Publier » sends
# the same token twice, and the second insert fails on the primary key (db.submissions)
form_submissions = sa.Table(
    "form_submissions", metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("created_at", Instant, nullable=False, index=True),
)

# --- working groups --------------------------------------------------------------------
working_groups = sa.Table(
    "working_groups", metadata,
    id_column(),
    sa.Column("slug", sa.String(60), nullable=False, unique=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.String(20), nullable=False, server_default="active"),
    sa.Column("moderated", sa.Boolean, nullable=False, server_default=sa.false()),
    created_at(),
)

group_members = sa.Table(
    "group_members", metadata,
    sa.Column("group_id", sa.ForeignKey("working_groups.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("role", sa.String(20), nullable=False, server_default="member"),
    sa.Column("status", sa.String(20), nullable=False, server_default="active"),
    sa.Column("muted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("joined_at", Instant, nullable=False),
    sa.PrimaryKeyConstraint("group_id", "user_id"),
)

group_meetings = sa.Table(
    "group_meetings", metadata,
    id_column(),
    fk("group_id", "working_groups.id", nullable=False, ondelete="CASCADE"),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("starts_at", sa.DateTime, nullable=False),
    sa.Column("ends_at", sa.DateTime, nullable=False),
    sa.Column("place", sa.String(200)),
    sa.Column("video_url", sa.String(500)),
    sa.Column("agenda", sa.Text),
    fk("minutes_resource_id", "resources.id"),
    fk("created_by", "users.id"),
    created_at(),
)

meeting_attendance = sa.Table(
    "meeting_attendance", metadata,
    sa.Column("meeting_id", sa.ForeignKey("group_meetings.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("answer", sa.String(10), nullable=False),
    sa.PrimaryKeyConstraint("meeting_id", "user_id"),
)
