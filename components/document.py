"""The browser document itself (what Streamlit does not let a page set)."""

import zlib

import streamlit as st

# Streamlit serves `<html lang="en">`: screen readers would read French text with English
# pronunciation. Its sidebar menu puts section headers and `<li>` inside a `<div>` inside the
# `<ul>`, a list that assistive technologies announce wrongly (axe: list, listitem): the menu
# is exposed instead as groups of links named by their section. An observer keeps both fixes
# when Streamlit redraws the sidebar. And the menu link of the page shown leads to its list.
SCRIPT = """<script>
(() => {
  // the menu link of the page shown, an item open (`forum?theme=1`): Streamlit reruns the
  // page with the query string it holds, so the item stayed. Instead the bare address goes
  // in the history (Back opens the item again) and Streamlit is told as for Back/Forward,
  // which reruns the page with the address's own (empty) query string: its list.
  const toList = (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNav"] a');
    if (link && link.pathname === location.pathname && location.search) {
      event.preventDefault();
      event.stopPropagation();
      history.pushState(null, '', link.pathname);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }
  };
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
    document.addEventListener('click', toList, true);
  }
})();
</script>"""


def write_cookie(name: str, value: str, *, days: int) -> None:
    """Write (or, with `days=0`, delete) a cookie of the whole site, from the page itself.

    Streamlit sends what a script run drew; a run the menu interrupts may draw nothing,
    and so a cookie written from one run only is sometimes never written. Drawn on every
    run, the same element is simply kept."""
    # a new container key when the cookie changes: the browser mounts a new element and
    # runs its script (an element whose text changes in place keeps the old run)
    with st.container(key=f"cookie_{name}_{zlib.crc32(f'{value}{days}'.encode())}"):
        st.html(f"<script>document.cookie = '{name}={value}; Max-Age={days * 86_400}; "
                "path=/; SameSite=Strict';</script>", unsafe_allow_javascript=True,
                width="content")


def speak_french() -> None:
    """French document language and a menu with sound semantics, on every run."""
    st.html(SCRIPT, unsafe_allow_javascript=True, width="content")
