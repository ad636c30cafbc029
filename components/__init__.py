"""Reusable UI pieces; they call `db/` functions and never build SQL.

Importing this package first leaves Streamlit's legacy `pages/` folder mode (see
`legacy_pages`): on a fresh server, the first request may run a page file directly, and
this is the first thing every page and app.py import, before anything heavy.
"""

from components import legacy_pages as _legacy_pages

_legacy_pages.leave()
