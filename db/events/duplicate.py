"""Next year's day from this year's: « Dupliquer la journée » copies the day, its programme
and its ateliers (places and quotas included) to a new date, as a draft, with no
registration — the window of registration moves with the date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from db import audit
from db.engine import now
from db.errors import ValidationError
from db.events.days import Event, get_event
from db.roles import User, require_role
from db.schema import event_sessions, event_slots, events

SKIPPED = {"id", "day", "status", "cancel_message", "created_by", "created_at",
           "registration_opens_at", "registration_closes_at", "survey_sent_at"}


def _moved(moment: datetime | None, days: int) -> datetime | None:
    return None if moment is None else moment + timedelta(days=days)


def duplicate_event(conn: sa.Connection, *, actor: User, event_id: int,
                    day: date | None) -> Event:
    """A copy of the day on `day`; every slot and atelier is copied in one transaction."""
    require_role(actor, "organiser")
    source = get_event(conn, event_id=event_id, viewer=actor)
    if not isinstance(day, date):
        raise ValidationError({"day": "Choisissez la date de la nouvelle journée."})
    if day == source.day:
        raise ValidationError({"day": "Choisissez une autre date que celle de cette journée."})
    shift = day.toordinal() - source.day.toordinal()
    row = conn.execute(sa.select(events).where(events.c.id == event_id)).one()._mapping
    copy_id = conn.execute(events.insert().values(
        **{k: v for k, v in row.items() if k not in SKIPPED}, day=day, status="draft",
        registration_opens_at=_moved(source.registration_opens_at, shift),
        registration_closes_at=_moved(source.registration_closes_at, shift),
        created_by=actor.id, created_at=now()).returning(events.c.id)).scalar_one()
    slots = conn.execute(sa.select(event_slots).where(event_slots.c.event_id == event_id)
                         .order_by(event_slots.c.position, event_slots.c.id)).all()
    for slot in slots:
        values = {k: v for k, v in slot._mapping.items()  # a ranked slot starts over
                  if k not in ("id", "event_id", "allocated_at", "allocation_seed")}
        slot_id = conn.execute(event_slots.insert().values(event_id=copy_id, **values)
                               .returning(event_slots.c.id)).scalar_one()
        ateliers = [{k: v for k, v in a._mapping.items() if k not in ("id", "slot_id")}
                    for a in conn.execute(sa.select(event_sessions).where(
                        event_sessions.c.slot_id == slot.id).order_by(event_sessions.c.id))]
        if ateliers:
            conn.execute(event_sessions.insert(), [{**a, "slot_id": slot_id} for a in ateliers])
    audit.record(conn, actor_id=actor.id, action="duplicate", entity="event",
                 entity_id=copy_id, detail={"from": event_id})
    return get_event(conn, event_id=copy_id, viewer=actor)
