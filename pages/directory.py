"""L'annuaire: who does what in the other MDs (MD staff only)."""

import streamlit as st

from components import auth, charts, directory_index, folds
from components.markdown import escape
from components.pagination import pager
from components.state import transaction
from db import groups, reference
from db.groups import directory

user = auth.require("member")


def person_card(person: directory.Person) -> None:
    place = person.md_name or person.department_name
    where = " · ".join(filter(None, [place, person.organisation
                                     if person.organisation != place else None]))
    lines = [f"**{escape(person.name)}**" + (f" — {escape(person.job_title)}"
                                            if person.job_title else ""),
             f":gray[{escape(where)}]" if where else ""]
    for label, value in (("Territoire", person.territory), ("Expertise", person.expertise),
                         ("Groupes", ", ".join(person.groups))):
        if value:
            lines.append(f"{label} : {escape(value)}")
    if person.email:
        lines.append(f":material/mail: [{escape(person.email)}](mailto:{person.email})")
    with st.container(border=True):
        st.markdown("  \n".join(line for line in lines if line))


st.title("Annuaire")
st.markdown("Qui fait quoi dans les autres médiathèques départementales : pour trouver la "
            "bonne personne avant une journée, un projet ou un appel. Chacun choisit ce qui "
            "apparaît de son profil (page *Mon compte*).")
with transaction() as conn:
    departments = {d.code: d.label for d in reference.list_departments(conn)}
    group_names = [g.name for g in groups.list_groups(conn)]
with folds.fold("Le réseau en un coup d'œil", key="dir_chart",
                icon=":material/bar_chart:") as opened:
    if opened:
        with transaction() as conn:
            figures = directory.by_department(conn, viewer=user)
        charts.network(figures)
a, b, c, d = st.columns([2, 1, 1, 1])
query = a.text_input("Rechercher (nom, territoire, sujet…)", key="dir_query",
                     placeholder="ex. numérique Drôme")
department = b.selectbox("Département", [None, *departments], key="dir_dep",
                         placeholder="Tous", format_func=lambda x: departments.get(x, "Tous"))
job = c.selectbox("Fonction", [None, *directory.JOB_TITLES], key="dir_job",
                  placeholder="Toutes", format_func=lambda x: x or "Toutes")
group = d.selectbox("Groupe", [None, *group_names], key="dir_group",
                    placeholder="Tous", format_func=lambda x: x or "Tous")
found = directory_index.people(user, query=query, department_code=department, job_title=job,
                               group=group)
st.caption(f"{len(found)} personne(s)")
if not found:
    st.info("Personne ne correspond : élargissez la recherche.", icon=":material/info:")
offset = pager("dir_page", len(found), directory.PER_PAGE)
for person in found[offset:offset + directory.PER_PAGE]:
    person_card(person)
