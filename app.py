"""Coop'MD entry point: page config, sign-in, and the menu the user's role allows."""

import streamlit as st

from components import auth, document, forms, navigation  # first: leaves legacy pages
from components.state import current_user

st.set_page_config(page_title="Coop'MD", page_icon=":material/local_library:", layout="wide")
document.speak_french()


def main() -> None:
    forms.absorb_echoes()
    auth.start()
    page = navigation.route(current_user())
    auth.logout_button()
    page.run()


navigation.run_safely(main)
