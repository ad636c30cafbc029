"""Coop'MD entry point: page config, sign-in, and the menu the user's role allows."""

import streamlit as st

from components import legacy_pages

st.set_page_config(page_title="Coop'MD", page_icon=":material/local_library:", layout="wide")
legacy_pages.leave()  # before the heavy imports below: see its docstring

from components import auth, document, navigation
from components.state import current_user

document.speak_french()
auth.start()
page = navigation.route(current_user())
auth.logout_button()
page.run()
