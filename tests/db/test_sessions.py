"""Sign-in cookies of our own (db.accounts.sessions): what a token signs in, and every way
one stops holding — forged, expired, password changed, account deactivated, « Se
déconnecter partout »."""

from __future__ import annotations

from datetime import timedelta

import jwt

from db import accounts
from db.accounts import sessions
from db.engine import now
from tests.conftest import PASSWORD

KEY = "une-cle-de-test-" + "x" * 32
NEW_PASSWORD = "une autre phrase de passe"


def _holds(conn, token: str) -> bool:
    return sessions.user_from_token(conn, token=token, key=KEY) is not None


def test_a_token_signs_in_its_account_and_nothing_else(conn, member):
    token = sessions.issue_token(member, key=KEY)
    assert sessions.user_from_token(conn, token=token, key=KEY).id == member.id
    assert sessions.user_from_token(conn, token=token, key="une-autre-cle" * 4) is None
    forged = jwt.encode({"sub": str(member.id), "ver": 0, "exp": now() + timedelta(days=1)},
                        "une-cle-devinee-par-un-intrus-" + "y" * 16, algorithm="HS256")
    assert not _holds(conn, forged)
    assert not _holds(conn, "pas-un-jeton")
    unsigned = jwt.encode({"sub": str(member.id), "ver": 0}, KEY, algorithm="HS256")
    assert not _holds(conn, unsigned)  # no expiry: refused


def test_an_expired_token_signs_nobody_in(conn, member):
    old = sessions.issue_token(member, key=KEY, at=now() - timedelta(days=31))
    assert not _holds(conn, old)


def test_changing_the_password_ends_every_other_session(conn, member):
    before = sessions.issue_token(member, key=KEY)
    accounts.change_password(conn, actor=member, current_password=PASSWORD,
                             new_password=NEW_PASSWORD, new_password_repeat=NEW_PASSWORD)
    assert not _holds(conn, before)
    changed = accounts.get_user(conn, user_id=member.id)
    assert _holds(conn, sessions.issue_token(changed, key=KEY))  # the new one holds


def test_a_reset_or_a_deactivation_ends_the_sessions(conn, admin, member):
    token = sessions.issue_token(member, key=KEY)
    accounts.reset_password(conn, actor=admin, user_id=member.id)
    assert not _holds(conn, token)
    token = sessions.issue_token(accounts.get_user(conn, user_id=member.id), key=KEY)
    accounts.set_active(conn, actor=admin, user_id=member.id, active=False)
    assert not _holds(conn, token)
    accounts.set_active(conn, actor=admin, user_id=member.id, active=True)
    assert not _holds(conn, token)  # reactivated: a new sign-in is needed


def test_signing_out_everywhere_ends_every_session_of_that_account_only(conn, admin, member):
    phone, laptop = (sessions.issue_token(member, key=KEY) for _ in range(2))
    theirs = sessions.issue_token(admin, key=KEY)
    sessions.sign_out_everywhere(conn, actor=member)
    assert not _holds(conn, phone) and not _holds(conn, laptop)
    assert _holds(conn, theirs)
    still = accounts.get_user(conn, user_id=member.id)
    assert not sessions.still_signed_in(still, member.session_version)
