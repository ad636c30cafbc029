"""One search across fiches, forum, resources and days, with each kind's permissions."""

from __future__ import annotations

import sqlalchemy as sa

from db import forum, global_search, pitches, resources
from db.files import LocalStore
from db.forum import moderation as forum_moderation
from db.forum import posts as forum_posts
from tests.conftest import make_user
from tests.db.events_fixtures import build_day


def test_one_box_finds_every_kind_and_nothing_hidden(conn, member, tmp_path):
    organiser = make_user(conn, "orga.recherche", "organiser")
    other = make_user(conn, "autre.membre", "member")
    for owner, title, publish in ((member, "Médiathèques et inclusion numérique", True),
                                  (other, "Brouillon numérique d'un autre", False)):
        pitches.create_pitch(
            conn,
            actor=owner,
            publish=publish,
            data=pitches.FicheInput(title=title, summary="Un résumé."),
        )
    theme = forum.list_themes(conn)[0].id
    for title in ("Ateliers numériques du samedi", "Numérique caché"):
        posted = forum_posts.contribute(conn, actor=member, theme_id=theme, kind="proposition",
                                        title=title, body="Texte.")
    forum_moderation.hide(conn, actor=organiser, post_id=posted.id, reason="Doublon")
    resources.create_resource(
        conn,
        LocalStore(tmp_path),
        actor=member,
        data=resources.ResourceInput(
            title="Guide du numérique", kind="lien", url="https://exemple.fr/guide"
        ),
    )
    event_id, _, _ = build_day(conn, organiser)
    conn.execute(sa.text("UPDATE events SET title = 'Journée numérique' WHERE id = :i"),
                 {"i": event_id})

    found = {f.kind: [h.title for h in f.hits] for f in global_search.everywhere(
        conn, viewer=member, query="NUMERIQUES")}
    assert found == {"fiches": ["Médiathèques et inclusion numérique"],
                     "forum": ["Ateliers numériques du samedi"],
                     "ressources": ["Guide du numérique"], "journees": ["Journée numérique"]}
    assert global_search.everywhere(conn, viewer=member, query="  ") == []
