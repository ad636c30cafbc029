"""initial schema

Revision ID: 0001
Revises: 
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('departments',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('region', sa.String(length=80), nullable=False),
    sa.Column('md_name', sa.String(length=120), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_departments'))
    )
    op.create_table('files',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('mime', sa.String(length=120), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('backend', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files')),
    sa.UniqueConstraint('sha256', name=op.f('uq_files_sha256'))
    )
    op.create_table('forum_themes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), server_default='open', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_themes'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('to_email', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('working_groups',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.String(length=20), server_default='active', nullable=False),
    sa.Column('moderated', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_groups')),
    sa.UniqueConstraint('slug', name=op.f('uq_working_groups_slug'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('password_hash', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('department_code', sa.String(length=3), nullable=True),
    sa.Column('organisation', sa.String(length=120), nullable=True),
    sa.Column('job_title', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.CheckConstraint("role IN ('contributor','member','organiser','admin')", name=op.f('ck_users_role')),
    sa.ForeignKeyConstraint(['department_code'], ['departments.code'], name=op.f('fk_users_department_code_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_department_code'), ['department_code'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_log_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_user_id'), ['user_id'], unique=False)

    op.create_table('collections',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_collections_created_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collections')),
    sa.UniqueConstraint('name', name=op.f('uq_collections_name'))
    )
    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collections_created_by'), ['created_by'], unique=False)

    op.create_table('drafts',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('form', sa.String(length=80), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'form', name=op.f('pk_drafts'))
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_user_id'), ['user_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('host_department_code', sa.String(length=3), nullable=True),
    sa.Column('audience', sa.String(length=20), server_default='md_staff', nullable=False),
    sa.Column('registration_opens_at', sa.DateTime(), nullable=True),
    sa.Column('registration_closes_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=20), server_default='draft', nullable=False),
    sa.Column('cancel_message', sa.Text(), nullable=True),
    sa.Column('questions', sa.JSON(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_events_times')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_events_created_by_users')),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_events_group_id_working_groups')),
    sa.ForeignKeyConstraint(['host_department_code'], ['departments.code'], name=op.f('fk_events_host_department_code_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_host_department_code'), ['host_department_code'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), server_default='published', nullable=False),
    sa.Column('hidden_reason', sa.String(length=300), nullable=True),
    sa.Column('organisation_type', sa.String(length=60), nullable=True),
    sa.Column('department_code', sa.String(length=3), nullable=True),
    sa.Column('tags', sa.String(length=300), server_default='', nullable=False),
    sa.Column('useful', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('retour_experience','point_vigilance','proposition','question','reponse')", name=op.f('ck_forum_posts_kind')),
    sa.CheckConstraint("status IN ('published','pending','hidden')", name=op.f('ck_forum_posts_status')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_posts_author_id_users')),
    sa.ForeignKeyConstraint(['department_code'], ['departments.code'], name=op.f('fk_forum_posts_department_code_departments')),
    sa.ForeignKeyConstraint(['parent_id'], ['forum_posts.id'], name=op.f('fk_forum_posts_parent_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['forum_themes.id'], name=op.f('fk_forum_posts_theme_id_forum_themes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_posts_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_posts_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_posts_theme_id'), ['theme_id'], unique=False)

    op.create_table('group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), server_default='member', nullable=False),
    sa.Column('status', sa.String(length=20), server_default='active', nullable=False),
    sa.Column('muted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_group_members_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_group_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'user_id', name=op.f('pk_group_members'))
    )
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_members_user_id'), ['user_id'], unique=False)

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('domain', sa.String(length=120), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('(email IS NULL) <> (domain IS NULL)', name=op.f('ck_invitations_email_or_domain')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_invitations_created_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('domain', name=op.f('uq_invitations_domain')),
    sa.UniqueConstraint('email', name=op.f('uq_invitations_email'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_created_by'), ['created_by'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)

    op.create_table('pitches',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('axis', sa.String(length=200), nullable=True),
    sa.Column('carrier', sa.String(length=200), nullable=True),
    sa.Column('contact_name', sa.String(length=120), nullable=True),
    sa.Column('contact_role', sa.String(length=120), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('summary', sa.Text(), server_default='', nullable=False),
    sa.Column('strategy', sa.Text(), nullable=True),
    sa.Column('stakes', sa.Text(), nullable=True),
    sa.Column('actions', sa.Text(), nullable=True),
    sa.Column('scope', sa.Text(), nullable=True),
    sa.Column('technical_notes', sa.Text(), nullable=True),
    sa.Column('human_means', sa.Text(), nullable=True),
    sa.Column('material_means', sa.Text(), nullable=True),
    sa.Column('budget_eur', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('valorisation', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), server_default='idee', nullable=False),
    sa.Column('state', sa.String(length=20), server_default='draft', nullable=False),
    sa.Column('tags', sa.String(length=300), server_default='', nullable=False),
    sa.Column('department_code', sa.String(length=3), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('draft','published')", name=op.f('ck_pitches_state')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_pitches_dates')),
    sa.ForeignKeyConstraint(['department_code'], ['departments.code'], name=op.f('fk_pitches_department_code_departments')),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_pitches_group_id_working_groups')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_pitches_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pitches'))
    )
    with op.batch_alter_table('pitches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pitches_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_pitches_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pitches_owner_id'), ['owner_id'], unique=False)

    op.create_table('event_slots',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('is_choice', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_slots_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_slots'))
    )
    with op.batch_alter_table('event_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_slots_event_id'), ['event_id'], unique=False)

    op.create_table('forum_follows',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_follows_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['forum_themes.id'], name=op.f('fk_forum_follows_theme_id_forum_themes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_follows')),
    sa.UniqueConstraint('user_id', 'theme_id', 'post_id', name=op.f('uq_forum_follows_user_id_theme_id_post_id'))
    )
    with op.batch_alter_table('forum_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_follows_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_follows_theme_id'), ['theme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_follows_user_id'), ['user_id'], unique=False)

    op.create_table('forum_reactions',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_reactions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_reactions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'user_id', name=op.f('pk_forum_reactions'))
    )
    op.create_table('forum_reports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_reports_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_reports_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_reports')),
    sa.UniqueConstraint('post_id', 'user_id', name=op.f('uq_forum_reports_post_id_user_id'))
    )
    with op.batch_alter_table('forum_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_reports_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_reports_user_id'), ['user_id'], unique=False)

    op.create_table('pitch_comments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('pitch_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=300), nullable=True),
    sa.Column('hidden_by', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_pitch_comments_author_id_users')),
    sa.ForeignKeyConstraint(['hidden_by'], ['users.id'], name=op.f('fk_pitch_comments_hidden_by_users')),
    sa.ForeignKeyConstraint(['pitch_id'], ['pitches.id'], name=op.f('fk_pitch_comments_pitch_id_pitches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pitch_comments'))
    )
    with op.batch_alter_table('pitch_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pitch_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pitch_comments_hidden_by'), ['hidden_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_pitch_comments_pitch_id'), ['pitch_id'], unique=False)

    op.create_table('pitch_follows',
    sa.Column('pitch_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pitch_id'], ['pitches.id'], name=op.f('fk_pitch_follows_pitch_id_pitches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_pitch_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pitch_id', 'user_id', name=op.f('pk_pitch_follows'))
    )
    with op.batch_alter_table('pitch_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pitch_follows_user_id'), ['user_id'], unique=False)

    op.create_table('pitch_funders',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('pitch_id', sa.Integer(), nullable=False),
    sa.Column('funder', sa.String(length=120), nullable=False),
    sa.Column('amount_eur', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('position', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['pitch_id'], ['pitches.id'], name=op.f('fk_pitch_funders_pitch_id_pitches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pitch_funders'))
    )
    with op.batch_alter_table('pitch_funders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pitch_funders_pitch_id'), ['pitch_id'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('lunch', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('dietary', sa.String(length=300), nullable=True),
    sa.Column('accessibility_needs', sa.String(length=500), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('registered_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('confirmed','waitlisted','cancelled')", name=op.f('ck_registrations_status')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registered_by'], ['users.id'], name=op.f('fk_registrations_registered_by_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registrations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_registrations_event_id_user_id'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_registered_by'), ['registered_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('event_sessions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('host_department_code', sa.String(length=3), nullable=True),
    sa.Column('facilitator', sa.String(length=200), nullable=True),
    sa.Column('room', sa.String(length=120), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_event_sessions_capacity')),
    sa.ForeignKeyConstraint(['host_department_code'], ['departments.code'], name=op.f('fk_event_sessions_host_department_code_departments')),
    sa.ForeignKeyConstraint(['slot_id'], ['event_slots.id'], name=op.f('fk_event_sessions_slot_id_event_slots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_sessions'))
    )
    with op.batch_alter_table('event_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_sessions_host_department_code'), ['host_department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_sessions_slot_id'), ['slot_id'], unique=False)

    op.create_table('registration_choices',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('waitlist_position', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('confirmed','waitlisted')", name=op.f('ck_registration_choices_status')),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_registration_choices_registration_id_registrations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['event_sessions.id'], name=op.f('fk_registration_choices_session_id_event_sessions')),
    sa.ForeignKeyConstraint(['slot_id'], ['event_slots.id'], name=op.f('fk_registration_choices_slot_id_event_slots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_choices')),
    sa.UniqueConstraint('registration_id', 'slot_id', name=op.f('uq_registration_choices_registration_id_slot_id'))
    )
    with op.batch_alter_table('registration_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_choices_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_choices_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_choices_slot_id'), ['slot_id'], unique=False)

    op.create_table('resources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('department_code', sa.String(length=3), nullable=True),
    sa.Column('tags', sa.String(length=300), server_default='', nullable=False),
    sa.Column('audience', sa.String(length=120), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('licence', sa.String(length=60), nullable=True),
    sa.Column('pitch_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('collection_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('downloads', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(url IS NULL) <> (file_id IS NULL)', name=op.f('ck_resources_url_or_file')),
    sa.ForeignKeyConstraint(['collection_id'], ['collections.id'], name=op.f('fk_resources_collection_id_collections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_code'], ['departments.code'], name=op.f('fk_resources_department_code_departments')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_resources_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['file_id'], ['files.id'], name=op.f('fk_resources_file_id_files')),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_resources_group_id_working_groups')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_resources_owner_id_users')),
    sa.ForeignKeyConstraint(['pitch_id'], ['pitches.id'], name=op.f('fk_resources_pitch_id_pitches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['event_sessions.id'], name=op.f('fk_resources_session_id_event_sessions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources'))
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_collection_id'), ['collection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_pitch_id'), ['pitch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_session_id'), ['session_id'], unique=False)

    op.create_table('group_meetings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('video_url', sa.String(length=500), nullable=True),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('minutes_resource_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_group_meetings_created_by_users')),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_group_meetings_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minutes_resource_id'], ['resources.id'], name=op.f('fk_group_meetings_minutes_resource_id_resources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_meetings'))
    )
    with op.batch_alter_table('group_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_meetings_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_meetings_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_meetings_minutes_resource_id'), ['minutes_resource_id'], unique=False)

    op.create_table('resource_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_resource_versions_created_by_users')),
    sa.ForeignKeyConstraint(['file_id'], ['files.id'], name=op.f('fk_resource_versions_file_id_files')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_versions_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_versions'))
    )
    with op.batch_alter_table('resource_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_versions_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_versions_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_versions_resource_id'), ['resource_id'], unique=False)

    op.create_table('meeting_attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['group_meetings.id'], name=op.f('fk_meeting_attendance_meeting_id_group_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_attendance_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'user_id', name=op.f('pk_meeting_attendance'))
    )


def downgrade() -> None:
    op.drop_table('meeting_attendance')
    with op.batch_alter_table('resource_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_versions_resource_id'))
        batch_op.drop_index(batch_op.f('ix_resource_versions_file_id'))
        batch_op.drop_index(batch_op.f('ix_resource_versions_created_by'))

    op.drop_table('resource_versions')
    with op.batch_alter_table('group_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_meetings_minutes_resource_id'))
        batch_op.drop_index(batch_op.f('ix_group_meetings_group_id'))
        batch_op.drop_index(batch_op.f('ix_group_meetings_created_by'))

    op.drop_table('group_meetings')
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resources_session_id'))
        batch_op.drop_index(batch_op.f('ix_resources_pitch_id'))
        batch_op.drop_index(batch_op.f('ix_resources_owner_id'))
        batch_op.drop_index(batch_op.f('ix_resources_group_id'))
        batch_op.drop_index(batch_op.f('ix_resources_file_id'))
        batch_op.drop_index(batch_op.f('ix_resources_event_id'))
        batch_op.drop_index(batch_op.f('ix_resources_department_code'))
        batch_op.drop_index(batch_op.f('ix_resources_collection_id'))

    op.drop_table('resources')
    with op.batch_alter_table('registration_choices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_choices_slot_id'))
        batch_op.drop_index(batch_op.f('ix_registration_choices_session_id'))
        batch_op.drop_index(batch_op.f('ix_registration_choices_registration_id'))

    op.drop_table('registration_choices')
    with op.batch_alter_table('event_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_sessions_slot_id'))
        batch_op.drop_index(batch_op.f('ix_event_sessions_host_department_code'))

    op.drop_table('event_sessions')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_user_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_registered_by'))
        batch_op.drop_index(batch_op.f('ix_registrations_event_id'))

    op.drop_table('registrations')
    with op.batch_alter_table('pitch_funders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pitch_funders_pitch_id'))

    op.drop_table('pitch_funders')
    with op.batch_alter_table('pitch_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pitch_follows_user_id'))

    op.drop_table('pitch_follows')
    with op.batch_alter_table('pitch_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pitch_comments_pitch_id'))
        batch_op.drop_index(batch_op.f('ix_pitch_comments_hidden_by'))
        batch_op.drop_index(batch_op.f('ix_pitch_comments_author_id'))

    op.drop_table('pitch_comments')
    with op.batch_alter_table('forum_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_reports_user_id'))
        batch_op.drop_index(batch_op.f('ix_forum_reports_post_id'))

    op.drop_table('forum_reports')
    op.drop_table('forum_reactions')
    with op.batch_alter_table('forum_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_follows_user_id'))
        batch_op.drop_index(batch_op.f('ix_forum_follows_theme_id'))
        batch_op.drop_index(batch_op.f('ix_forum_follows_post_id'))

    op.drop_table('forum_follows')
    with op.batch_alter_table('event_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_slots_event_id'))

    op.drop_table('event_slots')
    with op.batch_alter_table('pitches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pitches_owner_id'))
        batch_op.drop_index(batch_op.f('ix_pitches_group_id'))
        batch_op.drop_index(batch_op.f('ix_pitches_department_code'))

    op.drop_table('pitches')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_created_by'))

    op.drop_table('invitations')
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_members_user_id'))

    op.drop_table('group_members')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_posts_theme_id'))
        batch_op.drop_index(batch_op.f('ix_forum_posts_parent_id'))
        batch_op.drop_index(batch_op.f('ix_forum_posts_department_code'))
        batch_op.drop_index(batch_op.f('ix_forum_posts_author_id'))

    op.drop_table('forum_posts')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_host_department_code'))
        batch_op.drop_index(batch_op.f('ix_events_group_id'))
        batch_op.drop_index(batch_op.f('ix_events_day'))
        batch_op.drop_index(batch_op.f('ix_events_created_by'))

    op.drop_table('events')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_user_id'))

    op.drop_table('drafts')
    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collections_created_by'))

    op.drop_table('collections')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_user_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_department_code'))

    op.drop_table('users')
    op.drop_table('working_groups')
    op.drop_table('settings')
    op.drop_table('outbox')
    op.drop_table('forum_themes')
    op.drop_table('files')
    op.drop_table('departments')
