"""Groups in AppTest: a member joins « Inclusion numérique » and sees its fiches and
resources; its coordinator programmes a meeting; the member answers présent·e."""

from __future__ import annotations

from db import groups
from db.groups import meetings
from tests.ui.conftest import login, texts, unfold, widget


def _space(at, app_engine, slug: str = "inclusion-numerique"):
    with app_engine.connect() as conn:
        group_id = next(g.id for g in groups.list_groups(conn) if g.slug == slug)
    at.switch_page("pages/groups.py")
    at.query_params.clear()
    at.query_params["groupe"] = str(group_id)
    return at.run(), group_id


def _section(at, name: str):
    at.button_group[0].set_value(name)
    return at.run()


def test_member_joins_and_the_coordinator_programmes_a_meeting(app, users, demo,
                                                                app_engine):
    member, group_id = _space(login(app.run(), "member.test"), app_engine)
    assert "Inclusion numérique" in texts(member)
    widget(member.button, "Rejoindre le groupe").click()
    member.run()
    assert "Bienvenue dans le groupe" in texts(member)
    assert "a rejoint le groupe" in texts(member)  # the activity feed
    _section(member, "Fiches")
    assert "Fiches projet (" in texts(member) and "Aucune fiche" not in texts(member)
    _section(member, "Ressources")
    assert "Fiches d'animation clé en main" in texts(member)

    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import ROOT
    with app_engine.begin() as conn:  # the organiser coordinates the group too
        groups.join(conn, actor=users["organiser"], group_id=group_id)
    organiser, _ = _space(login(AppTest.from_file(str(ROOT / "app.py"),
                                                  default_timeout=30).run(),
                                "organiser.test"), app_engine)
    _section(organiser, "Réunions")
    widget(organiser.text_input, "Objet de la réunion").input("Atelier feuille de route")
    widget(organiser.text_input, "Lien de visioconférence (https://…)").input(
        "https://visio.exemple.fr/feuille")
    widget(organiser.button, "Programmer la réunion").click()
    organiser.run()
    assert "Réunion programmée" in texts(organiser)

    member.run()
    _section(member, "Réunions")
    assert "Atelier feuille de route" in texts(member)
    with app_engine.connect() as conn:
        meeting = next(m for m in meetings.list_meetings(conn, viewer=users["member"],
                                                     group_id=group_id)
                       if m.title == "Atelier feuille de route")
    answer = next(b for b in member.button_group if b.label == "Votre réponse"
                  and b.key.startswith(f"answer_{meeting.id}_"))
    answer.set_value("present")
    member.run()
    with app_engine.connect() as conn:
        [again] = [m for m in meetings.list_meetings(conn, viewer=users["member"],
                                                 group_id=group_id) if m.id == meeting.id]
    assert (again.present, again.my_answer) == (1, "present")


def test_contributors_see_only_the_public_description(app, users, app_engine):
    at, _ = _space(login(app.run(), "contributor.test"), app_engine)
    assert "réservé aux personnels" in texts(at)
    assert not any(b.label == "Rejoindre le groupe" for b in at.button)


def _directory(at, query: str):
    at.switch_page("pages/directory.py").run()
    at.text_input(key="dir_query").input(query)
    return at.run()


def test_the_annuaire_shows_a_new_profile_at_once(app, users):
    """The annuaire keeps its search index between reruns: saving one's profile, or
    joining a group, must rebuild it rather than wait for it to expire."""
    at = login(app.run(), "member.test")
    assert "Personne ne correspond" in texts(_directory(at, "Vivarais"))
    at.switch_page("pages/account.py").run()
    at.text_input(key="directory_territory").input("Nord Vivarais, 45 communes")
    widget(at.button, "Enregistrer mon profil d'annuaire").click()
    at = _directory(at.run(), "vivarais")
    assert "1 personne(s)" in texts(at) and "Nord Vivarais, 45 communes" in texts(at)


def test_the_network_chart_is_drawn_once_opened(app, users):
    """« Le réseau en un coup d'œil » stays folded, its figures unread, until opened."""
    at = login(app.run(), "member.test").switch_page("pages/directory.py").run()
    assert "Par MD, personnes dans l'annuaire" not in texts(at)
    at = unfold(at, "dir_chart")
    assert "Par MD, personnes dans l'annuaire" in texts(at)
