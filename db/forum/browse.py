"""Forum « inclusion numérique »: themes and typed contributions (retour d'expérience, point
de vigilance, proposition, question), replies, +1, reports and moderation.

A contributor's first contribution waits for an organiser's approval; three reports from
different people hide a post until an organiser decides. Hidden, pending and deleted posts
are never counted, listed or searched for other people.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import search
from db.engine import local_now
from db.errors import NotFound
from db.roles import User, has_role
from db.schema import forum_posts, forum_reactions, forum_themes, users

KIND_LABELS = {"retour_experience": "Retour d'expérience", "point_vigilance": "Point de vigilance",
               "proposition": "Proposition", "question": "Question", "reponse": "Réponse"}
KIND_PLURALS = {"retour_experience": "Retours d'expérience",
                "point_vigilance": "Points de vigilance", "proposition": "Propositions",
                "question": "Questions"}
CONTRIBUTION_KINDS = ("retour_experience", "point_vigilance", "proposition", "question")
ORGANISATION_TYPES = {"bibliotheque": "Bibliothèque", "md": "Médiathèque départementale",
                      "mediation": "Structure de médiation numérique",
                      "collectivite": "Collectivité / élu·e", "association": "Association",
                      "usager": "Usager·ère", "autre": "Autre"}
REPORTS_TO_HIDE = 3


@dataclass(frozen=True)
class Theme:
    id: int
    position: int
    title: str
    description: str
    opens_on: date | None
    closes_on: date | None
    status: str

    @property
    def open(self) -> bool:
        today = local_now().date()
        return (self.status == "open" and (self.opens_on is None or self.opens_on <= today)
                and (self.closes_on is None or today <= self.closes_on))


@dataclass(frozen=True)
class ThemeSummary(Theme):
    counts: dict[str, int]
    last_activity: datetime | None


@dataclass(frozen=True)
class PostCard:
    id: int
    title: str | None
    body: str
    kind: str
    theme_title: str
    author_name: str
    created_at: datetime


def public() -> sa.ColumnElement[bool]:
    """What anyone may see: published, not deleted (hidden and pending posts are not)."""
    return sa.and_(forum_posts.c.status == "published", forum_posts.c.deleted_at.is_(None))


def list_themes(conn: sa.Connection) -> list[ThemeSummary]:
    """The themes in order, with published posts counted by kind and the last activity."""
    counts = conn.execute(
        sa.select(forum_posts.c.theme_id, forum_posts.c.kind, sa.func.count(),
                  sa.func.max(forum_posts.c.created_at))
        .where(public()).group_by(forum_posts.c.theme_id, forum_posts.c.kind)).all()
    by_theme: dict[int, dict[str, int]] = {}
    last: dict[int, datetime] = {}
    for theme_id, kind, count, latest_at in counts:
        by_theme.setdefault(theme_id, {})[kind] = count
        last[theme_id] = max(filter(None, [last.get(theme_id), latest_at]))
    rows = conn.execute(sa.select(forum_themes).order_by(forum_themes.c.position))
    return [ThemeSummary(r.id, r.position, r.title, r.description, r.opens_on, r.closes_on,
                         r.status, by_theme.get(r.id, {}), last.get(r.id)) for r in rows]


def get_theme(conn: sa.Connection, *, theme_id: int) -> Theme:
    """One theme, without its figures (`themes` computes those for the overview)."""
    row = conn.execute(sa.select(forum_themes).where(forum_themes.c.id == theme_id)).first()
    if row is None:
        raise NotFound("Thème introuvable.")
    return Theme(row.id, row.position, row.title, row.description, row.opens_on,
                 row.closes_on, row.status)


def list_latest_threads(conn: sa.Connection, *, limit: int = 5,
                        group_id: int | None = None) -> list[PostCard]:
    """Newest published contributions (threads, not replies), for the home page, or in the
    themes of one working group."""
    query = (sa.select(forum_posts.c.id, forum_posts.c.title, forum_posts.c.body,
                       forum_posts.c.kind, forum_themes.c.title.label("theme_title"),
                       users.c.display_name.label("author_name"), forum_posts.c.created_at)
             .select_from(forum_posts.join(forum_themes,
                                           forum_themes.c.id == forum_posts.c.theme_id)
                          .join(users, users.c.id == forum_posts.c.author_id))
             .where(public(), forum_posts.c.parent_id.is_(None))
             .order_by(forum_posts.c.created_at.desc(), forum_posts.c.id.desc()).limit(limit))
    if group_id is not None:
        # the group's themes first: most groups have none, and a filter on the join would
        # walk the whole publication-order index looking for their rows
        themes = conn.execute(sa.select(forum_themes.c.id)
                              .where(forum_themes.c.group_id == group_id)).scalars().all()
        if not themes:
            return []
        query = query.where(forum_posts.c.theme_id.in_(themes))
    return [PostCard(**row._mapping) for row in conn.execute(query)]


@dataclass(frozen=True)
class Filters:
    query: str = ""
    kind: str | None = None
    department_code: str | None = None
    organisation_type: str | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "recent"
    state: str | None = None  # a proposition's answer state; "sans" = not answered yet


SORTS = {"recent": "Les plus récentes", "plus_one": "Les plus soutenues (+1)",
         "discussed": "Les plus discutées"}


@dataclass(frozen=True)
class ThreadCard:
    id: int
    title: str
    body: str
    kind: str
    author_name: str
    department_code: str | None
    organisation_type: str | None
    created_at: datetime
    plus_ones: int
    replies: int
    status: str = "published"
    author_id: int = 0
    edited_at: datetime | None = None
    useful: bool = False
    answer_state: str | None = None  # a proposition's official state (db.forum.answers)


def _counts() -> tuple[sa.ScalarSelect[Any], sa.ScalarSelect[Any]]:
    answers = forum_posts.alias("answers")
    plus = (sa.select(sa.func.count()).select_from(forum_reactions)
            .where(forum_reactions.c.post_id == forum_posts.c.id).scalar_subquery())
    replies = (sa.select(sa.func.count()).select_from(answers)
               .where(answers.c.parent_id == forum_posts.c.id, answers.c.status == "published",
                      answers.c.deleted_at.is_(None)).scalar_subquery())
    return plus, replies


def _mine_or_public(viewer: User | None) -> sa.ColumnElement[bool]:
    """Published posts, plus the viewer's own ones awaiting approval."""
    if viewer is None:
        return public()
    return sa.or_(public(), sa.and_(forum_posts.c.author_id == viewer.id,
                                    forum_posts.c.status == "pending",
                                    forum_posts.c.deleted_at.is_(None)))


MASKED = "Message masqué par la modération"


def _masked_head() -> sa.ColumnElement[bool]:
    """A thread whose first post was hidden, but whose published replies stay."""
    answer = forum_posts.alias("kept_answer")
    return sa.and_(forum_posts.c.status == "hidden", forum_posts.c.deleted_at.is_(None),
                   forum_posts.c.parent_id.is_(None), sa.exists().where(
                       answer.c.parent_id == forum_posts.c.id, answer.c.status == "published",
                       answer.c.deleted_at.is_(None)))


def _mask(card: ThreadCard, viewer: User | None) -> ThreadCard:
    """Organisers still read a hidden post (to restore it); everyone else its place."""
    if card.status != "hidden" or has_role(viewer, "organiser"):
        return card
    return replace(card, title=MASKED, body=f"*{MASKED}.*", author_name="—")


def _filtered(conn: sa.Connection, query: sa.Select[Any], filters: Filters) -> sa.Select[Any]:
    found = search.matches(conn, forum_posts, filters.query)
    if found is not None:
        query = query.where(found)
    for column in ("kind", "department_code", "organisation_type"):
        if getattr(filters, column):
            query = query.where(forum_posts.c[column] == getattr(filters, column))
    if filters.tag:
        query = query.where(search.has_tag(forum_posts.c.tags, filters.tag))
    if filters.state == "sans":
        query = query.where(forum_posts.c.kind == "proposition",
                            forum_posts.c.answer_state.is_(None))
    elif filters.state:
        query = query.where(forum_posts.c.answer_state == filters.state)
    if filters.since:
        query = query.where(forum_posts.c.created_at >= filters.since)
    if filters.until:
        query = query.where(forum_posts.c.created_at < filters.until + timedelta(days=1))
    return query


def list_theme_tags(conn: sa.Connection, *, theme_id: int) -> list[str]:
    """The keywords used in a theme's published contributions, for the tag filter."""
    rows = conn.execute(sa.select(forum_posts.c.tags).distinct().where(
        forum_posts.c.theme_id == theme_id, forum_posts.c.tags != "", public()))
    return sorted({t.strip() for (tags,) in rows for t in tags.split(",") if t.strip()},
                  key=search.fold)


def _matching(conn: sa.Connection, viewer: User | None, theme_id: int,
              filters: Filters) -> sa.Select[Any]:
    """Ids of the theme's contributions the viewer may see and the filters keep."""
    seen = _mine_or_public(viewer)
    if not (filters.query or filters.tag):  # a masked post is never found by its words
        seen = sa.or_(seen, _masked_head())
    return _filtered(conn, sa.select(forum_posts.c.id).where(
        forum_posts.c.theme_id == theme_id, forum_posts.c.parent_id.is_(None), seen),
        filters)


def count_threads(conn: sa.Connection, *, viewer: User | None, theme_id: int,
                  filters: Filters = Filters()) -> int:
    matching = _matching(conn, viewer, theme_id, filters).subquery()
    return conn.execute(sa.select(sa.func.count()).select_from(matching)).scalar_one()


def _per_post(sort: str) -> sa.Subquery:
    """(post_id, n): +1 received, or published replies, counted in one grouped pass."""
    if sort == "plus_one":
        return (sa.select(forum_reactions.c.post_id, sa.func.count().label("n"))
                .group_by(forum_reactions.c.post_id).subquery())
    answer = forum_posts.alias("answer")
    return (sa.select(answer.c.parent_id.label("post_id"), sa.func.count().label("n"))
            .where(answer.c.parent_id.is_not(None), answer.c.status == "published",
                   answer.c.deleted_at.is_(None)).group_by(answer.c.parent_id).subquery())


def _ranked(conn: sa.Connection, viewer: User | None, theme_id: int, filters: Filters,
            limit: int | None, offset: int) -> sa.Subquery:
    """(id, rank) of one page in the chosen order; +1 and replies are counted for every
    post only when the order needs them."""
    query = _matching(conn, viewer, theme_id, filters)
    order = [forum_posts.c.created_at.desc(), forum_posts.c.id.desc()]
    if filters.sort in ("plus_one", "discussed"):
        counted = _per_post(filters.sort)
        query = query.outerjoin(counted, counted.c.post_id == forum_posts.c.id)
        order.insert(0, sa.func.coalesce(counted.c.n, 0).desc())
    rank = sa.func.row_number().over(order_by=order).label("rank")
    return query.add_columns(rank).order_by(*order).limit(limit).offset(offset).subquery()


def list_threads(conn: sa.Connection, *, viewer: User | None, theme_id: int,
                 filters: Filters = Filters(), limit: int | None = 20,
                 offset: int = 0) -> list[ThreadCard]:
    """A page of a theme's contributions (`limit` None: all of them; count them with
    `count_threads`). The cards' own figures are computed for that page only."""
    ranked = _ranked(conn, viewer, theme_id, filters, limit, offset)
    plus, replies = _counts()
    query = (sa.select(forum_posts.c.id, forum_posts.c.title, forum_posts.c.body,
                       forum_posts.c.kind, users.c.display_name.label("author_name"),
                       forum_posts.c.department_code, forum_posts.c.organisation_type,
                       forum_posts.c.created_at, plus.label("plus_ones"),
                       replies.label("replies"), forum_posts.c.status,
                       forum_posts.c.answer_state)
             .join(ranked, ranked.c.id == forum_posts.c.id)
             .join(users, users.c.id == forum_posts.c.author_id).order_by(ranked.c.rank))
    return [_mask(ThreadCard(**row._mapping), viewer) for row in conn.execute(query)]


def _posts_query() -> sa.Select[Any]:
    """The columns of a thread's messages (head or reply), with their +1 and reply counts."""
    plus, replies = _counts()
    return (sa.select(forum_posts.c.id, sa.func.coalesce(forum_posts.c.title, "").label(
        "title"), forum_posts.c.body, forum_posts.c.kind,
        users.c.display_name.label("author_name"), forum_posts.c.department_code,
        forum_posts.c.organisation_type, forum_posts.c.created_at, plus.label("plus_ones"),
        replies.label("replies"), forum_posts.c.status, forum_posts.c.author_id,
        forum_posts.c.edited_at, forum_posts.c.useful, forum_posts.c.answer_state)
        .join(users, users.c.id == forum_posts.c.author_id))


def get_head(conn: sa.Connection, *, viewer: User | None, post_id: int) -> ThreadCard:
    """A thread's first message (a hidden one stays readable, with its replies)."""
    head = conn.execute(_posts_query().where(
        forum_posts.c.id == post_id, forum_posts.c.parent_id.is_(None),
        sa.or_(_mine_or_public(viewer), sa.and_(forum_posts.c.status == "hidden",
                                                 forum_posts.c.deleted_at.is_(None))))).first()
    if head is None:
        raise NotFound("Cette contribution n'existe pas ou n'est plus visible.")
    return _mask(ThreadCard(**head._mapping), viewer)


def list_replies(conn: sa.Connection, *, viewer: User | None,
                 post_id: int) -> list[ThreadCard]:
    """A thread's replies the viewer may read, oldest first (a thread page draws them in a
    part of its own: `components.forum.view.replies`)."""
    rows = conn.execute(_posts_query().where(forum_posts.c.parent_id == post_id,
                                             _mine_or_public(viewer))
                        .order_by(forum_posts.c.created_at, forum_posts.c.id))
    return [_mask(ThreadCard(**row._mapping), viewer) for row in rows]


def get_thread(conn: sa.Connection, *, viewer: User | None,
               post_id: int) -> tuple[ThreadCard, list[ThreadCard]]:
    """A thread and its replies, oldest reply first."""
    return (get_head(conn, viewer=viewer, post_id=post_id),
            list_replies(conn, viewer=viewer, post_id=post_id))
