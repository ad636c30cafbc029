"""No double booking under real concurrency: 50 people book overlapping dates of one kit
at the same instant, each in its own thread and connection.

A control runs the same race through a naive path — check the free days in one
transaction, write in another, no lock, and on PostgreSQL the exclusion constraint
dropped — and must overlap: proof that this test can fail.
"""

from __future__ import annotations

import itertools
import time

import pytest
import sqlalchemy as sa

from db import kits
from db.engine import make_engine, run_in_transaction
from db.errors import DomainError
from db.kits import holds
from db.schema import kit_bookings, kit_holds
from tests.conftest import make_user
from tests.db.kits_fixtures import make_kit, request
from tests.db.test_registration_race import _race

PEOPLE = 50


@pytest.fixture
def wanted_kit(db_url, engine):
    """A one-unit malle (2 buffer days, automatic) and 50 librarians who want it."""
    with engine.begin() as conn:
        lender = make_user(conn, "ines.pret", "member", department_code="42")
        kit = make_kit(conn, lender, needs_approval=False)
        people = [make_user(conn, f"biblio{n:02d}", "member", department_code="43")
                  for n in range(PEOPLE)]
    racing = make_engine(db_url, pool_size=25, max_overflow=0, pool_timeout=120)
    yield racing, kit, people
    racing.dispose()


def _overlaps(engine) -> int:
    """Pairs of holds of one unit that share a day."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(kit_holds.c.kit_id, kit_holds.c.unit,
                                      kit_holds.c.starts_on, kit_holds.c.ends_on)).all()
    return sum(1 for a, b in itertools.combinations(rows, 2)
               if a.kit_id == b.kit_id and a.unit == b.unit
               and a.starts_on <= b.ends_on and b.starts_on <= a.ends_on)


def _ranges(index: int) -> tuple[int, int]:
    """Overlapping requests: each starts 1 to 10 days after the next, lasts 3 days."""
    start = 10 + index % 10
    return start, start + 2


def test_50_simultaneous_bookings_never_share_a_day(wanted_kit):
    engine, kit, people = wanted_kit

    def book(index: int) -> None:
        start, end = _ranges(index)
        run_in_transaction(engine, lambda conn: kits.book(
            conn, actor=people[index], kit_id=kit.id,
            data=request(start, end, library=f"Bibliothèque {index}")))

    errors = _race(PEOPLE, book)
    assert all(isinstance(e, DomainError) for e in errors), errors
    with engine.connect() as conn:
        taken = conn.execute(sa.select(sa.func.count()).select_from(kit_bookings)).scalar()
    assert taken >= 1 and taken + len(errors) == PEOPLE
    assert _overlaps(engine) == 0


def test_the_exclusion_constraint_refuses_an_overlap_even_without_the_lock(wanted_kit):
    engine, kit, people = wanted_kit
    if engine.dialect.name != "postgresql":
        pytest.skip("contrainte d'exclusion : PostgreSQL seulement (SQLite : verrou "
                    "d'écriture)")
    first = run_in_transaction(engine, lambda c: kits.book(
        c, actor=people[0], kit_id=kit.id, data=request(10, 12)))
    with pytest.raises(sa.exc.IntegrityError, match="kit_holds_no_overlap"), \
            engine.begin() as conn:
        conn.execute(kit_holds.insert().values(booking_id=first.id, kit_id=kit.id, unit=1,
                                               starts_on=request(13, 13).starts_on,
                                               ends_on=request(20, 20).starts_on))


def test_control_without_lock_nor_constraint_overlaps(wanted_kit):
    engine, kit, people = wanted_kit
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE kit_holds DROP CONSTRAINT kit_holds_no_overlap")

    def naive_book(index: int) -> None:
        start, end = _ranges(index)
        data = request(start, end, library=f"Bibliothèque {index}")
        with engine.connect() as conn:  # check, then write elsewhere: the usual mistake
            row = conn.execute(sa.select(sa.table("kits", sa.column("id"),
                                                  sa.column("units"),
                                                  sa.column("buffer_days")))
                               .where(sa.column("id") == kit.id)).one()
            free = holds.free_units(conn, row, data.starts_on, data.ends_on)
        if not free:
            return
        time.sleep(0.05)  # whatever runs between the check and the write: a page, a mail
        with engine.begin() as conn:
            booking = conn.execute(kit_bookings.insert().values(
                kit_id=kit.id, requested_by=people[index].id, library=data.library,
                commune="X", library_department="42", purpose="X", status="acceptee",
                starts_on=data.starts_on, ends_on=data.ends_on, created_at=sa.func.now(),
                updated_at=sa.func.now()).returning(kit_bookings.c.id)).scalar_one()
            first, last = holds.span(data.starts_on, data.ends_on, row.buffer_days)
            conn.execute(kit_holds.insert().values(booking_id=booking, kit_id=kit.id,
                                                   unit=free[0], starts_on=first,
                                                   ends_on=last))

    try:
        _race(PEOPLE, naive_book)
        assert _overlaps(engine) > 0
    finally:  # the PostgreSQL database is reused by the next tests: its constraint back
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(kit_holds.delete())
                conn.exec_driver_sql(
                    "ALTER TABLE kit_holds ADD CONSTRAINT kit_holds_no_overlap EXCLUDE USING "
                    "gist (kit_id WITH =, unit WITH =, "
                    "daterange(starts_on, ends_on, '[]') WITH &&)")
