"""Malles et matériel: the catalogue of the MDs' travelling kits, a kit, a booking, and
the MD's circulation dashboard."""

import streamlit as st

from components import auth, folds, forms
from components.kits import booking_view, catalogue, dashboard, kit_form, kit_view
from db.errors import NotFound, PermissionDenied
from db.roles import has_role

user = auth.require("contributor")


def overview() -> None:
    st.title("Malles et matériel")
    st.markdown("Expositions, malles numériques, tablettes, valises thématiques, liseuses : "
                "le matériel que les MD prêtent aux bibliothèques de leur réseau. Trouvez "
                "ce qui est libre à vos dates et réservez-le.")
    forms.show_flash()
    with st.expander("Mes réservations", icon=":material/event_available:"):
        catalogue.my_bookings(user)
    if has_role(user, "member"):
        st.button("Suivi des prêts de ma MD", icon=":material/monitoring:",
                  on_click=st.query_params.from_dict, args=({"suivi": "1"},))
        with folds.fold("Ajouter du matériel", key="kits_add",
                        icon=":material/add_box:") as opened:
            if opened:
                kit_form.kit_form(user)
    catalogue.listing(catalogue.filters_bar())


params = st.query_params
try:
    if params.get("reservation", "").isdigit():
        booking_view.booking_page(user, int(params["reservation"]))
    elif params.get("malle", "").isdigit():
        kit_view.kit_page(user, int(params["malle"]))
    elif params.get("suivi") and has_role(user, "member"):
        dashboard.dashboard(user)
    else:
        overview()
except (NotFound, PermissionDenied) as error:
    st.warning(str(error))
    st.button("← Tout le matériel", on_click=st.query_params.clear)
