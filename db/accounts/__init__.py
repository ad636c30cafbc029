"""Accounts: users, sign-up, sign-in checks and lockout, roles given by invitations,
passwords. Re-exports `users`; `invitations` and `passwords` are its other modules.
"""

from db.accounts.users import (
    LOCK_AFTER,
    LOCK_FOR,
    USERNAME_CHARS,
    change_password,
    count_users,
    create_first_admin,
    credentials,
    get_by_username,
    get_user,
    list_users,
    record_failed_login,
    record_login,
    register,
    reset_password,
    set_active,
    set_role,
    update_profile,
    username_problem,
)
from db.roles import ROLE_LABELS, User, has_role  # who acts, as accounts names it
from db.schema import ROLES

__all__ = [
    "LOCK_AFTER",
    "LOCK_FOR",
    "ROLES",
    "ROLE_LABELS",
    "USERNAME_CHARS",
    "User",
    "change_password",
    "count_users",
    "create_first_admin",
    "credentials",
    "get_by_username",
    "get_user",
    "has_role",
    "list_users",
    "record_failed_login",
    "record_login",
    "register",
    "reset_password",
    "set_active",
    "set_role",
    "update_profile",
    "username_problem",
]
