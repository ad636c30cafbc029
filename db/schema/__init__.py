"""SQLAlchemy Core schema of the whole model (DESIGN.md).

Migrations must produce exactly this: `tests/db/test_migrations.py` compares a migrated
database with `metadata`.
"""

from db.schema._base import metadata
from db.schema.content import *
from db.schema.kits import *
from db.schema.people import *
from db.schema.roadmaps import *

__all__ = ["metadata"]
