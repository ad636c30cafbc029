"""Reusable UI pieces; they call `db/` functions and never build SQL."""
