"""Notifications people act on (#15): a channel per category (in the app, by e-mail,
both, never); the e-mail digest of a period is exactly what the person was told in it
(frozen clock), sent once with its List-Unsubscribe link; the unsubscribe token works once,
without signing in, and a forged one changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
import sqlalchemy as sa

from db import digests, mailer, notifications
from db.errors import ValidationError
from db.schema import digest_subscriptions, outbox
from db.schema import notifications as notification_rows

MONDAY_9H_PARIS = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # 9 h in Paris (winter)


@pytest.fixture
def mail_on(conn) -> None:
    mailer.configure(conn, enabled=True, public_url="https://coopmd.example/")


def _told(conn, user, kind: str, text: str, at: datetime, link: str | None = None) -> None:
    conn.execute(notification_rows.insert().values(user_id=user.id, kind=kind, text=text,
                                                   link=link, created_at=at))


def _outbox(conn) -> list:
    return conn.execute(sa.select(outbox).order_by(outbox.c.id)).all()


def test_each_category_goes_where_the_person_chose(conn, member, mail_on):
    notifications.set_prefs(conn, actor=member, prefs={
        "forum": "off", "mentions": "app", "feuille_de_route": "email"})
    for kind in ("forum", "mention", "roadmap", "confirmation"):
        notifications.notify(conn, user_id=member.id, kind=kind, text=f"Une {kind}",
                             email_subject=f"Sujet {kind}")
    in_app = [n.kind for n in notifications.list_recent(conn, user=member)]
    assert sorted(in_app) == ["confirmation", "mention"]
    assert sorted(r.subject for r in _outbox(conn)) == [
        "Coop'MD — Sujet confirmation", "Coop'MD — Sujet roadmap"]
    assert notifications.get_prefs(conn, user=member)["forum"] == "off"
    with pytest.raises(ValidationError):
        notifications.set_prefs(conn, actor=member, prefs={"forum": "pigeon"})


def test_periods_end_at_7h_in_paris():
    start, end = digests.period("daily", MONDAY_9H_PARIS)
    assert (start.isoformat(), end.isoformat()) == ("2026-12-06T07:00:00+01:00",
                                                    "2026-12-07T07:00:00+01:00")
    early = digests.period("daily", MONDAY_9H_PARIS - timedelta(hours=3))  # 6 h in Paris
    assert early[1].day == 6
    start, end = digests.period("weekly", MONDAY_9H_PARIS + timedelta(days=2))
    assert (start.day, end.day, end.weekday()) == (30, 7, 0)


def test_a_digest_holds_exactly_the_period_and_goes_out_once(conn, member, contributor,
                                                             mail_on):
    digests.set_digest(conn, actor=member, frequency="daily")
    start, end = digests.period("daily", MONDAY_9H_PARIS)
    _told(conn, member, "forum", "Avant la période", start - timedelta(minutes=1))
    _told(conn, member, "mention", "Léa vous mentionne", start, "forum?sujet=3")
    _told(conn, member, "roadmap", "Action réalisée", end - timedelta(seconds=1),
          "roadmap?action=2")
    _told(conn, member, "forum", "Après la période", end)
    _told(conn, contributor, "forum", "Pour quelqu'un d'autre", start + timedelta(hours=1))
    digest = digests.build(conn, user_id=member.id, start=start, end=end)
    assert digest.sections == [
        ("Quand on me mentionne (@identifiant)", [("Léa vous mentionne", "forum?sujet=3")]),
        ("Feuilles de route", [("Action réalisée", "roadmap?action=2")])]

    assert digests.send_due(conn, at=MONDAY_9H_PARIS) == 1
    assert digests.send_due(conn, at=MONDAY_9H_PARIS + timedelta(hours=2)) == 0  # once
    [sent] = _outbox(conn)
    assert sent.subject == "Coop'MD — votre résumé (2 nouveauté(s))"
    assert "https://coopmd.example/forum?sujet=3" in sent.body
    assert sent.list_unsubscribe.startswith("https://coopmd.example/unsubscribe?jeton=")
    assert sent.list_unsubscribe in sent.body
    assert mailer._message(sent, "Coop'MD <a@b.fr>")["List-Unsubscribe"] == \
        f"<{sent.list_unsubscribe}>"


def test_an_empty_period_sends_nothing_and_no_subscription_nothing(conn, member, mail_on):
    assert digests.send_due(conn, at=MONDAY_9H_PARIS) == 0
    digests.set_digest(conn, actor=member, frequency="weekly")
    assert digests.send_due(conn, at=MONDAY_9H_PARIS) == 0 and _outbox(conn) == []


def test_the_unsubscribe_link_works_once_and_cannot_be_forged(conn, member):
    digests.set_digest(conn, actor=member, frequency="daily")
    token = digests.make_token(conn, user_id=member.id)
    forged = jwt.encode({"sub": str(member.id), "purpose": "digest", "jti": "x"},
                        "une autre clé, assez longue pour HS256 " * 2, algorithm="HS256")
    for bad in (forged, token[:-3] + "abc", "n'importe quoi"):
        with pytest.raises(ValidationError, match="pas valable"):
            digests.unsubscribe(conn, token=bad)
    assert digests.get_digest(conn, user=member) == "daily"
    assert "ne recevrez plus" in digests.unsubscribe(conn, token=token)
    assert digests.get_digest(conn, user=member) is None
    digests.set_digest(conn, actor=member, frequency="daily")
    with pytest.raises(ValidationError, match="déjà servi"):
        digests.unsubscribe(conn, token=token)
    assert conn.execute(sa.select(digest_subscriptions)).first() is not None
