"""The index follows every save, publish, unpublish and related change, once the transaction commits."""

import pytest

from practicehub.catalogue.models import (
    SDG,
    Country,
    Organization,
    PracticeLink,
    PracticeStatus,
    PracticeTranslation,
)
from practicehub.catalogue.services import practice_set_status
from practicehub.search.models import SearchDocument
from practicehub.search.selectors import search_practices

from .search_helpers import make_practice

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return search_practices(query).ids


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed (on-commit callbacks executed)."""

    def run():  # type: ignore[no-untyped-def]
        return django_capture_on_commit_callbacks(execute=True)

    return run


def test_saving_through_the_service_indexes_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        practice = make_practice("Mobile clinics", summary="Care on the move.", index=False)
    assert found("clinics") == []  # nothing happens before commit
    for callback in callbacks:
        callback()
    assert found("clinics") == [practice.pk]


def test_one_reindex_per_transaction(committed, monkeypatch):
    from practicehub.search import services

    calls: list[set[int]] = []
    original = services.index_practices
    monkeypatch.setattr(
        services,
        "index_practices",
        lambda *, practice_ids: calls.append(set(practice_ids)) or original(practice_ids=practice_ids),
    )
    with committed():
        practice = make_practice(
            "Many values",
            summary="Text.",
            sdgs=[1, 2],
            countries=["KEN"],
            organizations=[("Org", "O")],
            index=False,
        )
    assert calls == [{practice.pk}]


def test_publish_and_unpublish(committed, editor):
    with committed():
        practice = make_practice(
            "Seasonal workers", summary="Visas.", status=PracticeStatus.APPROVED, index=False
        )
    assert found("seasonal") == []
    assert not SearchDocument.objects.exists()
    with committed():
        practice_set_status(actor=editor, practice=practice, status=PracticeStatus.PUBLISHED)
    assert found("seasonal") == [practice.pk]
    with committed():
        practice_set_status(actor=editor, practice=practice, status=PracticeStatus.ARCHIVED)
    assert found("seasonal") == []
    assert not SearchDocument.objects.exists()


def test_editing_a_field_replaces_the_old_text(committed):
    with committed():
        practice = make_practice("Old name", summary="Text.", index=False)
    with committed():
        practice.title = "Brand new name"
        practice.save()
    assert found("old") == []
    assert found("brand") == [practice.pk]


def test_many_to_many_changes_are_followed(committed):
    with committed():
        practice = make_practice("Labour mobility", summary="Text.", index=False)
    assert found("Kenya") == []
    with committed():
        practice.countries.add(Country.objects.get(iso3="KEN"))
    assert found("Kenya") == [practice.pk]
    with committed():
        Country.objects.get(iso3="KEN").practices.clear()
    assert found("Kenya") == []
    with committed():
        SDG.objects.get(number=13).practices.add(practice)
    assert found("climate") == [practice.pk]


def test_renaming_an_organization_or_a_vocabulary_value(committed):
    with committed():
        practice = make_practice(
            "Training", summary="Text.", organizations=[("Old Org Name", "")], index=False
        )
    with committed():
        org = Organization.objects.get(name="Old Org Name")
        org.name, org.acronym = "Renamed Foundation", "RFX"
        org.save()
    assert found("renamed") == [practice.pk]
    assert found("rfx") == [practice.pk]
    with committed():
        practice.sdgs.set([SDG.objects.get(number=4)])
    with committed():
        sdg = SDG.objects.get(number=4)
        sdg.short_name = "Learning for everyone"
        sdg.save()
    assert found("learning everyone") == [practice.pk]


def test_translations_and_links_are_followed(committed):
    with committed():
        practice = make_practice("Language classes", summary="Text.", index=False)
    with committed():
        PracticeTranslation.objects.create(practice=practice, language="es", summary="Clases de idioma.")
    assert found("idioma") == [practice.pk]
    with committed():
        PracticeLink.objects.create(practice=practice, title="Evaluation report", url="https://example.org/r")
    assert found("evaluation report") == [practice.pk]


def test_deleting_a_practice_removes_it(committed):
    with committed():
        practice = make_practice("Temporary", summary="Text.", index=False)
    pk = practice.pk
    with committed():
        practice.delete()
    assert found("temporary") == []
    assert not SearchDocument.objects.filter(pk=pk).exists()


def test_cached_results_never_outlive_the_index_state_they_came_from():
    from django.db import transaction

    first = make_practice("Cached harbour", summary="Text.")
    assert found("harbour") == [first.pk]
    with pytest.raises(RuntimeError), transaction.atomic():
        second = make_practice("Second harbour", summary="Text.")
        assert set(found("harbour")) == {first.pk, second.pk}
        raise RuntimeError("roll back")
    assert found("harbour") == [first.pk]


def test_a_flush_of_the_index_rows_empties_the_engine_tables():
    from practicehub.search.backends import get_backend
    from practicehub.search.query import parse
    from practicehub.search.services import index_sync_after_flush

    practice = make_practice("Flushed", summary="Text.")
    assert get_backend().search(parse("flushed")) == [practice.pk]
    SearchDocument.objects.all()._raw_delete(SearchDocument.objects.db)  # what a test flush does
    index_sync_after_flush()
    assert get_backend().search(parse("flushed")) == []


def test_engine_rows_go_with_their_index_entry_however_it_is_deleted():
    """A delete that bypasses the search services (a cascade, a flush that sends no signal, a
    restore tool) leaves nothing in the engine's own tables to be matched later."""
    from practicehub.search.backends import get_backend
    from practicehub.search.query import parse

    practice = make_practice("Lighthouse keepers", summary="Text.")
    assert get_backend().search(parse("lighthouse")) == [practice.pk]
    SearchDocument.objects.all()._raw_delete(SearchDocument.objects.db)  # no signal, no sync call
    assert get_backend().search(parse("lighthouse")) == []
