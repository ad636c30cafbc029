"""Data layer of Coop'MD: the only package that knows SQL. Never imports streamlit."""
