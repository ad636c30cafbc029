"""Shared kits in the app (#18): an MD describes a malle; a member books it for a library
(a wrong date refused with the typed text kept), the MD accepts, the calendar shows the
days, the departure and the return are recorded; the MD's dashboard shows a late loan and
the yearly report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import kits
from tests.conftest import make_user
from tests.db.kits_fixtures import day, make_kit, request
from tests.ui.conftest import open_as, texts, unfold, widget


@pytest.fixture
def lender(app_engine, users):
    """Staff of the MD of the Loire, which lends the kits."""
    with app_engine.begin() as conn:
        return make_user(conn, "pret.test", "member", display_name="Inès Prêt",
                         department_code="42")


def test_an_md_describes_a_kit_and_lands_on_its_page(app, users, lender, app_engine):
    md = open_as("pret.test", "pages/kits.py")
    assert "Aucun matériel n'est encore au catalogue" in texts(md)
    unfold(md, "kits_add")
    md.text_input(key="kit_new_title").input("Malle de création numérique")
    md.selectbox(key="kit_new_kind").set_value("malle_numerique")
    md.text_area(key="kit_new_contents").input("2 makey makey\n0 touchboard")
    widget(md.button, "Enregistrer le matériel").click()
    md.run()
    assert "Ligne « 0 touchboard »" in texts(md)
    assert md.text_input(key="kit_new_title").value == "Malle de création numérique"  # kept
    md.text_area(key="kit_new_contents").input("2 makey makey\n1 touchboard")
    widget(md.button, "Enregistrer le matériel").click()
    md.run()
    with app_engine.connect() as conn:
        [card], _ = kits.list_kits(conn, filters=kits.KitFilters())
    assert md.query_params["malle"] == str(card.id)
    shown = texts(md)
    assert "2 × makey makey" in shown and "Historique des prêts (0)" in shown


def test_a_member_books_the_md_accepts_the_calendar_shows_it_the_return_is_recorded(
        app, users, lender, app_engine):
    with app_engine.begin() as conn:
        kit = make_kit(conn, lender)
    member = open_as("member.test", "pages/kits.py", malle=kit.id)
    form = f"book_{kit.id}"
    member.text_input(key=f"{form}_library").input("Médiathèque de Feurs")
    member.text_input(key=f"{form}_commune").input("Feurs")
    member.selectbox(key=f"{form}_library_department").set_value("42")
    member.text_input(key=f"{form}_purpose").input("Semaine du numérique")
    member.date_input(key=f"{form}_starts_on").set_value(day(20))
    member.date_input(key=f"{form}_ends_on").set_value(day(18))
    widget(member.button, "Réserver").click()
    member.run()
    assert "La date de retour doit suivre la date de départ." in texts(member)
    assert member.text_input(key=f"{form}_library").value == "Médiathèque de Feurs"
    member.date_input(key=f"{form}_ends_on").set_value(day(24))
    widget(member.button, "Réserver").click()
    member.run()
    booking_id = int(member.query_params["reservation"])
    assert "Demande en attente de la MD" in texts(member)

    md = open_as("pret.test", "pages/kits.py", reservation=booking_id)
    assert "Médiathèque de Feurs" in texts(md)
    widget(md.button, "Accepter la demande").click()
    md.run()
    assert "Demande acceptée" in texts(md)

    md = open_as("pret.test", "pages/kits.py", malle=kit.id)
    md.selectbox(key=f"kit_month_{kit.id}").set_value(day(20).replace(day=1))
    md.run()
    assert "jour(s) réservé" in texts(md)
    [grid] = [e.proto.body for e in md.get("html") if "coopmd-month" in e.proto.body]
    for taken in (d for d in (day(20), day(24)) if d.month == day(20).month):  # in words
        assert f">{taken.day}<span class=\"sr\"> : Réservé</span>" in grid

    with app_engine.begin() as conn:  # the loan's first day has come
        conn.exec_driver_sql("UPDATE kit_bookings SET starts_on = ?, ends_on = ?",
                             (day(0).isoformat(), day(4).isoformat()))
    md = open_as("pret.test", "pages/kits.py", reservation=booking_id)
    widget(md.button, "Enregistrer le départ").click()
    md.run()
    assert "Prêtée (partie)" in texts(md)
    widget(md.button, "Enregistrer le retour").click()
    md.run()
    assert "Indiquez l'état au retour." in texts(md)
    md.radio(key=f"move_{booking_id}_condition").set_value("bon")
    widget(md.button, "Enregistrer le retour").click()
    md.run()
    assert "Retour enregistré." in texts(md) and "Rendue" in texts(md)


def test_the_dashboard_shows_a_late_loan_and_the_yearly_report(app, users, lender,
                                                                app_engine):
    with app_engine.begin() as conn:
        kit = make_kit(conn, lender, needs_approval=False)
        loan = kits.book(conn, actor=users["member"], kit_id=kit.id, data=request(0, 2))
        kits.record_departure(conn, actor=lender, booking_id=loan.id)
        conn.exec_driver_sql("UPDATE kit_bookings SET starts_on = ?, ends_on = ?",
                             ((day(0) - timedelta(days=9)).isoformat(),
                              (day(0) - timedelta(days=2)).isoformat()))
    md = open_as("pret.test", "pages/kits.py", suivi=1)
    shown = texts(md)
    assert "En retard (1)" in shown and "Prêts en cours (1)" in shown
    assert not md.get("download_button")  # the yearly report is folded until opened
    shown = texts(unfold(md, "kd_report"))
    assert "1 prêt(s) en" in shown or day(-9).year != day(0).year
    assert [b for b in md.get("download_button")
            if "Rapport annuel (XLSX)" in b.proto.label]
    md.selectbox(key="kd_library").set_value("Médiathèque de Feurs")  # its history
    md.run()
    history = [b.label for b in md.button if "Médiathèque de Feurs" in b.label]
    assert len(history) == 3  # late, out, and in the library's history
    contributor = open_as("contributor.test", "pages/kits.py", suivi=1)
    assert "Suivi des prêts de matériel" not in texts(contributor)  # the catalogue instead


def test_the_md_refuses_with_a_reason_and_a_borrower_cancels_after_confirming(
        app, users, lender, app_engine):
    with app_engine.begin() as conn:
        kit = make_kit(conn, lender)
        refused = kits.book(conn, actor=users["member"], kit_id=kit.id, data=request(10, 12))
        kept = kits.book(conn, actor=users["member"], kit_id=kit.id, data=request(
            30, 32, library="Annexe de Feurs"))
    md = open_as("pret.test", "pages/kits.py", reservation=refused.id)
    widget(md.button, "Refuser la demande").click()
    md.run()
    assert "La raison du refus est obligatoire." in texts(md)
    md.text_area(key=f"decide_{refused.id}_reason").input("La malle part en réparation.")
    widget(md.button, "Refuser la demande").click()
    md.run()
    assert "Demande refusée" in texts(md)
    member = open_as("member.test", "pages/kits.py", reservation=refused.id)
    assert "La malle part en réparation." in texts(member) and "Refusée" in texts(member)

    member = open_as("member.test", "pages/kits.py", reservation=kept.id)
    assert widget(member.button, "Annuler la réservation").disabled  # confirm first
    member.checkbox(key=f"cancel_{kept.id}_sure").check()
    member.run()
    widget(member.button, "Annuler la réservation").click()
    member.run()
    assert "Réservation annulée." in texts(member)
    with app_engine.connect() as conn:
        assert kits.get_booking(conn, booking_id=kept.id,
                                viewer=users["member"]).status == "annulee"
