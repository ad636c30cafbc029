"""Accounts: users, sign-up, roles given by invitations, passwords, signing in.
Re-exports `users`; `invitations`, `passwords` and `sessions` (the password check with its
lockout, and the sign-in cookie's token) are its other modules.
"""

from db.accounts.users import (
    LOCK_AFTER,
    LOCK_FOR,
    USERNAME_CHARS,
    change_password,
    count_users,
    create_first_admin,
    get_by_username,
    get_user,
    list_users,
    record_failed_login,
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
    "get_by_username",
    "get_user",
    "has_role",
    "list_users",
    "record_failed_login",
    "register",
    "reset_password",
    "set_active",
    "set_role",
    "update_profile",
    "username_problem",
]
