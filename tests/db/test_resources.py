"""Resources over SQLite and PostgreSQL: permissions, files stored once, refusals that leave
nothing behind, versions, search and counts, links to fiches and days."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db import files, resources
from db.engine import run_in_transaction
from db.errors import PermissionDenied, ValidationError
from db.resources import browse as resource_browse
from db.schema import files as files_table
from db.schema import resources as resources_table
from tests.conftest import make_user
from tests.db import files_fixtures as sample

GUIDE = {"title": "Bibliothèques et handicaps", "kind": "guide", "year": 2010,
         "description": "Guide pratique pour l'accueil des publics **handicapés**.",
         "tags": "accessibilité, handicap", "licence": "Tous droits réservés",
         "department_code": "07"}


@pytest.fixture
def store(tmp_path) -> files.LocalStore:
    return files.LocalStore(tmp_path / "files")


def _stored(store: files.LocalStore) -> list:
    return [p for p in store.root.rglob("*") if p.is_file()]


def _add(conn, store, actor, data: bytes = sample.PDF, name: str = "guide.pdf", **values):
    return resources.create_resource(
        conn,
        store,
        actor=actor,
        upload=resources.Upload(name, data),
        data=resources.ResourceInput(**{**GUIDE, **values}),
    )


def test_members_add_owners_and_organisers_edit_others_cannot(conn, store, member,
                                                              contributor):
    with pytest.raises(PermissionDenied):
        _add(conn, store, contributor)
    resource_id = _add(conn, store, member)
    other = make_user(conn, "autre.membre", "member")
    with pytest.raises(PermissionDenied):
        resources.update_resource(
            conn, actor=other, resource_id=resource_id, data=resources.ResourceInput(**GUIDE)
        )
    with pytest.raises(PermissionDenied):
        resources.delete_resource(conn, store, actor=other, resource_id=resource_id)
    organiser = make_user(conn, "orga.ressources", "organiser")
    resources.update_resource(
        conn,
        actor=organiser,
        resource_id=resource_id,
        data=resources.ResourceInput(**{**GUIDE, "title": "Bibliothèques et handicaps (2010)"}),
    )
    found = resource_browse.get_resource(conn, resource_id=resource_id)
    assert (found.title, found.file_name, found.mime) == (
        "Bibliothèques et handicaps (2010)", "guide.pdf", "application/pdf")
    assert found.department_name == "Ardèche" and found.tag_list == ["accessibilité",
                                                                     "handicap"]
    resources.delete_resource(conn, store, actor=member, resource_id=resource_id)
    assert resource_browse.count_resources(conn) == 0
    actions = conn.execute(sa.text("SELECT action FROM audit_log WHERE entity = 'resource' "
                                   "ORDER BY id")).scalars().all()
    assert actions == ["create", "update", "delete"]


def test_the_same_file_is_stored_once_and_deleted_with_its_last_use(engine, store):
    with engine.begin() as conn:
        owner = make_user(conn, "proprio", "member")

    def add(title: str):
        return run_in_transaction(engine, lambda c: _add(c, store, owner, title=title))

    first, second = add("Guide"), add("Le même guide")
    with engine.connect() as conn:
        assert resource_browse.sharing_the_file(conn, resource_id=first) == [
            (second, "Le même guide")]
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(files_table)).scalar() == 1
    assert len(_stored(store)) == 1
    run_in_transaction(engine, lambda c: resources.delete_resource(c, store, actor=owner,
                                                          resource_id=first))
    assert len(_stored(store)) == 1  # still used by the second resource
    with engine.connect() as conn:
        data, name, _ = resources.download(conn, store, resource_id=second)
    assert (data, name) == (sample.PDF, "guide.pdf")
    run_in_transaction(engine, lambda c: resources.delete_resource(c, store, actor=owner,
                                                          resource_id=second))
    assert _stored(store) == []
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(files_table)).scalar() == 0


def test_a_failed_transaction_leaves_no_file_and_no_row(engine, store):
    with engine.begin() as conn:
        owner = make_user(conn, "proprio", "member")

    def add_then_fail(conn):
        _add(conn, store, owner)
        raise RuntimeError("la base a refusé la suite")

    with pytest.raises(RuntimeError):
        run_in_transaction(engine, add_then_fail)
    assert _stored(store) == []
    with engine.connect() as conn:
        assert resource_browse.count_resources(conn) == 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": "   "}, "title"),
    ({"title": "<script>x</script>"}, "title"),
    ({"description": "x" * 20_001}, "description"),
    ({"kind": "exe"}, "kind"),
    ({"licence": "Domaine privé"}, "licence"),
    ({"year": 1700}, "year"),
    ({"department_code": "999"}, "department_code"),
    ({"pitch_id": 999_999}, "pitch_id"),
])
def test_bad_fields_are_refused_before_anything_is_stored(conn, store, member, changes,
                                                           field):
    with pytest.raises(ValidationError) as caught:
        _add(conn, store, member, **changes)
    assert field in caught.value.errors
    assert _stored(store) == [] and resource_browse.count_resources(conn) == 0


@pytest.mark.parametrize(("url", "message"), [
    ("javascript:alert(1)", "http:// ou https://"),
    ("data:text/html,<b>x</b>", "http:// ou https://"),
    ("ftp://exemple.fr/guide.pdf", "http:// ou https://"),
    ("https://", "n'est pas une adresse web valide"),
    ("https://exemple fr/guide", "n'est pas une adresse web valide"),
])
def test_links_must_be_web_addresses(conn, store, member, url, message):
    with pytest.raises(ValidationError) as caught:
        resources.create_resource(
            conn, store, actor=member, data=resources.ResourceInput(**{**GUIDE, "url": url})
        )
    assert message in caught.value.errors["url"]


def test_a_file_or_a_link_not_both_nor_neither(conn, store, member):
    with pytest.raises(ValidationError) as caught:
        resources.create_resource(conn, store, actor=member, data=resources.ResourceInput(**GUIDE))
    assert "Joignez un fichier ou indiquez un lien" in caught.value.errors["file"]
    with pytest.raises(ValidationError) as caught:
        _add(conn, store, member, url="https://exemple.fr")
    assert "pas les deux" in caught.value.errors["url"]
    link = resources.create_resource(
        conn,
        store,
        actor=member,
        data=resources.ResourceInput(
            **{**GUIDE, "kind": "lien", "url": "https://exemple.fr/guide"}
        ),
    )
    assert resource_browse.get_resource(conn, resource_id=link).file_id is None


def test_a_renamed_program_is_refused(conn, store, member):
    with pytest.raises(ValidationError) as caught:
        _add(conn, store, member, data=sample.ELF, name="guide.pdf")
    assert "ne correspond pas" in caught.value.errors["file"]
    assert _stored(store) == []


def test_replacing_the_file_keeps_previous_versions(conn, store, member):
    resource_id = _add(conn, store, member)
    resources.replace_file(conn, store, actor=member, resource_id=resource_id,
                           upload=resources.Upload("guide-2024.xlsx", sample.xlsx()))
    with pytest.raises(ValidationError, match="déjà le fichier actuel"):
        resources.replace_file(conn, store, actor=member, resource_id=resource_id,
                               upload=resources.Upload("encore.xlsx", sample.xlsx()))
    found = resource_browse.get_resource(conn, resource_id=resource_id)
    assert found.file_name == "guide-2024.xlsx" and len(found.versions) == 1
    [old] = found.versions
    data, name, mime = resources.download(conn, store, resource_id=resource_id,
                                          version_id=old.id)
    assert (data, name, mime) == (sample.PDF, "guide.pdf", "application/pdf")
    resources.download(conn, store, resource_id=resource_id)
    assert resource_browse.get_resource(conn, resource_id=resource_id).downloads == 1


def test_search_filters_and_counts(conn, store, member):
    _add(conn, store, member, title="Diagnostic territorial des médiathèques",
         kind="methode", tags="diagnostic", year=2022)
    _add(conn, store, member, data=sample.PNG, name="affiche.png", kind="fiche_animation",
         title="Atelier tablettes", year=2021, tags="numérique")
    resources.create_resource(
        conn,
        store,
        actor=member,
        data=resources.ResourceInput(
            **{**GUIDE, "url": "https://exemple.fr/g", "kind": "lien", "title": "Lien utile"}
        ),
    )

    def titles(**filters) -> list[str]:
        chosen = resource_browse.Filters(**filters)
        found = resource_browse.list_resources(conn, filters=chosen)
        assert resource_browse.count_resources(conn, filters=chosen) == len(found)
        return [r.title for r in found]

    diagnostic = "Diagnostic territorial des médiathèques"
    assert titles(query="mediatheque diagnostics") == [diagnostic]
    assert titles(query="TABLETTE") == ["Atelier tablettes"]
    assert titles(kind="lien") == ["Lien utile"] and titles(year=2021) == ["Atelier tablettes"]
    assert titles(tag="numérique") == ["Atelier tablettes"]
    assert len(titles(sort="title")) == 3
    facets = resource_browse.facets(conn)
    assert facets["years"] == [2022, 2021, 2010] and "handicap" in facets["tags"]


def test_resources_attached_to_a_day_and_an_atelier(conn, store, member):
    from tests.db.events_fixtures import build_day

    organiser = make_user(conn, "orga.journee", "organiser")
    event_id, _, ateliers = build_day(conn, organiser)
    resource_id = _add(conn, store, member, event_id=event_id, atelier_id=ateliers[0])
    assert [r.id for r in resource_browse.attached(conn, event_id=event_id)] == [resource_id]
    assert resource_browse.get_resource(conn, resource_id=resource_id).atelier_title
    with pytest.raises(ValidationError) as caught:
        _add(conn, store, member, title="Autre", atelier_id=ateliers[0])
    assert "atelier_id" in caught.value.errors


def test_collections_are_for_organisers(conn, store, member):
    organiser = make_user(conn, "orga.collection", "organiser")
    with pytest.raises(PermissionDenied):
        resources.create_collection(conn, actor=member, name="Journée Ardèche 2021")
    collection = resources.create_collection(conn, actor=organiser,
                                             name="Journée Ardèche 2021")
    with pytest.raises(ValidationError):
        resources.create_collection(conn, actor=organiser, name="Journée Ardèche 2021")
    resource_id = _add(conn, store, member)
    resources.file_in_collection(conn, actor=organiser, resource_id=resource_id,
                                 collection_id=collection)
    chosen = resource_browse.Filters(collection_id=collection)
    assert [r.id for r in resource_browse.list_resources(conn, filters=chosen)] == [resource_id]
    assert conn.execute(sa.select(resources_table.c.collection_id)).scalar() == collection
