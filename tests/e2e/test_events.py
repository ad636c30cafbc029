"""In Chromium: a member registers for an atelier and downloads the day's .ics."""

from __future__ import annotations

import io
import re

import icalendar
import openpyxl
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from pypdf import PdfReader

from db.engine import local_now
from db.events import desk, questions, registrations, survey
from db.french import french_date
from tests.conftest import PASSWORD, make_user
from tests.db.events_fixtures import build_day
from tests.e2e.conftest import choose, downloaded, pick, settle, sign_in, sign_out


def test_member_registers_for_an_atelier_and_downloads_the_ics(live_engine, server, page):
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        make_user(conn, "amandine.roux", "member", department_code="42",
                  display_name="Amandine Roux")
        event_id, _, _ = build_day(conn, organiser, capacity=12)
    page.goto(server)
    sign_in(page, "amandine.roux", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    expect(page.get_by_text("Journée régionale des référents de territoire").first
           ).to_be_visible()
    pick(page, page.get_by_role("radio", name="Atelier 2 (MD de la Loire – Salle 2)"))
    page.get_by_text("Je déjeune sur place").click()
    page.get_by_role("button", name="Valider mon inscription").click()
    expect(page.get_by_text("Inscription enregistrée.")).to_be_visible()
    expect(page.get_by_text("Confirmée")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Ajouter la journée à mon agenda (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    entry = next(iter(calendar.walk("VEVENT")))
    assert str(entry["summary"]) == "Journée régionale des référents de territoire"
    assert entry.decoded("dtstart").hour == 9 and entry.decoded("dtstart").minute == 30
    assert str(entry["url"]).endswith(f"/events?event={event_id}")


def test_organiser_exports_registrations_as_xlsx(live_engine, server, page):
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=12)
        for name in ("Élodie Marcon", "Léa Fontaine"):
            person = make_user(conn, name.split()[0].lower().replace("é", "e"), "member",
                               department_code="07", display_name=name)
            registrations.register(conn, actor=person, event_id=event_id,
                                   choices={slot: atelier})
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_dashboard")
    page.get_by_text("Inscrits et exports", exact=True).click()
    assert _exported_names(page) == ["Élodie Marcon", "Léa Fontaine"]
    with live_engine.begin() as conn:  # while the page stays open
        late = make_user(conn, "zoe", "member", department_code="07", display_name="Zoé Vidal")
        registrations.register(conn, actor=late, event_id=event_id, choices={slot: atelier})
    # built at the click: the same button, without a reload, has the newcomer
    assert _exported_names(page) == ["Élodie Marcon", "Léa Fontaine", "Zoé Vidal"]


def _exported_names(page) -> list[str]:
    """One click on « Télécharger l'export XLSX »: the names in the file it gives."""
    name, data = downloaded(page, "Télécharger l'export XLSX")
    assert name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]


def test_a_director_registers_a_colleague_and_finds_it_after_a_reload(live_engine, server,
                                                                       page):
    """#13 cohorts in the browser: pick a colleague of the same MD, an atelier, submit
    (a double click registers once), reload: the colleague is listed, and told."""
    from db import accounts, notifications

    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        make_user(conn, "nadia.directrice", "member", department_code="26",
                  display_name="Nadia Directrice")
        make_user(conn, "paul.referent", "member", department_code="26",
                  display_name="Paul Référent", job_title="Référent de territoire")
        event_id, _, _ = build_day(conn, organiser, capacity=12)
    page.goto(server)
    sign_in(page, "nadia.directrice", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    page.get_by_text("Inscrire un·e collègue de ma MD").click()  # folded under the list
    cohort = page.get_by_test_id("stExpander").filter(has_text="Inscrire un·e collègue")
    choose(page, cohort, "Collègue", re.compile("Paul Référent"))
    pick(page, cohort.get_by_role("radio", name=re.compile("^Atelier 1")))
    cohort.get_by_role("button", name="Inscrire ce·tte collègue").dblclick()
    expect(page.get_by_text("Mes collègues inscrit·es (1)")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Mes collègues inscrit·es (1)")).to_be_visible()
    expect(page.get_by_text("Paul Référent", exact=True)).to_be_visible()
    with live_engine.connect() as conn:
        paul = accounts.get_by_username(conn, username="paul.referent")
        assert registrations.get_registration_for(conn, event_id=event_id, user=paul)
        assert notifications.list_recent(conn, user=paul)[0].text.startswith(
            "Nadia Directrice vous a inscrit·e.")
        assert conn.exec_driver_sql("SELECT count(*) FROM registrations").scalar_one() == 1


def test_an_organiser_caps_an_atelier_per_md_and_the_next_colleague_waits(live_engine,
                                                                          server, page):
    """#13 per-MD quotas in the browser: « Modifier » an atelier, « Places par MD » = 1,
    save; the second person of that MD goes on the waiting list, and says why after a
    reload."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        first = make_user(conn, "nadia.directrice", "member", department_code="26")
        make_user(conn, "paul.referent", "member", department_code="26")
        event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=3)
        registrations.register(conn, actor=first, event_id=event_id, choices={slot: atelier})
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_admin?event={event_id}")
    page.get_by_role("tab", name="Programme et ateliers").click()
    page.get_by_test_id("stHorizontalBlock").filter(has_text="Atelier 1 —").get_by_role(
        "button", name="Modifier").click()
    form = page.get_by_test_id("stForm").filter(has_text="Places par MD")
    form.get_by_role("textbox", name="Places par MD, au plus (facultatif)").fill("1")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Atelier enregistré.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Atelier 1 — 1/3 places, 1 au plus par MD"))) \
        .to_be_visible()
    sign_out(page)

    sign_in(page, "paul.referent", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    pick(page, page.get_by_role("radio", name=re.compile("^Atelier 1.*1 au plus par MD")))
    page.get_by_role("button", name="Valider mon inscription").click()
    expect(page.get_by_text(re.compile("position 1 en liste d'attente"))).to_be_visible()
    page.reload()
    expect(page.get_by_text(re.compile(
        r"position 1 en liste d'attente \(la place par MD est prise\)"))).to_be_visible()


def test_an_organiser_edits_a_slot_in_place_then_duplicates_the_day(live_engine, server,
                                                                    page):
    """#13 programme editing in the browser: « Modifier » a slot, save; « Dupliquer la
    journée » to a typed date opens the copy (its own address, a draft), after a reload
    too."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        event_id, _, _ = build_day(conn, organiser, capacity=5)
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_admin?event={event_id}&section=Programme+et+ateliers")
    page.get_by_test_id("stHorizontalBlock").filter(has_text="Accueil").get_by_role(
        "button", name="Modifier").click()
    form = page.get_by_test_id("stForm").filter(has_text="Modifier le créneau")
    form.get_by_role("textbox", name="Intitulé").fill("Accueil café")
    form.get_by_role("button", name="Enregistrer le créneau").click()
    expect(page.get_by_text("Créneau enregistré.")).to_be_visible()
    expect(page.get_by_text(re.compile("Accueil café"))).to_be_visible()

    page.get_by_role("tab", name="La journée").click()
    copy = page.get_by_test_id("stForm").filter(has_text="Date de la nouvelle journée")
    for _ in range(5):  # the tab's own rerun may land on the click that opens it
        page.wait_for_timeout(400)
        if not copy.is_visible():
            page.get_by_text("Dupliquer cette journée (pour l'an prochain)").click()
        try:
            copy.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            continue
    copy.get_by_role("spinbutton").first.click()  # day, month, year: typed in a row
    page.keyboard.type("01072031")
    copy.get_by_role("button", name="Dupliquer la journée").click()
    expect(page.get_by_text(re.compile("Journée dupliquée"))).to_be_visible()
    expect(page).not_to_have_url(re.compile(rf"event={event_id}(&|$)"))
    page.reload()
    expect(page.get_by_text("Statut : Brouillon")).to_be_visible()
    with live_engine.connect() as conn:
        days = conn.exec_driver_sql("SELECT day, status FROM events ORDER BY id").all()
    assert [str(d) for d, _ in days][1:] == ["2031-07-01"] and days[1][1] == "draft"


def test_an_organiser_writes_to_an_atelier_once_and_finds_it_after_a_reload(live_engine,
                                                                           server, page):
    """#13 messages in the browser: « Messages » of the dashboard, one atelier, a double
    click on « Envoyer le message » sends once; the history keeps it after a reload."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        person = make_user(conn, "marie.dupont", "member", department_code="42")
        event_id, slot, (first, _) = build_day(conn, organiser, capacity=5)
        registrations.register(conn, actor=person, event_id=event_id, choices={slot: first})
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_dashboard?event={event_id}&section=Messages")
    expect(page.get_by_text("1 personne recevra ce message")).to_be_visible()
    choose(page, page, "Destinataires", "Les inscrits d'un atelier")
    expect(page.get_by_role("combobox", name="Atelier")).to_be_visible()
    form = page.get_by_test_id("stForm").filter(has_text="Envoyer le message")
    form.get_by_role("textbox", name="Objet").fill("Salle changée")
    form.get_by_role("textbox", name="Message (Markdown)").fill("Rendez-vous en salle 3.")
    form.get_by_role("button", name="Envoyer le message").dblclick()
    expect(page.get_by_text("Message envoyé.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Historique (1)")).to_be_visible()
    expect(page.get_by_text(re.compile("Salle changée — 1 destinataire"))).to_be_visible()
    with live_engine.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM notifications WHERE kind = 'day_message'").scalar_one() == 1


def test_an_organiser_asks_her_own_question_and_a_registrant_answers_it(live_engine,
                                                                       server, page):
    """#13 the organiser's questions in the browser: built in « Questions d'inscription »,
    answered at registration (refused while empty, the atelier kept), found again in
    « Mes réponses » after a reload."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        make_user(conn, "marie.dupont", "member", department_code="42")
        event_id, _, _ = build_day(conn, organiser, capacity=5)
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_admin?event={event_id}")
    page.get_by_role("tab", name="Questions d'inscription").click()
    builder = page.get_by_test_id("stForm").filter(has_text="Ajouter une question")
    choose(page, builder, "Type de réponse", "Un choix")
    builder.get_by_role("textbox", name="Question", exact=True).fill("Menu du déjeuner")
    builder.get_by_role("textbox", name=re.compile("^Choix proposés")).fill(
        "Standard\nVégétarien")
    builder.get_by_text("Réponse obligatoire").click()
    builder.get_by_role("button", name="Ajouter la question").click()
    expect(page.get_by_text("Question enregistrée.")).to_be_visible()
    sign_out(page)

    sign_in(page, "marie.dupont", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    pick(page, page.get_by_role("radio", name=re.compile("^Atelier 1")))
    page.get_by_role("button", name="Valider mon inscription").click()
    expect(page.get_by_text("Répondez à « Menu du déjeuner ».")).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile("^Atelier 1"))).to_be_checked()
    pick(page, page.get_by_role("radio", name="Végétarien"))
    page.get_by_role("button", name="Valider mon inscription").click()
    expect(page.get_by_text("Inscription enregistrée.")).to_be_visible()
    page.reload()
    page.get_by_text("Mes réponses (déjeuner, régime, questions)").click()
    expect(page.get_by_role("radio", name="Végétarien")).to_be_checked()


def test_a_colleague_without_an_account_signs_up_and_finds_the_held_place(live_engine,
                                                                        server, page):
    """#13 in the browser: the director types a colleague's name and e-mail (no account);
    the colleague creates her account with that e-mail and finds the day in « Mes
    inscriptions »."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        make_user(conn, "nadia.directrice", "member", department_code="26",
                  display_name="Nadia Directrice")
        event_id, _, _ = build_day(conn, organiser, capacity=12)
    page.goto(server)
    sign_in(page, "nadia.directrice", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    page.get_by_text("Inscrire un·e collègue de ma MD").click()
    cohort = page.get_by_test_id("stExpander").filter(has_text="Inscrire un·e collègue")
    cohort.get_by_role("textbox", name="Nom (sans compte)").fill("Sophie Martin")
    cohort.get_by_role("textbox", name="E-mail (sans compte)").fill("sophie@ladrome.fr")
    pick(page, cohort.get_by_role("radio", name=re.compile("^Atelier 1")))
    cohort.get_by_role("button", name="Inscrire ce·tte collègue").click()
    expect(page.get_by_text("Mes collègues inscrit·es (1)")).to_be_visible()
    expect(page.get_by_text(re.compile("place gardée à son nom"))).to_be_visible()
    sign_out(page)

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Créer un compte").click()
    for label, value in (("Nom affiché", "Sophie Martin"), ("Identifiant", "sophie.martin"),
                         ("Adresse e-mail", "sophie@ladrome.fr"), ("Mot de passe", PASSWORD),
                         ("Confirmer le mot de passe", PASSWORD)):
        field = page.get_by_role("textbox", name=label, exact=True)
        field.fill(value)
        field.press("Tab")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("Compte « sophie.martin » créé")).to_be_visible()
    page.goto(server)
    sign_in(page, "sophie.martin", PASSWORD)
    page.goto(f"{server}/my_registrations")
    expect(page.get_by_text(re.compile("Journée régionale des référents de territoire"))
           .first).to_be_visible()


def test_a_present_person_downloads_her_attestation(live_engine, server, page):
    """#13 attestations in the browser: marked present on the day, she downloads a real
    PDF that holds her name and the day's French date."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        person = make_user(conn, "elodie.marcon", "member", department_code="42",
                           display_name="Élodie Marcon")
        event_id, slot, (first, _) = build_day(conn, organiser, capacity=5)
        mine = registrations.register(conn, actor=person, event_id=event_id,
                                      choices={slot: first})
        desk.check_in(conn, actor=organiser, registration_id=mine.id)
        today = local_now().date()
        conn.exec_driver_sql("UPDATE events SET day = ? WHERE id = ?",
                             (today.isoformat(), event_id))
    page.goto(server)
    sign_in(page, "elodie.marcon", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Mon attestation de présence")).click()
    pdf = download.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert pdf.startswith(b"%PDF") and "Élodie Marcon" in text
    assert french_date(today, weekday=True) in text


def test_a_present_person_answers_the_survey_once_with_a_double_click(live_engine, server,
                                                                     page):
    """#13 the survey in the browser: sent to the people present, answered on the day page;
    a double click on « Envoyer mon avis » keeps one answer."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        person = make_user(conn, "elodie.marcon", "member", department_code="42")
        event_id, slot, (first, _) = build_day(conn, organiser, capacity=5)
        mine = registrations.register(conn, actor=person, event_id=event_id,
                                      choices={slot: first})
        desk.check_in(conn, actor=organiser, registration_id=mine.id)
        conn.exec_driver_sql("UPDATE events SET day = ? WHERE id = ?",
                             (local_now().date().isoformat(), event_id))
        questions.add_question(conn, actor=organiser, event_id=event_id, bank="survey",
                               data=questions.QuestionInput(kind="rating",
                                                            label="Satisfaction générale"))
        survey.send_survey(conn, actor=organiser, event_id=event_id)
    page.goto(server)
    sign_in(page, "elodie.marcon", PASSWORD)
    page.goto(f"{server}/events?event={event_id}")
    form = page.get_by_test_id("stForm").filter(has_text="Votre avis sur la journée")
    pick(page, form.get_by_role("radio", name=re.compile("^5")))
    form.get_by_role("button", name="Envoyer mon avis").dblclick()
    expect(page.get_by_text("Merci pour votre avis !")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Votre avis sur la journée")).to_have_count(0)
    with live_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM survey_answers").scalar_one() == 1


def test_an_organiser_runs_the_allocation_of_ranked_wishes_and_publishes_it(live_engine,
                                                                           server, page):
    """#13 ranked choices in the browser: compute (the counts per wish show), publish after
    confirming; after a reload the slot says it was published, and people are placed."""
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        event_id, slot, (first, second) = build_day(conn, organiser, capacity=2)
        conn.exec_driver_sql("UPDATE event_slots SET ranked = 1 WHERE id = ?", (slot,))
        for n in range(3):
            person = make_user(conn, f"referent.{n}", "member", department_code="42")
            registrations.register(conn, actor=person, event_id=event_id, choices={},
                                   wishes={slot: [first, second]})
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_dashboard?event={event_id}&section=Attribution")
    expect(page.get_by_text(re.compile("3 personne\\(s\\) ont classé leurs vœux"))).to_be_visible()
    page.get_by_role("button", name="Calculer une attribution").click()
    expect(page.get_by_text(re.compile("tirage n°"))).to_be_visible()
    settle(page)  # under load, the computation's rerun closed the popover being opened
    page.get_by_role("button", name="Publier cette attribution").click()
    page.get_by_role("button", name="Confirmer la publication").click()
    expect(page.get_by_text("Attribution publiée : chacun·e est prévenu·e.")).to_be_visible()
    page.reload()
    expect(page.get_by_text(re.compile("attribution publiée le"))).to_be_visible()
    with live_engine.connect() as conn:
        placed = conn.exec_driver_sql(
            "SELECT session_id, count(*) FROM registration_choices WHERE status = 'confirmed' "
            "GROUP BY session_id ORDER BY session_id").all()
    assert [tuple(r) for r in placed] == [(first, 2), (second, 1)]
