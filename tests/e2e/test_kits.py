"""In Chromium (#18): a librarian looks for a kit free on her dates, keeps only the free
ones, opens one, books it with a double click (one booking), lands on her booking's page,
and finds the days taken on the kit's calendar, after a reload too; the MD adds photos,
proposes other dates, the waiting list takes the freed days, the slip prints."""

from __future__ import annotations

import re

import sqlalchemy as sa
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from db import kits
from db.french import MONTHS
from db.schema import kit_bookings
from tests.conftest import PASSWORD, make_user
from tests.db.files_fixtures import PNG
from tests.db.kits_fixtures import day, make_kit, request
from tests.e2e.conftest import choose, pick, sign_in, sign_out


def _type_date(page, where, label: str, when) -> None:
    """Streamlit's date field: day, month and year typed in a row; the value is sent when
    the field loses the focus (Enter only closes the calendar), so click the title."""
    field = where.get_by_test_id("stDateInput").filter(has_text=label)
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(when.strftime("%d%m%Y"))
    page.keyboard.press("Escape")
    page.get_by_role("heading").first.click()
    page.wait_for_timeout(300)


def test_a_librarian_finds_a_free_kit_books_it_and_sees_it_on_the_calendar(
        live_engine, server, page):
    with live_engine.begin() as conn:
        lender = make_user(conn, "ines.pret", "member", department_code="42")
        make_user(conn, "lea.biblio", "member", display_name="Léa Biblio",
                  department_code="43")
        taken = make_kit(conn, lender, needs_approval=False)
        expo = make_kit(conn, lender, title="Exposition Lire le monde", kind="exposition",
                        description="Douze panneaux.", contents="12 panneaux",
                        needs_approval=False)
        kits.book(conn, actor=lender, kit_id=taken.id,
                  data=request(10, 14, library="Médiathèque de Roanne"))
    page.goto(server)
    sign_in(page, "lea.biblio", PASSWORD)
    page.goto(f"{server}/kits")
    _type_date(page, page, "Libre du", day(11))
    _type_date(page, page, "au", day(12))
    expect(page.get_by_text("Déjà réservé à ces dates")).to_have_count(1)
    pick(page, page.get_by_role("checkbox", name="Seulement le matériel libre"))
    expect(page.get_by_role("button", name="Malle de création numérique")).to_have_count(0)
    page.get_by_role("button", name="Exposition Lire le monde").click()
    expect(page).to_have_url(re.compile(rf"/kits\?malle={expo.id}$"))

    form = page.get_by_test_id("stForm").filter(has=page.get_by_label("Commune"))
    form.get_by_label("Bibliothèque qui emprunte").fill("Médiathèque du Puy")
    form.get_by_label("Commune").fill("Le Puy-en-Velay")
    choose(page, form, "Département", re.compile("^43 "))
    form.get_by_label("Pour quelle animation ?").fill("Mois du numérique")
    _type_date(page, form, "Départ", day(11))
    _type_date(page, form, "Retour", day(12))
    form.get_by_role("button", name="Réserver").dblclick()  # one booking, not two
    expect(page).to_have_url(re.compile(r"/kits\?reservation=\d+$"))
    expect(page.get_by_text("Acceptée", exact=True)).to_be_visible()
    with live_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(kit_bookings).where(
            kit_bookings.c.kit_id == expo.id)).scalar() == 1

    page.get_by_role("button", name="« Exposition Lire le monde »").click()
    expect(page).to_have_url(re.compile(rf"/kits\?malle={expo.id}$"))
    month = day(11)
    if month.month != day(0).month:
        choose(page, page, "Mois", f"{MONTHS[month.month - 1]} {month.year}")
    summary = page.get_by_text(re.compile(r"2 jour\(s\) réservé"))
    expect(summary).to_be_visible()
    month_table = page.get_by_role("table", name=f"{MONTHS[month.month - 1]} {month.year}",
                                   exact=False)  # read cell by cell: « 11 : Réservé »
    expect(month_table.get_by_role("cell", name=f"{day(11).day} : Réservé")).to_be_visible()
    expect(month_table.get_by_role("columnheader", name="lun.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Exposition Lire le monde")).to_be_visible()


def test_the_md_adds_photos_proposes_dates_the_waiting_list_takes_the_slot_and_the_slip_prints(
        live_engine, server, page, tmp_path):
    """The MD's side: a file that is not a photo refused, a photo added; other dates
    proposed to the first request free its days, which the waiting request is offered and
    takes from the bell; the MD accepts it and prints its delivery slip."""
    with live_engine.begin() as conn:
        lender = make_user(conn, "ines.pret", "member", department_code="42")
        first = make_user(conn, "lea.biblio", "member", department_code="43")
        waiting = make_user(conn, "marc.attente", "member", department_code="43")
        kit = make_kit(conn, lender)
        asked = kits.book(conn, actor=first, kit_id=kit.id, data=request(10, 12))
        kits.book(conn, actor=waiting, kit_id=kit.id, data=request(
            11, 12, library="Bibliothèque de Brioude", commune="Brioude", wait=True))
    fake, photo = tmp_path / "notice.png", tmp_path / "malle.png"
    fake.write_bytes(b"%PDF-1.4 pas une image")
    photo.write_bytes(PNG)
    page.goto(server)
    sign_in(page, "ines.pret", PASSWORD)
    page.goto(f"{server}/kits?malle={kit.id}")
    page.get_by_text("Photos", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(fake))
    expect(page.get_by_role("button", name="Remove notice.png")).to_be_visible()
    page.wait_for_timeout(500)  # the upload's own rerun
    page.get_by_role("button", name="Ajouter les photos").click()
    expect(page.get_by_text("« notice.png » n'est pas une photo")).to_be_visible()
    page.get_by_role("button", name="Remove notice.png").click()
    expect(page.get_by_role("button", name="Remove notice.png")).to_have_count(0)
    page.wait_for_timeout(500)  # the removal's rerun draws the field again
    page.locator("input[type=file]").set_input_files(str(photo))
    expect(page.get_by_role("button", name="Remove malle.png")).to_be_visible()
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Ajouter les photos").click()
    expect(page.get_by_text("Photos ajoutées.")).to_be_visible()
    expect(page.get_by_role("img", name="Photo 1 : Malle de création numérique")) \
        .to_be_visible()

    page.goto(f"{server}/kits?reservation={asked.id}")
    page.get_by_text("Proposer d'autres dates").click()
    _type_date(page, page, "Départ proposé", day(40))
    _type_date(page, page, "Retour proposé", day(42))
    page.get_by_role("button", name="Proposer ces dates").click()
    expect(page.get_by_text("Dates proposées : l'emprunteur est prévenu.")).to_be_visible()
    sign_out(page)

    page.goto(server)
    sign_in(page, "marc.attente", PASSWORD)
    page.get_by_role("button", name=re.compile(r"Notifications \(\d+\)")).click()
    page.get_by_text("s'est libéré").first.wait_for()
    page.get_by_role("link", name="Ouvrir").first.click()
    expect(page).to_have_url(re.compile(r"/kits\?reservation=\d+$"))
    page.get_by_role("button", name="Prendre ces dates").click()
    expect(page.get_by_text("C'est noté : ces dates sont à vous.")).to_be_visible()
    taken = page.url.rsplit("=", 1)[1]
    sign_out(page)

    page.goto(server)
    sign_in(page, "ines.pret", PASSWORD)
    page.goto(f"{server}/kits?reservation={taken}")
    page.get_by_role("button", name="Accepter la demande").click()
    expect(page.get_by_text("Demande acceptée")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Bordereau de prêt (PDF)").click()
    saved = tmp_path / "bordereau.pdf"
    download.value.save_as(saved)
    text = PdfReader(saved).pages[0].extract_text()
    assert "Bordereau de pr" in text and "Brioude" in text

    page.goto(f"{server}/kits")  # the yearly report, folded until opened (#17)
    page.get_by_role("button", name="Suivi des prêts de ma MD").click()
    page.get_by_text("Rapport annuel des prêts", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Rapport annuel (XLSX)").click()
    assert download.value.suggested_filename.startswith("prets-materiel-42-")
    report = tmp_path / download.value.suggested_filename
    download.value.save_as(report)
    assert load_workbook(report).sheetnames
