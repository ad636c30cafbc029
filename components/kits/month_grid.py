"""A kit's month as a calendar table: a week a row, each day with its number, its state
in words and its colour.

A table, not a chart: screen readers announce each day with its weekday and state, the
month reads at 400 px, and the page no longer waits for a chart library to draw (the
Vega-Lite calendar cost a kit's page 100–200 ms in Chromium, #17)."""

from __future__ import annotations

from html import escape

import streamlit as st

from db.kits.browse import Day

# state: (words, cell colour, text colour)
STATES = {"libre": ("Libre", "#e8f1e8", "#16181d"), "reserve": ("Réservé", "#1f5f8b", "#fff"),
          "delai": ("Délai entre deux prêts", "#9db8cf", "#16181d"),
          "partiel": ("En partie réservé", "#f2c46d", "#16181d")}
WEEKDAYS = [("lun.", "lundi"), ("mar.", "mardi"), ("mer.", "mercredi"), ("jeu.", "jeudi"),
            ("ven.", "vendredi"), ("sam.", "samedi"), ("dim.", "dimanche")]
STYLE = """<style>
.coopmd-month {border-collapse: separate; border-spacing: 3px; width: 100%; max-width: 24rem;
  table-layout: fixed; font-size: 0.9rem}
.coopmd-month th {font-weight: 600; text-align: center; padding: 2px 0}
.coopmd-month td {text-align: center; padding: 6px 0; border-radius: 4px}
.coopmd-month .sr {position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap}
.coopmd-month-key {display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0 0;
  padding: 0; list-style: none; font-size: 0.85rem}
.coopmd-month-key span {display: inline-block; width: 0.9em; height: 0.9em;
  margin-right: 4px; border-radius: 2px; vertical-align: -0.1em}
</style>"""


def _cell(day: Day) -> str:
    words, background, colour = STATES[day.state]
    return (f'<td style="background:{background};color:{colour}" title="{words}">'
            f'{day.day.day}<span class="sr"> : {words}</span></td>')


def weeks(days: list[Day]) -> list[list[Day | None]]:
    """The month's days in rows of seven, Monday first, blanks before the 1st and after
    the last."""
    cells: list[Day | None] = [None] * days[0].day.weekday() + list(days)
    cells += [None] * (-len(cells) % 7)
    return [cells[n:n + 7] for n in range(0, len(cells), 7)]


def table(days: list[Day], title: str) -> str:
    head = "".join(f'<th scope="col" abbr="{full}">{short}</th>' for short, full in WEEKDAYS)
    rows = "".join("<tr>" + "".join("<td></td>" if day is None else _cell(day)
                                    for day in week) + "</tr>" for week in weeks(days))
    key = "".join(f'<li><span style="background:{background}"></span>{words}</li>'
                  for words, background, _ in STATES.values())
    return (f'{STYLE}<table class="coopmd-month"><caption class="sr">{escape(title)}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'<ul class="coopmd-month-key" aria-hidden="true">{key}</ul>')


def show(days: list[Day], title: str) -> None:
    """The month's table, and what it holds in one sentence."""
    counts = {key: sum(1 for d in days if d.state == key) for key in STATES}
    summary = f"{title} : " + ", ".join(
        f"{n} jour(s) {STATES[key][0].lower()}" for key, n in counts.items() if n) + "."
    st.html(table(days, title))
    st.caption(summary)
