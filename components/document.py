"""The browser document itself (what Streamlit does not let a page set)."""

import streamlit as st

# Streamlit serves `<html lang="en">`: screen readers would read French text with English
# pronunciation. Its sidebar menu puts section headers and `<li>` inside a `<div>` inside the
# `<ul>`, a list that assistive technologies announce wrongly (axe: list, listitem): the menu
# is exposed instead as groups of links named by their section. An observer keeps both fixes
# when Streamlit redraws the sidebar.
SCRIPT = """<script>
(() => {
  const fix = () => {
    document.documentElement.lang = 'fr';
    const menu = document.querySelector('[data-testid="stSidebarNavItems"]');
    if (!menu) return;
    menu.setAttribute('role', 'none');
    for (const section of menu.children) {
      if (section.tagName === 'LI') { section.setAttribute('role', 'none'); continue; }
      const header = section.querySelector('[data-testid="stNavSectionHeader"]');
      section.setAttribute('role', 'group');
      if (header) section.setAttribute('aria-label', header.innerText.trim());
      section.querySelectorAll(':scope > li').forEach(li => li.setAttribute('role', 'none'));
    }
  };
  fix();
  if (!window.coopmdDocumentObserver) {
    window.coopmdDocumentObserver = new MutationObserver(fix);
    window.coopmdDocumentObserver.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""


def forget_cookie(name: str) -> None:
    """Delete a cookie set by the login cookie component (path /, readable by scripts).

    streamlit-authenticator deletes it through a component that sometimes never mounts
    (the menu changes in the same run): the next visit would sign the person in again,
    which on a library's shared computer is the one thing sign-out must prevent."""
    st.html(f"<script>document.cookie = '{name}=; Max-Age=0; path=/; SameSite=Strict';"
            "</script>", unsafe_allow_javascript=True, width="content")


def speak_french() -> None:
    """French document language and a menu with sound semantics, on every run."""
    st.html(SCRIPT, unsafe_allow_javascript=True, width="content")
