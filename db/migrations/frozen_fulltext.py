"""The full-text DDL of migrations 0007 (forum) and 0009 (resources), frozen as they ran.

A migration must keep doing what it did: it never imports live code that may change.
A later change to the full-text index gets a migration of its own (with its own DDL).
"""

from __future__ import annotations


def fulltext_ddl(table: str, dialect: str) -> tuple[list[str], list[str]]:
    """(upgrade, downgrade) statements of the full-text index `matches` uses for `table`.

    PostgreSQL: a GIN index on `to_tsvector('french', search_text)` (French stemming and
    stop words; `search_text` is already folded as `unaccent` would). SQLite: an FTS5 table
    (`unicode61 remove_diacritics 2`) kept in step with `table` by triggers."""
    if dialect == "postgresql":
        return ([(f"CREATE INDEX ix_{table}_fulltext ON {table} "
                  "USING gin (to_tsvector('french', search_text))")],
                [f"DROP INDEX ix_{table}_fulltext"])
    fts = f"{table}_fts"
    remove = (f"INSERT INTO {fts}({fts}, rowid, search_text) "
              "VALUES ('delete', old.id, old.search_text);")
    add = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    return ([(f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
              "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"),
             f"INSERT INTO {fts}(rowid, search_text) SELECT id, search_text FROM {table}",
             f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
             f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
             (f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {table} "
              f"BEGIN {remove} {add} END")],
            [*(f"DROP TRIGGER {fts}_{n}" for n in ("insert", "delete", "update")),
             f"DROP TABLE {fts}"])
