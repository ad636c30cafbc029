"""Demo data from the seeds: `python -m db.demo`, or the button on first run / admin page.

Idempotent (a settings row marks it loaded). Demo accounts get one random password that
nobody knows: an admin can reset any of them to sign in as that person.
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from db import audit, search
from db import demo_data as data
from db.accounts import passwords
from db.engine import local_now, make_engine, now
from db.migrate import upgrade
from db.roles import User, require_role
from db.schema import (
    collections,
    event_sessions,
    event_slots,
    events,
    forum_posts,
    forum_themes,
    group_meetings,
    group_members,
    kit_bookings,
    kit_holds,
    kit_items,
    kits,
    pitch_funders,
    pitches,
    registration_choices,
    registrations,
    resources,
    roadmap_action_posts,
    roadmap_actions,
    roadmap_history,
    settings,
    users,
    working_groups,
)

MARKER = "demo_loaded"


def load(conn: sa.Connection, *, actor: User | None = None) -> bool:
    """Load the demo content once; returns False when it was already there."""
    if actor is not None:
        require_role(actor, "admin")
    if conn.execute(sa.select(settings.c.value).where(settings.c.key == MARKER)).first():
        return False
    people = _people(conn)
    groups = dict(
        conn.execute(sa.select(working_groups.c.slug, working_groups.c.id)).tuples().all()
    )
    owner = actor.id if actor else people["claire.besson"]
    _pitches(conn, people, groups, owner)
    _regional_day(conn, people)
    _upcoming_day(conn, people)
    _forum(conn, people)
    _resources(conn, groups, owner)
    _groups(conn, people, groups)
    _roadmap(conn, people, groups)
    _kits(conn, people)
    conn.execute(settings.insert().values(key=MARKER, value=now().isoformat()))
    audit.record(conn, actor_id=actor.id if actor else None, action="load_demo", entity="demo")
    return True


def _people(conn: sa.Connection) -> dict[str, int]:
    unknown = passwords.hash_password(secrets.token_urlsafe(24))
    existing = dict(conn.execute(sa.select(users.c.username, users.c.id)).tuples().all())
    mds = dict(conn.execute(sa.text("SELECT code, md_name FROM departments")).tuples().all())
    for username, name, code, role, job in data.PEOPLE:
        if username in existing:
            continue
        existing[username] = conn.execute(users.insert().values(
            username=username, email=f"{username}@demo.coopmd.fr", display_name=name,
            password_hash=unknown, role=role, department_code=code,
            organisation=mds.get(code) if role != "contributor" else None, job_title=job,
            created_at=now()).returning(users.c.id)).scalar_one()
    return existing


def _insert(conn: sa.Connection, table: sa.Table, **values: Any) -> int:
    return conn.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()


def _pitches(
    conn: sa.Connection, people: dict[str, Any], groups: dict[str, Any], owner: int
) -> None:
    stamp = {"created_at": now(), "updated_at": now(), "state": "published"}
    sheet = data.TARN_ET_GARONNE
    pitch_id = _insert(conn, pitches, **sheet, **stamp, owner_id=owner,
                       group_id=groups["inclusion-numerique"],
                       search_text=search.document(*(str(v) for v in sheet.values())))
    for position, (funder, amount) in enumerate(data.TARN_ET_GARONNE_FUNDERS):
        conn.execute(pitch_funders.insert().values(pitch_id=pitch_id, funder=funder,
                                                   amount_eur=amount, position=position))
    mds = dict(conn.execute(sa.text("SELECT code, md_name FROM departments")).tuples().all())
    for username, title, code, slug, status, summary in data.DAY_PITCHES:
        _insert(conn, pitches, title=title, summary=summary, status=status, department_code=code,
                group_id=groups.get(slug or ""), owner_id=people[username], **stamp,
                carrier=mds[code], axis="Pitch du 1er juillet 2025",
                search_text=search.document(title, summary))


def _programme(
    conn: sa.Connection, event_id: int, slots: list[Any], ateliers: list[Any]
) -> list[int]:
    """Insert the slots; the choice slot gets the ateliers. Returns the ateliers' ids."""
    session_ids: list[int] = []
    for position, (starts, ends, kind, title, description) in enumerate(slots):
        slot_id = _insert(conn, event_slots, event_id=event_id, position=position,
                          starts_at=starts, ends_at=ends, kind=kind, title=title,
                          description=description, is_choice=kind == "ateliers")
        if kind == "ateliers":
            session_ids += [_insert(conn, event_sessions, slot_id=slot_id, title=t,
                                    host_department_code=code, facilitator=who, room=room,
                                    capacity=capacity)
                            for t, code, who, room, capacity in ateliers]
    return session_ids


def _register(conn: sa.Connection, event_id: int, user_id: int, session_id: int,
              slot_id: int, at: datetime) -> None:
    reg_id = _insert(conn, registrations, event_id=event_id, user_id=user_id,
                     status="confirmed", lunch=True, created_at=at, updated_at=at)
    conn.execute(registration_choices.insert().values(
        registration_id=reg_id, slot_id=slot_id, session_id=session_id, status="confirmed",
        created_at=at))


def _register_members(conn: sa.Connection, event_id: int, session_ids: list[int],
                      user_ids: list[int], first: datetime) -> None:
    slot_of = dict(conn.execute(sa.select(event_sessions.c.id, event_sessions.c.slot_id)
                                .where(event_sessions.c.id.in_(session_ids))).tuples().all())
    for index, user_id in enumerate(user_ids):
        session_id = session_ids[index % len(session_ids)]
        _register(conn, event_id, user_id, session_id, slot_of[session_id],
                  first + timedelta(hours=7 * index))


def _regional_day(conn: sa.Connection, people: dict[str, Any]) -> None:
    event_id = _insert(conn, events, **data.REGIONAL_DAY, created_at=now(),
                       registration_opens_at=datetime(2025, 5, 15, 9),
                       registration_closes_at=datetime(2025, 6, 20, 18),
                       created_by=people["claire.besson"])
    ateliers = _programme(conn, event_id, data.REGIONAL_PROGRAMME, data.REGIONAL_ATELIERS)
    members = [people[u] for u, _, _, role, _ in data.PEOPLE if role != "contributor"]
    _register_members(conn, event_id, ateliers, members[:22], datetime(2025, 5, 15, 10))


def _upcoming_day(conn: sa.Connection, people: dict[str, Any]) -> None:
    """A day ahead of the load date, so the home page has a next registered day to show."""
    day = (now() + timedelta(days=45)).date()
    event_id = _insert(
        conn, events, title="Rencontre du groupe Inclusion numérique",
        description="Retours du forum contributif et ateliers pratiques entre MD.",
        day=day, starts_at=time(9, 30), ends_at=time(16, 0),
        place="Médiathèque départementale de la Drôme", host_department_code="26",
        audience="md_staff", status="published", created_at=now(),
        registration_opens_at=now() - timedelta(days=1),
        registration_closes_at=datetime.combine(day - timedelta(days=7), time(18)),
        created_by=people["julien.faure"], group_id=None)
    ateliers = _programme(conn, event_id, [
        (time(9, 30), time(10, 0), "accueil", "Accueil", None),
        (time(10, 0), time(12, 0), "pleniere", "Retours d'expérience du forum", None),
        (time(12, 0), time(13, 30), "dejeuner", "Déjeuner", None),
        (time(13, 30), time(15, 30), "ateliers", "Ateliers au choix", None),
        (time(15, 30), time(16, 0), "conclusion", "Conclusion", None)],
        [("Diagnostic des besoins des publics", "26", "MD de la Drôme", "Salle 1", 12),
         ("Former les bénévoles à l'accueil numérique", "38", "MD de l'Isère", "Salle 2", 12)])
    invited = ["amandine.roux", "thomas.brun", "david.perrin", "aurelie.blanc", "karim.benali"]
    _register_members(conn, event_id, ateliers, [people[u] for u in invited], now())


def _forum(conn: sa.Connection, people: dict[str, Any]) -> None:
    themes = dict(
        conn.execute(sa.select(forum_themes.c.position, forum_themes.c.id)).tuples().all()
    )
    start = now() - timedelta(days=30)
    post_ids = []
    for index, (position, author, kind, title, body) in enumerate(data.FORUM_POSTS):
        at = start + timedelta(days=3 * index)
        post_ids.append(_insert(conn, forum_posts, theme_id=themes[position],
                                author_id=people[author], kind=kind, title=title, body=body,
                                search_text=search.document(title, body), created_at=at,
                                updated_at=at))
    for index, author, body in data.FORUM_REPLIES:
        parent = conn.execute(sa.select(forum_posts).where(forum_posts.c.id == post_ids[index])
                              ).one()
        at = parent.created_at + timedelta(days=1)
        _insert(conn, forum_posts, theme_id=parent.theme_id, parent_id=parent.id,
                author_id=people[author], kind="reponse", body=body,
                search_text=search.document(body), created_at=at, updated_at=at)


def _resources(conn: sa.Connection, groups: dict[str, Any], owner: int) -> None:
    start = now() - timedelta(days=60)
    for index, (title, kind, description, slug, code, year, url, tags) in enumerate(
            data.RESOURCES):
        at = start + timedelta(days=5 * index)
        conn.execute(resources.insert().values(
            title=title, kind=kind, description=description, group_id=groups.get(slug or ""),
            department_code=code, year=year, url=url, tags=tags, owner_id=owner,
            created_at=at, updated_at=at, licence="Tous droits réservés",
            public=kind in ("guide", "fiche_animation"),  # the rest: MD staff only
            search_text=search.document(title, description, tags)))
    for name, titles in data.COLLECTIONS.items():
        collection_id = _insert(conn, collections, name=name, created_by=owner,
                                created_at=start)
        conn.execute(resources.update().where(resources.c.title.in_(titles))
                     .values(collection_id=collection_id))


def _groups(conn: sa.Connection, people: dict[str, Any], groups: dict[str, Any]) -> None:
    """Members and coordinators of the three groups, a few annuaire profiles, a meeting."""
    for slug, (coordinators, members) in data.MEMBERSHIPS.items():
        for username in coordinators + members:
            conn.execute(group_members.insert().values(
                group_id=groups[slug], user_id=people[username], status="active",
                role="coordinator" if username in coordinators else "member",
                joined_at=now() - timedelta(days=90)))
    for username, (territory, expertise) in data.PROFILES.items():
        conn.execute(users.update().where(users.c.id == people[username])
                     .values(territory=territory, expertise=expertise))
    start = (now() + timedelta(days=12)).replace(hour=14, minute=0, second=0, microsecond=0)
    _insert(conn, group_meetings, group_id=groups["inclusion-numerique"],
            title="Point d'étape : feuille de route inclusion numérique", starts_at=start,
            ends_at=start + timedelta(hours=2), video_url="https://visio.demo.coopmd.fr/in",
            agenda="1. Retours du forum\n2. Propositions à retenir\n3. Prochaine journée",
            created_by=people["nathalie.reynaud"], created_at=now())



def _roadmap(conn: sa.Connection, people: dict[str, Any], groups: dict[str, Any]) -> None:
    """The inclusion numérique group's roadmap, from the forum's propositions."""
    themes = dict(conn.execute(sa.select(forum_themes.c.position, forum_themes.c.id))
                  .tuples().all())
    for position, title, owner, horizon, status, progress, sources in data.ROADMAP:
        person = people.get(owner)
        action_id = _insert(conn, roadmap_actions, group_id=groups["inclusion-numerique"],
                            theme_id=themes[position], title=title, horizon=horizon,
                            owner_id=person, owner_department=None if person else owner,
                            status=status, progress=progress, created_at=now(),
                            updated_at=now(), created_by=people["nathalie.reynaud"])
        conn.execute(roadmap_history.insert().values(
            action_id=action_id, user_id=people["nathalie.reynaud"], status=status,
            progress=progress, at=now()))
        for post_id in conn.execute(sa.select(forum_posts.c.id).where(
                forum_posts.c.title.in_(sources))).scalars():
            conn.execute(roadmap_action_posts.insert().values(action_id=action_id,
                                                              post_id=post_id))
            conn.execute(forum_posts.update().where(forum_posts.c.id == post_id).values(
                answer_state="integree", answer="Retenue par le groupe de travail : voir "
                "l'action de la feuille de route.", answered_at=now()))



def _kits(conn: sa.Connection, people: dict[str, Any]) -> None:
    """The MDs' kits, and a request, a coming loan, a late one and a returned one."""
    ids, buffers = {}, {}
    for md, title, kind, description, contents, units, buffer_days, validated in data.KITS:
        ids[title] = _insert(conn, kits, department_code=md, title=title, kind=kind,
                             description=description, units=units, buffer_days=buffer_days,
                             needs_approval=validated, audience="Tout public",
                             search_text=search.document(title, description, contents),
                             created_at=now(), updated_at=now())
        buffers[title] = buffer_days
        for position, line in enumerate(contents.splitlines()):
            number, _, item = line.partition(" ")
            conn.execute(kit_items.insert().values(kit_id=ids[title], item=item,
                                                   quantity=int(number), position=position))
    today = local_now().date()
    for title, who, library, commune, start, end, status in data.KIT_BOOKINGS:
        starts, ends = today + timedelta(days=start), today + timedelta(days=end)
        booking = _insert(conn, kit_bookings, kit_id=ids[title], requested_by=people[who],
                          library=library, commune=commune, library_department="42",
                          purpose="Animation numérique", starts_on=starts, ends_on=ends,
                          status=status, created_at=now(), updated_at=now(),
                          departed_at=now() - timedelta(days=-start) if start < 0 else None,
                          returned_at=now() if status == "rendue" else None,
                          return_condition="bon" if status == "rendue" else None)
        conn.execute(kit_holds.insert().values(booking_id=booking, kit_id=ids[title], unit=1,
                                               starts_on=starts, ends_on=ends + timedelta(
                                                   days=buffers[title])))


if __name__ == "__main__":
    engine = make_engine()
    upgrade(engine)
    with engine.begin() as connection:
        loaded = load(connection)
    print("Données de démonstration chargées." if loaded else "Déjà chargées : rien à faire.")
