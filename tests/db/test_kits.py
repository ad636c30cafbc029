"""Shared kits over SQLite and PostgreSQL: the catalogue, bookings that never overlap
(buffers and units included), the MD's answers, the waiting list with its 48 hours, the
circulation and the yearly report; bad input refused in French with nothing written."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from db import files, forum, kits, mailer, resources
from db.engine import now, run_in_transaction
from db.errors import PermissionDenied, ValidationError
from db.schema import kit_bookings, kit_holds, kit_photos, notifications, outbox
from tests.conftest import make_user
from tests.db import files_fixtures as sample
from tests.db.events_fixtures import build_day
from tests.db.kits_fixtures import day, make_kit, request


@pytest.fixture
def lender(conn):
    """Staff of the MD of the Loire (42), who lends the kits."""
    return make_user(conn, "ines.pret", "member", display_name="Inès Prêt",
                     department_code="42")


@pytest.fixture
def borrower(conn):
    """A librarian of the network, who books for her library."""
    return make_user(conn, "lea.biblio", "member", display_name="Léa Biblio",
                     department_code="43")


def _statuses(conn) -> dict[int, str]:
    return dict(conn.execute(sa.select(kit_bookings.c.id, kit_bookings.c.status)).all())


def _told(conn, user) -> list[str]:
    return list(conn.execute(sa.select(notifications.c.text).where(
        notifications.c.user_id == user.id).order_by(notifications.c.id)).scalars())


def test_a_kit_has_its_contents_photos_and_resources(conn, lender, borrower, tmp_path):
    store = files.LocalStore(tmp_path / "files")
    kit = make_kit(conn, lender, contents="10 tablettes tactiles\n2 × casques\nchargeur",
                   units=2)
    assert [(i.item, i.quantity) for i in kit.items] == [
        ("tablettes tactiles", 10), ("casques", 2), ("chargeur", 1)]
    assert kit.md_name and kit.department_code == "42" and kit.units == 2
    kit = kits.add_photos(conn, store, actor=lender, kit_id=kit.id,
                          uploads=[("malle.png", sample.PNG), ("encore.png", sample.PNG)])
    assert len(kit.photo_ids) == 1  # the same photo twice shows once
    with pytest.raises(ValidationError, match="n'est pas une photo"):
        kits.add_photos(conn, store, actor=lender, kit_id=kit.id,
                        uploads=[("autre.png", sample.PNG + b"x"), ("notice.pdf", sample.PDF)])
    assert conn.execute(sa.select(sa.func.count()).select_from(kit_photos)).scalar() == 1
    with pytest.raises(PermissionDenied):
        kits.add_photos(conn, store, actor=borrower, kit_id=kit.id,
                        uploads=[("malle.png", sample.PNG)])
    kits.remove_photo(conn, store, actor=lender, kit_id=kit.id, file_id=kit.photo_ids[0])
    assert kits.get_kit(conn, kit_id=kit.id).photo_ids == []


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"title": ""}, "title", "obligatoire"),
    ({"kind": "fusée"}, "kind", "type de matériel"),
    ({"min_days": 10, "max_days": 5}, "max_days", "plus courte"),
    ({"buffer_days": 45}, "buffer_days", "entre 0 et 30"),
    ({"units": "deux"}, "units", "en chiffres"),
    ({"contents": "0 tablette"}, "contents", "une quantité"),
])
def test_a_wrong_kit_is_refused_in_french(conn, lender, values, field, message):
    with pytest.raises(ValidationError) as refused:
        make_kit(conn, lender, **values)
    assert message in refused.value.errors[field]


def test_only_the_lending_md_describes_its_kit(conn, lender, borrower):
    kit = make_kit(conn, lender)
    with pytest.raises(PermissionDenied):
        kits.update_kit(conn, actor=borrower, kit_id=kit.id,
                        data=kits.KitInput(title="Pris", kind="autre"))
    with pytest.raises(PermissionDenied):
        make_kit(conn, borrower, department_code="42")


def test_an_automatic_kit_is_booked_at_once_a_validated_one_waits_for_its_md(
        conn, lender, borrower):
    automatic = make_kit(conn, lender, title="Exposition Lire le monde", kind="exposition",
                         needs_approval=False)
    validated = make_kit(conn, lender)
    assert kits.book(conn, actor=borrower, kit_id=automatic.id,
                     data=request(10, 20)).status == "acceptee"
    asked = kits.book(conn, actor=borrower, kit_id=validated.id, data=request(10, 20))
    assert asked.status == "demandee"
    assert any("demande « Malle de création numérique »" in t for t in _told(conn, lender))


def test_buffers_keep_two_loans_apart(conn, lender, borrower):
    kit = make_kit(conn, lender, buffer_days=2, needs_approval=False)
    kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 12))
    other = make_user(conn, "marc.autre", "member", department_code="43")
    with pytest.raises(ValidationError, match="2 jours de délai"):
        kits.book(conn, actor=other, kit_id=kit.id,
                  data=request(14, 16, library="Bibliothèque de Brioude", commune="Brioude"))
    with pytest.raises(ValidationError, match="déjà réservé"):  # ending 2 days before
        kits.book(conn, actor=other, kit_id=kit.id,
                  data=request(5, 8, library="Bibliothèque de Brioude", commune="Brioude"))
    later = kits.book(conn, actor=other, kit_id=kit.id, data=request(
        15, 16, library="Bibliothèque de Brioude", commune="Brioude"))
    assert later.status == "acceptee"


def test_several_units_book_by_quantity_never_beyond_them(conn, lender, borrower):
    kit = make_kit(conn, lender, title="Tablettes (2 lots de 5)", kind="tablettes", units=2,
                   needs_approval=False, contents="5 tablettes")
    kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 12, quantity=1))
    other = make_user(conn, "marc.autre", "member", department_code="43")
    kits.book(conn, actor=other, kit_id=kit.id,
              data=request(11, 13, quantity=1, library="Bibliothèque du Puy", commune="Puy"))
    third = make_user(conn, "zoe.tierce", "member", department_code="42")
    with pytest.raises(ValidationError, match="déjà réservé"):
        kits.book(conn, actor=third, kit_id=kit.id,
                  data=request(12, 12, library="Médiathèque de Roanne", commune="Roanne"))
    with pytest.raises(ValidationError, match="compte 2 unités"):
        kits.book(conn, actor=third, kit_id=kit.id, data=request(
            40, 42, quantity=3, library="Médiathèque de Roanne", commune="Roanne"))
    units = conn.execute(sa.select(kit_holds.c.unit)).scalars().all()
    assert sorted(units) == [1, 2]


@pytest.mark.parametrize(("starts", "ends", "values", "field", "message"), [
    (10, 8, {}, "ends_on", "doit suivre"),
    (10, 50, {}, "ends_on", "30 jours au plus"),
    (-3, 2, {}, "starts_on", "passée"),
    (10, 12, {"library": ""}, "library", "obligatoire"),
    (10, 12, {"library_department": "ZZ"}, "library_department", "département"),
    (10, 12, {"quantity": 2}, "quantity", "une seule unité"),
])
def test_a_wrong_request_is_refused_in_french_and_nothing_is_written(
        engine, starts, ends, values, field, message):
    with engine.begin() as conn:
        lender = make_user(conn, "ines.pret", "member", department_code="42")
        kit = make_kit(conn, lender)
    with pytest.raises(ValidationError) as refused:
        run_in_transaction(engine, lambda c: kits.book(
            c, actor=lender, kit_id=kit.id, data=request(starts, ends, **values)))
    assert message in refused.value.errors[field]
    with engine.connect() as conn:
        assert _statuses(conn) == {}
        assert conn.execute(sa.select(sa.func.count()).select_from(kit_holds)).scalar() == 0


def test_a_kit_in_maintenance_and_the_same_kit_twice_are_refused(conn, lender, borrower):
    kit = make_kit(conn, lender)
    kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 12))
    with pytest.raises(ValidationError, match="déjà réservé pour vous"):
        kits.book(conn, actor=borrower, kit_id=kit.id, data=request(11, 13, wait=True))
    broken = make_kit(conn, lender, title="Liseuses", kind="liseuses", status="maintenance")
    with pytest.raises(ValidationError, match="en maintenance"):
        kits.book(conn, actor=borrower, kit_id=broken.id, data=request(10, 12))


def test_the_md_accepts_refuses_with_a_reason_or_proposes_other_dates(
        conn, lender, borrower):
    kit = make_kit(conn, lender)
    first = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 12))
    with pytest.raises(PermissionDenied):
        kits.accept_booking(conn, actor=borrower, booking_id=first.id)
    assert kits.accept_booking(conn, actor=lender, booking_id=first.id).status == "acceptee"
    assert "prêt accepté" in _told(conn, borrower)[-1]

    second = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(
        30, 32, library="Annexe de Feurs"))
    with pytest.raises(ValidationError, match="raison du refus"):
        kits.refuse_booking(conn, actor=lender, booking_id=second.id, reason=" ")
    refused = kits.refuse_booking(conn, actor=lender, booking_id=second.id,
                                  reason="La malle part en réparation ce mois-là.")
    assert (refused.status, refused.md_note) == ("refusee",
                                                 "La malle part en réparation ce mois-là.")
    assert "réparation" in _told(conn, borrower)[-1]

    third = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(
        50, 52, library="Point lecture de Salt"))
    with pytest.raises(ValidationError) as taken:
        kits.propose_dates(conn, actor=lender, booking_id=third.id, starts_on=day(11),
                           ends_on=day(13))
    assert "prises" in taken.value.errors["proposed_starts_on"]
    proposed = kits.propose_dates(conn, actor=lender, booking_id=third.id,
                                  starts_on=day(60), ends_on=day(62), note="Plutôt en mai ?")
    assert proposed.status == "proposee"
    taken_days = conn.execute(sa.select(kit_holds.c.starts_on).where(
        kit_holds.c.booking_id == third.id)).scalars().all()
    assert taken_days == [day(60)]
    accepted = kits.answer_proposal(conn, actor=borrower, booking_id=third.id, accept=True)
    assert (accepted.status, accepted.starts_on, accepted.ends_on) == (
        "acceptee", day(60), day(62))


def test_a_cancellation_offers_the_days_to_the_waiting_list_for_48_hours(
        conn, lender, borrower):
    mailer.configure(conn, enabled=True, public_url="https://coopmd.example/")
    kit = make_kit(conn, lender, needs_approval=False)
    held = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 14))
    second = make_user(conn, "marc.autre", "member", department_code="43")
    third = make_user(conn, "zoe.tierce", "member", department_code="42")
    waiting = kits.book(conn, actor=second, kit_id=kit.id, data=request(
        11, 12, library="Bibliothèque de Brioude", commune="Brioude", wait=True))
    after = kits.book(conn, actor=third, kit_id=kit.id, data=request(
        12, 13, library="Médiathèque de Roanne", commune="Roanne", wait=True))
    assert (waiting.status, after.status) == ("attente", "attente")

    kits.cancel_booking(conn, actor=borrower, booking_id=held.id)
    assert _statuses(conn)[waiting.id] == "offerte"
    assert _statuses(conn)[after.id] == "attente"  # overlaps the first in line
    assert "acceptez-le sous 48 heures" in _told(conn, second)[-1]
    assert conn.execute(sa.select(outbox.c.subject).where(
        outbox.c.to_email == second.email)).scalar().endswith("disponible pour vos dates")

    later = now() + timedelta(hours=49)
    with pytest.raises(ValidationError, match="48 heures est passé"):
        kits.accept_offer(conn, actor=second, booking_id=waiting.id, at=later)
    assert kits.expire_offers(conn, at=later) == [waiting.id]
    assert _statuses(conn)[waiting.id] == "expiree"
    assert _statuses(conn)[after.id] == "offerte"  # the next one in line
    taken = kits.accept_offer(conn, actor=third, booking_id=after.id,
                              at=later + timedelta(hours=1))
    assert taken.status == "acceptee"


def test_departure_return_and_a_late_loan(conn, lender, borrower):
    kit = make_kit(conn, lender, needs_approval=False)
    loan = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(0, 3))
    with pytest.raises(ValidationError, match="pas encore arrivée"):
        kits.record_departure(conn, actor=lender, booking_id=loan.id, day=day(1))
    out = kits.record_departure(conn, actor=lender, booking_id=loan.id, note="Complet")
    assert out.status == "partie" and out.departed_at is not None
    assert kits.list_late(conn, department_code="42", on=day(3)) == []
    assert [b.id for b in kits.list_late(conn, department_code="42", on=day(4))] == [loan.id]
    assert kits.flag_late(conn, on=day(4)) == [loan.id]
    assert kits.flag_late(conn, on=day(5)) == []  # told once
    assert "devait revenir" in _told(conn, borrower)[-1]
    with pytest.raises(ValidationError, match="précéder le départ"):
        kits.record_return(conn, actor=lender, booking_id=loan.id, condition="bon",
                           day=day(-1))
    with pytest.raises(ValidationError, match="état au retour"):
        kits.record_return(conn, actor=lender, booking_id=loan.id, condition=None)
    back = kits.record_return(conn, actor=lender, booking_id=loan.id, condition="abime",
                              missing_items="1 makey makey")
    assert (back.status, back.return_condition, back.missing_items) == (
        "rendue", "abime", "1 makey makey")
    assert kits.get_kit(conn, kit_id=kit.id).status == "maintenance"


def test_the_slip_and_the_yearly_report_say_what_the_database_holds(conn, lender, borrower):
    kit = make_kit(conn, lender, needs_approval=False)
    expo = make_kit(conn, lender, title="Exposition Lire le monde", kind="exposition",
                    needs_approval=False)
    year = day(40).year
    booked = [kits.book(conn, actor=borrower, kit_id=k, data=request(s, s + 2, library=lib))
              for k, s, lib in ((kit.id, 40, "Feurs"), (kit.id, 50, "Montbrison"),
                                (expo.id, 40, "Feurs"))]
    refused = kits.book(conn, actor=borrower, kit_id=expo.id,
                        data=request(60, 61, library="Roanne"))
    kits.cancel_booking(conn, actor=borrower, booking_id=refused.id)
    report = kits.yearly_report(conn, department_code="42", year=year)
    counted = conn.execute(sa.select(sa.func.count()).select_from(kit_bookings).where(
        kit_bookings.c.status.in_(("acceptee", "partie", "rendue")))).scalar()
    in_year = sum(1 for b in booked if b.starts_on.year == year)
    assert report.total == in_year == counted - (len(booked) - in_year)
    assert sum(n for _, n in report.by_month) == report.total
    assert sum(n for _, n in report.by_kit) == report.total
    book = load_workbook(io.BytesIO(kits.report_xlsx(report)))
    assert book.sheetnames == ["Par matériel", "Par bibliothèque", "Par mois"]
    assert book["Par mois"].max_row == 13
    slip = kits.delivery_slip(conn, actor=lender, booking_id=booked[0].id)
    text = PdfReader(io.BytesIO(slip)).pages[0].extract_text()
    assert "Bordereau de pr" in text and "makey makey" in text and "Feurs" in text


def test_the_catalogue_finds_kits_free_on_given_dates(conn, lender, borrower):
    malle = make_kit(conn, lender, needs_approval=False)
    expo = make_kit(conn, lender, title="Exposition Lire le monde", kind="exposition",
                    description="Douze panneaux.", contents="12 panneaux")
    make_kit(conn, lender, title="Vieilles liseuses", kind="liseuses", status="retiree")
    kits.book(conn, actor=borrower, kit_id=malle.id, data=request(10, 12))
    dated = kits.KitFilters(starts_on=day(13), ends_on=day(14))
    cards, total = kits.list_kits(conn, filters=dated)
    assert total == 2 and {c.title: c.free for c in cards} == {
        "Malle de création numérique": False, "Exposition Lire le monde": True}
    free, total = kits.list_kits(conn, filters=kits.KitFilters(
        starts_on=day(13), ends_on=day(14), free_only=True))
    assert [c.id for c in free] == [expo.id] and total == 1
    assert kits.list_kits(conn, filters=kits.KitFilters(starts_on=day(15),
                                                        ends_on=day(16)))[0][1].free
    found, _ = kits.list_kits(conn, filters=kits.KitFilters(words="makey"))
    assert [c.id for c in found] == [malle.id]
    by_kind, _ = kits.list_kits(conn, filters=kits.KitFilters(kind="exposition"))
    assert [c.id for c in by_kind] == [expo.id]


def test_a_month_shows_booked_buffer_and_free_days(conn, lender, borrower):
    kit = make_kit(conn, lender, buffer_days=2, needs_approval=False)
    loan = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 11))
    states = {d.day: d.state for month in {day(10).replace(day=1), day(13).replace(day=1)}
              for d in kits.month_days(conn, kit_id=kit.id, month=month)}
    assert [states[day(n)] for n in (9, 10, 11, 12, 13, 14)] == [
        "libre", "reserve", "reserve", "delai", "delai", "libre"]
    assert kits.get_booking(conn, booking_id=loan.id, viewer=lender).library


def test_a_booking_is_read_by_its_borrower_and_its_md_only(conn, lender, borrower):
    kit = make_kit(conn, lender)
    loan = kits.book(conn, actor=borrower, kit_id=kit.id, data=request(10, 11))
    stranger = make_user(conn, "sam.ailleurs", "member", department_code="63")
    with pytest.raises(PermissionDenied):
        kits.get_booking(conn, booking_id=loan.id, viewer=stranger)
    with pytest.raises(PermissionDenied):
        kits.cancel_booking(conn, actor=stranger, booking_id=loan.id)


def test_a_kit_links_its_resources_a_booking_its_day_and_the_filters_by_md_and_theme(
        conn, lender, borrower, tmp_path):
    store = files.LocalStore(tmp_path / "files")
    organiser = make_user(conn, "orga.kits", "organiser", department_code="42")
    sheet = resources.create_resource(conn, store, actor=lender, data=resources.ResourceInput(
        title="Fiche d'animation makey makey", kind="fiche_animation", url="https://md42.fr/f",
        description="Clé en main."))
    theme_id = forum.list_themes(conn)[0].id
    kit = make_kit(conn, lender, resource_ids=[sheet, 9_999], theme_id=theme_id)
    assert kit.resources == [(sheet, "Fiche d'animation makey makey")]  # unknown ids dropped
    drome = make_kit(conn, organiser, title="Exposition drômoise", kind="exposition",
                     department_code="26")
    assert drome.department_code == "26"  # an organiser names the MD
    by_md, _ = kits.list_kits(conn, filters=kits.KitFilters(department_code="26"))
    by_theme, _ = kits.list_kits(conn, filters=kits.KitFilters(theme_id=theme_id))
    assert [c.id for c in by_md] == [drome.id] and [c.id for c in by_theme] == [kit.id]
    event_id, _, _ = build_day(conn, organiser)
    loan = kits.book(conn, actor=borrower, kit_id=kit.id,
                     data=request(10, 12, event_id=event_id, route="Tournée nord, mardi"))
    assert (loan.event_id, loan.route) == (event_id, "Tournée nord, mardi")
