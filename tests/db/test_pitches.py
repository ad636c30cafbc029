"""Fiches projet: validation, drafts, permissions, search, similarity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from db import pitches
from db.errors import NotFound, PermissionDenied, ValidationError
from db.pitches import browse as pitch_browse
from tests.conftest import make_user

TARN = {"title": "Développer une offre numérique dans les réseaux de Tarn-et-Garonne",
        "axis": "Axe 1 : développer une offre numérique", "summary": "Ressources numériques "
        "pour les médiathèques du réseau.", "budget_eur": "35 000", "status": "termine",
        "department_code": "82", "tags": "numérique, PNB",
        "funders": [{"funder": "État", "amount_eur": "17 500"},
                    {"funder": "Département", "amount_eur": 17500}]}


def _create(conn, actor, publish=True, **overrides):
    return pitches.create_pitch(
        conn, actor=actor, publish=publish, data=pitches.FicheInput(**{**TARN, **overrides})
    )


def test_a_fiche_with_funders_adding_up_is_saved(conn, member):
    fiche = _create(conn, member)
    assert fiche.budget_eur == Decimal("35000.00")
    assert [(f.funder, f.amount_eur) for f in fiche.funders] == [
        ("État", Decimal("17500.00")), ("Département", Decimal("17500.00"))]
    assert pitches.euros(fiche.budget_eur) == "35\u202f000 €"
    assert fiche.tag_list == ["numérique", "PNB"]


@pytest.mark.parametrize(("overrides", "field", "expected"), [
    ({"budget_eur": "trente mille"}, "budget_eur", "nombre d'euros"),
    ({"budget_eur": "-5"}, "budget_eur", "positif"),
    ({"budget_eur": "36000"}, "funders", "doivent égaler le budget"),
    ({"budget_eur": ""}, "funders", "Indiquez le budget"),
    ({"funders": [{"funder": "", "amount_eur": "35000"}]}, "funders", "obligatoire"),
    ({"title": ""}, "title", "obligatoire"),
    ({"summary": "x" * 200_000}, "summary", "au plus 50000"),
    ({"start_date": date(2024, 12, 1), "end_date": date(2023, 10, 1)}, "end_date",
     "après la date"),
    ({"contact_email": "pas-un-mail"}, "contact_email", "n'est pas valide"),
    ({"title": "<img src=x onerror=alert(1)>"}, "title", "< ou >"),
    ({"department_code": "999"}, "department_code", "n'existe pas"),
])
def test_bad_fiches_are_refused_and_nothing_is_written(conn, member, overrides, field,
                                                       expected):
    with pytest.raises(ValidationError) as caught:
        _create(conn, member, **overrides)
    assert expected in caught.value.errors[field]
    assert pitch_browse.list_pitches(conn, viewer=member)[1] == 0


def test_emoji_rtl_and_html_in_sections_are_kept_as_text(conn, member):
    body = "Lecture 📚 pour tous — مكتبة <script>alert(1)</script>"
    fiche = _create(conn, member, summary=body, strategy=body)
    assert fiche.summary == body  # stored as typed; rendering sanitises it


def test_drafts_are_hidden_from_others(conn, member):
    other = make_user(conn, "autre.membre", "member")
    draft = _create(conn, member, publish=False, title="Brouillon secret")
    assert pitch_browse.list_pitches(conn, viewer=other)[1] == 0
    with pytest.raises(NotFound):
        pitches.get_pitch(conn, pitch_id=draft.id, viewer=other)
    assert pitches.get_pitch(conn, pitch_id=draft.id, viewer=member).state == "draft"
    pitches.set_state(conn, actor=member, pitch_id=draft.id, published=True)
    assert pitch_browse.list_pitches(conn, viewer=other)[1] == 1


def test_only_owner_organiser_or_admin_edit(conn, member, admin, contributor):
    fiche = _create(conn, member)
    other = make_user(conn, "voisin.md", "member")
    with pytest.raises(PermissionDenied):
        pitches.update_pitch(conn, actor=other, pitch_id=fiche.id, data=pitches.FicheInput(**TARN))
    with pytest.raises(PermissionDenied):
        pitches.delete_pitch(conn, actor=other, pitch_id=fiche.id)
    with pytest.raises(PermissionDenied):
        pitches.create_pitch(conn, actor=contributor, data=pitches.FicheInput(**TARN))
    edited = pitches.update_pitch(
        conn, actor=admin, pitch_id=fiche.id, data=pitches.FicheInput(**{**TARN, "axis": "Axe 2"})
    )
    assert edited.axis == "Axe 2"


def test_search_ignores_accents_case_and_plurals(conn, member):
    _create(conn, member, title="Médiathèque numérique", summary="Des journaux en ligne.")
    _create(conn, member, title="Diagnostic de territoire", summary="Enquête auprès des élus.")
    found = lambda q: [c.title for c in pitch_browse.list_pitches(
        conn, viewer=member, filters=pitch_browse.Filters(query=q))[0]]
    assert found("mediatheques") == ["Médiathèque numérique"]
    assert found("MÉDIATHÈQUE") == ["Médiathèque numérique"]
    assert found("journal") == ["Médiathèque numérique"]
    assert found("elu territoires") == ["Diagnostic de territoire"]
    assert found("inexistant") == []


def test_filters_sort_and_pages(conn, member):
    for n in range(23):
        _create(conn, member, title=f"Fiche {n}", department_code="42" if n % 2 else "07",
                tags="réseau" if n < 3 else "numérique")
    page, total = pitch_browse.list_pitches(conn, viewer=member, limit=20)
    assert (len(page), total) == (20, 23)
    f = pitch_browse.Filters(department_code="42", tag="réseau")
    assert [c.title for c in pitch_browse.list_pitches(conn, viewer=member, filters=f)[0]] == [
        "Fiche 1"]
    assert "réseau" in pitch_browse.get_facets(conn, viewer=member)["tags"]


def test_similarity_ranks_a_near_duplicate_title_first(conn, member):
    _create(conn, member, title="Conventions départementales de lecture publique")
    _create(conn, member, title="Diagnostics de territoire")
    _create(conn, member, title="Formations à la carte pour les bénévoles")
    ranked = pitch_browse.list_similar(conn, viewer=member,
                                  title="Convention départementale de lecture")
    assert ranked[0][0].title == "Conventions départementales de lecture publique"
    assert all(card.title != "Diagnostics de territoire" for card, _ in ranked)
