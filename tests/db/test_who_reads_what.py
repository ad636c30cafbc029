"""Who may read what (#15): a contributor (open sign-up: anyone on the internet) calling
the domain functions directly reads the forum, the roadmaps, the public resources and the
days open to everyone — never a fiche projet (unless an admin opened them, and then
without contact details), the directory, a members-only resource or a day for MD staff."""

from __future__ import annotations

import pytest

from db import events, files, global_search, pitches, resources
from db.errors import NotFound, PermissionDenied
from db.groups import directory
from db.pitches import browse as pitch_browse
from db.resources import browse as resource_browse
from tests.conftest import make_user
from tests.db import files_fixtures as sample
from tests.db.events_fixtures import build_day


@pytest.fixture
def store(tmp_path) -> files.LocalStore:
    return files.LocalStore(tmp_path / "files")


@pytest.fixture
def fiche(conn, member) -> int:
    return pitches.create_pitch(conn, actor=member, publish=True, data=pitches.FicheInput(
        title="Médiathèque mobile", summary="Un camion équipé.", contact_name="Jeanne Roux",
        contact_email="jeanne.roux@cd82.fr")).id


def _resource(conn, store, member, title: str, *, public: bool) -> int:
    return resources.create_resource(
        conn, store, actor=member, upload=resources.Upload("guide.pdf", sample.PDF),
        data=resources.ResourceInput(title=title, kind="guide", public=public))


def test_a_contributor_reads_no_fiche_until_an_admin_opens_them(conn, member, contributor,
                                                                admin, fiche):
    assert pitch_browse.list_pitches(conn, viewer=contributor) == ([], 0)
    with pytest.raises(NotFound):
        pitches.get_pitch(conn, pitch_id=fiche, viewer=contributor)
    assert pitch_browse.list_full_pitches(conn, viewer=contributor) == []
    assert global_search.everywhere(conn, viewer=contributor, query="camion")[0].total == 0
    with pytest.raises(PermissionDenied):
        pitches.set_open_to_contributors(conn, actor=member, opened=True)

    pitches.set_open_to_contributors(conn, actor=admin, opened=True)
    read = pitches.get_pitch(conn, pitch_id=fiche, viewer=contributor)
    assert read.title == "Médiathèque mobile"
    assert (read.contact_name, read.contact_email) == (None, None)
    [whole] = pitch_browse.list_full_pitches(conn, viewer=contributor)
    assert whole.contact_email is None
    staff = pitches.get_pitch(conn, pitch_id=fiche, viewer=member)
    assert staff.contact_email == "jeanne.roux@cd82.fr"  # MD staff keep the contact
    pitches.set_open_to_contributors(conn, actor=admin, opened=False)
    assert pitch_browse.list_pitches(conn, viewer=contributor)[1] == 0


def test_a_contributor_reads_public_resources_only(conn, store, member, contributor):
    shared = _resource(conn, store, member, "Guide public", public=True)
    staff_only = _resource(conn, store, member, "Guide interne", public=False)
    assert [r.id for r in resource_browse.list_resources(conn, viewer=contributor)] == [shared]
    assert resource_browse.count_resources(conn, viewer=contributor) == 1
    assert [r.id for r in resource_browse.list_latest_resources(conn, viewer=contributor)] \
        == [shared]
    with pytest.raises(NotFound):
        resource_browse.get_resource(conn, resource_id=staff_only, viewer=contributor)
    with pytest.raises(NotFound):
        resources.download(conn, store, resource_id=staff_only, viewer=contributor)
    data, _, _ = resources.download(conn, store, resource_id=shared, viewer=contributor)
    assert data == sample.PDF
    found = global_search.everywhere(conn, viewer=contributor, query="guide")
    assert [f.total for f in found if f.kind == "ressources"] == [1]
    assert resource_browse.count_resources(conn, viewer=member) == 2


def test_a_contributor_sees_only_the_days_open_to_everyone(conn, contributor, member):
    organiser = make_user(conn, "orga.jour", "organiser", department_code="42")
    staff_day, _, _ = build_day(conn, organiser)
    open_day, _, _ = build_day(conn, organiser, audience="everyone")
    assert [e.id for e in events.list_events(conn, viewer=contributor)] == [open_day]
    assert [e.id for e in events.list_upcoming(conn, viewer=contributor)] == [open_day]
    with pytest.raises(NotFound):
        events.get_event(conn, event_id=staff_day, viewer=contributor)
    assert {e.id for e in events.list_events(conn, viewer=member)} == {staff_day, open_day}


def test_the_directory_is_refused_to_a_contributor(conn, contributor, member):
    with pytest.raises(PermissionDenied):
        directory.list_people(conn, viewer=contributor)
    with pytest.raises(PermissionDenied):
        directory.by_department(conn, viewer=contributor)
    assert [p.name for p in directory.list_people(conn, viewer=member)]
