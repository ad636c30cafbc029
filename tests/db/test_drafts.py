"""Drafts in the database: one per user and form, replaced, discarded, private."""

from __future__ import annotations

from db import drafts


def test_a_draft_is_kept_replaced_and_discarded_per_user(conn, member, contributor):
    form = "forum_contribute_1"
    drafts.save(conn, user=member, form=form, content={"title": "Mon idée", "body": "",
                                                        "kind": "proposition"})
    assert drafts.load(conn, user=member, form=form).content == {"title": "Mon idée",
                                                                 "kind": "proposition"}
    assert drafts.load(conn, user=contributor, form=form) is None
    drafts.save(conn, user=member, form=form, content={"body": "é" * 100_000})
    assert drafts.load(conn, user=member, form=form).content == {"body": "é" * 100_000}
    drafts.save(conn, user=member, form=form, content={"title": "", "body": None})
    assert drafts.load(conn, user=member, form=form) is None
    drafts.save(conn, user=member, form=form, content={"title": "x"})
    drafts.discard(conn, user=member, form=form)
    assert drafts.load(conn, user=member, form=form) is None
