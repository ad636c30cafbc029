"""Altair charts, each with a one-sentence text summary (what a screen reader gets).

Altair builds and validates a Vega-Lite spec in tens of milliseconds; the specs are cached
per data, so a rerun with unchanged figures costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

from components.cards import SHORT_MONTHS
from db.events.reports import AtelierFill
from db.french import MONTHS

WHOLE = alt.Axis(format="d", tickMinStep=1)  # people are counted in whole numbers


@st.cache_data(show_spinner=False, max_entries=200)
def _fill_spec(rows: tuple[tuple[str, int, int, int, int], ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Atelier", "Confirmés", "Places", "En attente",
                                       "Remplissage"])
    base = alt.Chart(data).encode(y=alt.Y("Atelier:N", sort=None, title=None,
                                          axis=alt.Axis(labelLimit=280)))
    capacity = base.mark_bar(color="#d9e3ec").encode(
        x=alt.X("Places:Q", title="Places (en bleu foncé : confirmées)", axis=WHOLE))
    confirmed = base.mark_bar(color="#1f5f8b").encode(
        x="Confirmés:Q", tooltip=["Atelier", "Confirmés", "Places", "En attente",
                                  "Remplissage"])
    return (capacity + confirmed).properties(height=alt.Step(32)).to_dict()


@st.cache_data(show_spinner=False, max_entries=200)
def _department_spec(rows: tuple[tuple[str, int], ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Département", "Inscrits"])
    chart = alt.Chart(data).mark_bar(color="#1f5f8b").encode(
        x=alt.X("Inscrits:Q", title="Inscrits", axis=WHOLE),
        y=alt.Y("Département:N", sort=None, title=None), tooltip=["Département", "Inscrits"])
    return chart.properties(height=alt.Step(26)).to_dict()


@st.cache_data(show_spinner=False, max_entries=200)
def _time_spec(rows: tuple) -> dict:
    data = pd.DataFrame(rows, columns=["Date", "Inscrits"])
    return alt.Chart(data).mark_line(point=True, color="#1f5f8b").encode(
        x=alt.X("Date:T", title=None, axis=alt.Axis(format="%d/%m")),
        y=alt.Y("Inscrits:Q", title="Inscrits (cumul)", axis=WHOLE),
        tooltip=["Date:T", "Inscrits"]).to_dict()


def fill_rates(ateliers: list[AtelierFill]) -> None:
    if not ateliers:
        st.caption("Aucun atelier dans le programme.")
        return
    rows = tuple((a.title, a.confirmed, a.capacity, a.waiting, round(100 * a.rate))
                 for a in ateliers)
    summary = "Remplissage : " + " ; ".join(
        f"{a.title} {a.confirmed}/{a.capacity} ({round(100 * a.rate)} %)"
        + (f", {a.waiting} en attente" if a.waiting else "") for a in ateliers) + "."
    st.vega_lite_chart(_fill_spec(rows), width="stretch", alt=summary)
    st.caption(summary)


def by_department(rows: list[tuple[str, int]]) -> None:
    if not rows:
        st.caption("Pas encore d'inscription.")
        return
    summary = "Inscrits par département : " + ", ".join(f"{d} {n}" for d, n in rows) + "."
    st.vega_lite_chart(_department_spec(tuple(rows)), width="stretch", alt=summary)
    st.caption(summary)


def over_time(rows: list) -> None:
    if not rows:
        return
    summary = (f"Du {rows[0][0]:%d/%m/%Y} au {rows[-1][0]:%d/%m/%Y}, le nombre d'inscrits est "
               f"passé de {rows[0][1]} à {rows[-1][1]}.")
    st.vega_lite_chart(_time_spec(tuple((d.isoformat(), n) for d, n in rows)),
                       width="stretch", alt=summary)
    st.caption(summary)


@st.cache_data(show_spinner=False, max_entries=200)
def _kinds_spec(rows: tuple[tuple[str, int], ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Type", "Contributions"])
    chart = alt.Chart(data).mark_bar(color="#1f5f8b").encode(
        x=alt.X("Contributions:Q", axis=WHOLE), y=alt.Y("Type:N", sort=None, title=None),
        tooltip=["Type", "Contributions"])
    return chart.properties(height=alt.Step(30)).to_dict()


@st.cache_data(show_spinner=False, max_entries=200)
def _months_spec(rows: tuple[tuple[str, str, int], ...], months: tuple[str, ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Mois", "Type", "Contributions"])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("Mois:O", title=None, sort=list(months), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("Contributions:Q", axis=WHOLE), color=alt.Color("Type:N", legend=alt.Legend(
            orient="bottom", title=None, columns=2, labelLimit=250)),
        tooltip=["Mois", "Type", "Contributions"]).properties(height=220).to_dict()


def contributions_by_kind(counts: Mapping[str, int], labels: Mapping[str, str]) -> None:
    """Contributions of a forum theme per type (`labels`: French name of each type)."""
    if not counts:
        st.caption("Aucune contribution publiée pour l'instant.")
        return
    rows = tuple((labels[k], int(n)) for k, n in counts.items())
    summary = "Contributions par type : " + ", ".join(f"{k} {n}" for k, n in rows) + "."
    st.vega_lite_chart(_kinds_spec(rows), width="stretch", alt=summary)
    st.caption(summary)


def contributions_by_month(rows: list, labels: dict[str, str]) -> None:
    """(first day of the month, type, count) rows, stacked by type."""
    if not rows:
        return
    months = sorted({m for m, _, _ in rows})
    names = {m: f"{SHORT_MONTHS[m.month - 1]} {m.year}" for m in months}
    summary = "Contributions publiées par mois : " + ", ".join(
        f"{MONTHS[m.month - 1]} {m.year} : {sum(n for d, _, n in rows if d == m)}"
        for m in months) + "."
    spec = _months_spec(tuple((names[m], labels[k], n) for m, k, n in rows),
                        tuple(names[m] for m in months))
    st.vega_lite_chart(spec, width="stretch", alt=summary)
    st.caption(summary)


@st.cache_data(show_spinner=False, max_entries=50)
def _network_spec(rows: tuple[tuple[str, str, int], ...]) -> dict:
    data = pd.DataFrame(rows, columns=["MD", "Mesure", "Nombre"])
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("MD:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("Nombre:Q", axis=WHOLE, title=None),
        yOffset="Mesure:N",
        color=alt.Color("Mesure:N", scale=alt.Scale(range=["#1f5f8b", "#e0a526"]),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=["MD", "Mesure", "Nombre"]).properties(height=alt.Step(11)).to_dict()


def network(figures: list) -> None:
    """People in the annuaire and active fiches per MD of the network."""
    if not figures:
        return
    rows = tuple(row for f in figures for row in (
        (f"{f.md_name} ({f.code})", "Personnes", f.people),
        (f"{f.md_name} ({f.code})", "Fiches actives", f.active_fiches)))
    summary = "Par MD, personnes dans l'annuaire et fiches actives : " + " ; ".join(
        f"{f.name} {f.people} et {f.active_fiches}" for f in figures) + "."
    st.vega_lite_chart(_network_spec(rows), width="stretch", alt=summary)
    st.caption(summary)


@st.cache_data(show_spinner=False, max_entries=200)
def _answers_spec(rows: tuple[tuple[str, int], ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Réponse", "Personnes"])
    chart = alt.Chart(data).mark_bar(color="#1f5f8b").encode(
        x=alt.X("Personnes:Q", axis=WHOLE), y=alt.Y("Réponse:N", sort=None, title=None,
                                                     axis=alt.Axis(labelLimit=260)),
        tooltip=["Réponse", "Personnes"])
    return chart.properties(height=alt.Step(28)).to_dict()


def answers(tally: list[tuple[str, int]], *, question: str) -> None:
    """How many gave each answer to one survey question (a rating: 1 to 5)."""
    summary = f"{question} : " + ", ".join(f"{a} : {n}" for a, n in tally) + "."
    st.vega_lite_chart(_answers_spec(tuple(tally)), width="stretch", alt=summary)
    st.caption(summary)


ROADMAP_COLOURS = ["#8a94a6", "#1f5f8b", "#2e7d32", "#b3261e"]  # à lancer … abandonnée


@st.cache_data(show_spinner=False, max_entries=200)
def _roadmap_spec(rows: tuple[tuple[str, str, int], ...], statuses: tuple[str, ...],
                  horizons: tuple[str, ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Horizon", "Statut", "Actions"])
    colour = alt.Color("Statut:N", sort=list(statuses), scale=alt.Scale(
        domain=list(statuses), range=ROADMAP_COLOURS), legend=alt.Legend(orient="top",
                                                                          title=None))
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("Horizon:O", sort=list(horizons), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("Actions:Q", axis=WHOLE), color=colour,
        order=alt.Order("rank:Q"), tooltip=["Horizon", "Statut", "Actions"],
    ).transform_calculate(rank=f"indexof({list(statuses)!r}, datum.Statut)").properties(
        height=220).to_dict()


def roadmap_progress(counts: list[tuple[str, str, int]], statuses: Mapping[str, str]) -> None:
    """A roadmap's actions per horizon (its timeline), coloured by status: (horizon,
    status, count) rows."""
    if not counts:
        return
    horizons = tuple(sorted({h for h, _, _ in counts}))
    by_status = {name: sum(n for _, s, n in counts if s == key)
                 for key, name in statuses.items()}
    summary = "Actions par statut : " + ", ".join(
        f"{name.lower()} {n}" for name, n in by_status.items()) + " ; horizons : " + \
        ", ".join(horizons) + "."
    spec = _roadmap_spec(tuple((h, statuses[s], n) for h, s, n in counts),
                         tuple(statuses.values()), horizons)
    st.vega_lite_chart(spec, width="stretch", alt=summary)
    st.caption(summary)


@st.cache_data(show_spinner=False, max_entries=200)
def _loans_spec(rows: tuple[tuple[str, int], ...]) -> dict:
    data = pd.DataFrame(rows, columns=["Mois", "Prêts"])
    return alt.Chart(data).mark_bar(color="#1f5f8b").encode(
        x=alt.X("Mois:N", sort=None, title=None, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("Prêts:Q", axis=WHOLE), tooltip=["Mois", "Prêts"]).properties(
        height=220).to_dict()


def loans_by_month(by_month: list[tuple[str, int]], year: int) -> None:
    total = sum(n for _, n in by_month)
    busiest = max(by_month, key=lambda row: row[1])
    summary = (f"{total} prêt(s) en {year}" + (
        f", le plus en {busiest[0]} ({busiest[1]})." if total else "."))
    st.vega_lite_chart(_loans_spec(tuple(by_month)), width="stretch", alt=summary)
    st.caption(summary)
