"""Accounts domain: registration, roles, lockout, passwords, admin actions, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from db import accounts, audit
from db.accounts import invitations, sessions
from db.engine import now
from db.errors import PermissionDenied, ValidationError
from tests.conftest import PASSWORD, make_user


def _register(conn, **overrides):
    fields = {"username": "jeanne.martin", "email": "jeanne@ledepartement07.fr",
              "display_name": "Jeanne Martin", "password": PASSWORD,
              "password_repeat": PASSWORD}
    fields.update(overrides)
    return accounts.register(conn, **fields)


def test_open_registration_gives_contributor_and_audits(conn):
    user = _register(conn, department_code="07", organisation="MD de l'Ardèche")
    assert (user.role, user.department_code, user.organisation) == (
        "contributor", "07", "MD de l'Ardèche")
    assert audit.list_recent(conn)[0].action == "register"


def test_username_and_email_are_normalised(conn):
    user = _register(conn, username="  Jeanne.Martin ", email="Jeanne@LeDepartement07.FR")
    assert (user.username, user.email) == ("jeanne.martin", "jeanne@ledepartement07.fr")


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("username", "", "obligatoire"),
    ("username", "ab", "entre 3 et 40"),
    ("username", "x" * 41, "entre 3 et 40"),
    ("username", "robert'); drop table users;--", "lettres minuscules"),
    ("email", "pas-un-email", "n'est pas valide"),
    ("display_name", "", "obligatoire"),
    ("display_name", "<script>alert(1)</script>", "< ou >"),
    ("display_name", "x" * 81, "au plus 80"),
    ("password", "court", "au moins 12"),
    ("password", "aaaaaaaaaaaaaaaa", "trop facile"),
    ("password", "é" * 65, "au plus 64"),
    ("department_code", "999", "n'existe pas"),
])
def test_bad_input_is_refused_with_a_french_message_per_field(conn, field, value, expected):
    overrides = {field: value}
    if field == "password":
        overrides["password_repeat"] = value
    with pytest.raises(ValidationError) as caught:
        _register(conn, **overrides)
    assert expected in caught.value.errors[field]
    assert accounts.count_users(conn) == 0  # nothing half-written


def test_french_passphrase_with_accents_is_accepted(conn):
    phrase = "Les médiathèques ouvrent l'été"
    user = _register(conn, password=phrase, password_repeat=phrase)
    assert user.username == "jeanne.martin"


def test_password_repeat_must_match(conn):
    with pytest.raises(ValidationError) as caught:
        _register(conn, password_repeat=PASSWORD + "!")
    assert set(caught.value.errors) == {"password_repeat"}


def test_duplicate_username_and_email_are_refused(conn):
    _register(conn)
    with pytest.raises(ValidationError) as caught:
        _register(conn, email="autre@ledepartement07.fr")
    assert "déjà pris" in caught.value.errors["username"]
    with pytest.raises(ValidationError) as caught:
        _register(conn, username="autre.nom")
    assert "existe déjà" in caught.value.errors["email"]


def test_invited_email_and_domain_become_members(conn, admin):
    invitations.invite(conn, actor=admin, target="jeanne@ledepartement07.fr")
    invitations.invite(conn, actor=admin, target="@loire.fr", role="organiser")
    assert _register(conn).role == "member"
    other = _register(conn, username="luc.org", email="luc@loire.fr")
    assert other.role == "organiser"
    used = {i.target: i.used_at for i in invitations.list_invitations(conn, actor=admin)}
    assert used["jeanne@ledepartement07.fr"] is not None


def test_invitation_rules(conn, admin, member):
    with pytest.raises(PermissionDenied):
        invitations.invite(conn, actor=member, target="x@y.fr")
    with pytest.raises(ValidationError):
        invitations.invite(conn, actor=admin, target="pas un domaine")
    invitations.invite(conn, actor=admin, target="ledepartement01.fr")
    with pytest.raises(ValidationError, match="déjà invité"):
        invitations.invite(conn, actor=admin, target="@ledepartement01.fr")
    invitation = invitations.list_invitations(conn, actor=admin)[0]
    invitations.revoke(conn, actor=admin, invitation_id=invitation.id)
    assert invitations.list_invitations(conn, actor=admin) == []


def test_first_admin_only_on_an_empty_database(conn):
    admin = accounts.create_first_admin(conn, username="admin", email="admin@md42.fr",
                                        display_name="Admin", password=PASSWORD,
                                        password_repeat=PASSWORD)
    assert admin.role == "admin"
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(conn, username="intrus", email="i@x.fr",
                                    display_name="Intrus", password=PASSWORD,
                                    password_repeat=PASSWORD)


def test_five_failed_logins_lock_for_fifteen_minutes(conn, member):
    start = now()
    for _ in range(4):
        accounts.record_failed_login(conn, username=member.username, at=start)
    assert not accounts.get_user(conn, user_id=member.id).locked(start)
    locked = accounts.record_failed_login(conn, username=member.username, at=start)
    assert locked.locked(start + timedelta(minutes=14))
    assert not locked.locked(start + timedelta(minutes=16))
    locked = sessions.authenticate(conn, username=member.username, password=PASSWORD,
                                   at=start)  # the right password, still locked
    assert locked.user is None and "verrouillé" in locked.problem
    later = sessions.authenticate(conn, username=member.username, password=PASSWORD,
                                  at=start + timedelta(minutes=16))
    assert later.user.id == member.id


def test_wrong_passwords_lock_the_account_through_the_sign_in_itself(conn, member):
    for _ in range(accounts.LOCK_AFTER - 1):
        wrong = sessions.authenticate(conn, username=member.username, password="pas le bon")
        assert wrong.problem == "Identifiant ou mot de passe incorrect."
    wrong = sessions.authenticate(conn, username=member.username, password="pas le bon")
    assert "verrouillé" in wrong.problem
    with pytest.raises(ValidationError):
        wrong.raise_if_refused()


def test_successful_login_resets_the_counter(conn, member):
    accounts.record_failed_login(conn, username=member.username)
    sessions.authenticate(conn, username=f"  {member.username.upper()} ", password=PASSWORD)
    user = accounts.get_user(conn, user_id=member.id)
    assert (user.failed_logins, user.last_login_at is not None) == (0, True)


def test_only_active_users_sign_in(conn, admin, member):
    accounts.set_active(conn, actor=admin, user_id=member.id, active=False)
    for username in (member.username, "personne.inconnue"):
        refused = sessions.authenticate(conn, username=username, password=PASSWORD)
        assert (refused.user, refused.problem) == (None, "Identifiant ou mot de passe incorrect.")
    opened = sessions.authenticate(conn, username=admin.username, password=PASSWORD)
    assert opened.raise_if_refused().id == admin.id


def test_change_password_checks_the_current_one(conn, member):
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(conn, actor=member, current_password="faux",
                                 new_password="nouvelle phrase secrète",
                                 new_password_repeat="nouvelle phrase secrète")
    assert "current_password" in caught.value.errors
    accounts.change_password(conn, actor=member, current_password=PASSWORD,
                             new_password="nouvelle phrase secrète",
                             new_password_repeat="nouvelle phrase secrète")
    stored = conn.execute(sa.text("SELECT password_hash FROM users WHERE id = :i"),
                          {"i": member.id}).scalar_one()
    assert accounts.passwords.verify("nouvelle phrase secrète", stored)


def test_admin_reset_gives_a_temporary_password_to_change(conn, admin, member):
    with pytest.raises(PermissionDenied):
        accounts.reset_password(conn, actor=member, user_id=admin.id)
    temporary = accounts.reset_password(conn, actor=admin, user_id=member.id)
    user = accounts.get_user(conn, user_id=member.id)
    assert user.must_change_password
    accounts.change_password(conn, actor=user, current_password=temporary,
                             new_password="ma nouvelle phrase", new_password_repeat="ma nouvelle phrase")
    assert not accounts.get_user(conn, user_id=member.id).must_change_password


def test_profile_edit(conn, member):
    updated = accounts.update_profile(conn, actor=member, display_name="Marie Dupont-Roux",
                                      department_code="43", organisation="MD de la Haute-Loire",
                                      job_title="Référente de territoire")
    assert (updated.display_name, updated.department_code) == ("Marie Dupont-Roux", "43")
    with pytest.raises(ValidationError):
        accounts.update_profile(conn, actor=member, display_name="", department_code=None,
                                organisation=None, job_title=None)


def test_role_changes_are_admin_only_and_keep_one_admin(conn, admin, member):
    with pytest.raises(PermissionDenied):
        accounts.set_role(conn, actor=member, user_id=member.id, role="admin")
    with pytest.raises(PermissionDenied, match="dernier administrateur"):
        accounts.set_role(conn, actor=admin, user_id=admin.id, role="member")
    with pytest.raises(PermissionDenied, match="dernier administrateur"):
        accounts.set_active(conn, actor=admin, user_id=admin.id, active=False)
    promoted = accounts.set_role(conn, actor=admin, user_id=member.id, role="organiser")
    assert promoted.role == "organiser"
    assert [e.action for e in audit.list_recent(conn, limit=1)] == ["set_role"]


def test_deactivated_user_loses_every_role(conn, admin):
    organiser = make_user(conn, "orga.loire", "organiser")
    assert accounts.has_role(organiser, "member")
    off = accounts.set_active(conn, actor=admin, user_id=organiser.id, active=False)
    assert not accounts.has_role(off, "contributor")


def test_list_users_searches_and_pages(conn, admin, member, contributor):
    found, total = accounts.list_users(conn, actor=admin, search="dupont")
    assert ([u.username for u in found], total) == (["marie.dupont"], 1)
    page, total = accounts.list_users(conn, actor=admin, limit=2, offset=2)
    assert (len(page), total) == (1, 3)
    with pytest.raises(PermissionDenied):
        accounts.list_users(conn, actor=member)
