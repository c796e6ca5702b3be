"""The facet index follows every change that affects a published practice, across processes."""

import copy
import threading
import time
from unittest import mock

import pytest
from django.core.cache import cache

from practicehub.catalogue.models import (
    Country,
    OrganizationType,
    Practice,
    PracticeStatus,
    PracticeType,
)
from practicehub.catalogue.services import practice_set_status
from practicehub.search import facet_index
from practicehub.search.counts import facet_search
from practicehub.search.facet_index import index_current, index_version
from practicehub.search.params import Selection
from tests.factories import OrganizationFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def count_of(facet: str, key: str, selection: Selection | None = None) -> int:
    result = facet_search(selection or Selection(), text_search=lambda q: mock.Mock(ids=[]))
    return next((v.count for v in result.facets_by_name[facet].values if v.key == key), 0)


def total(selection: Selection | None = None) -> int:
    return facet_search(selection or Selection(), text_search=lambda q: mock.Mock(ids=[])).total


def test_publishing_and_unpublishing_change_results_and_counts(editor) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory(status=PracticeStatus.DRAFT, country_codes=["KEN"])
    PracticeFactory(country_codes=["KEN"])
    assert count_of("country", "KEN") == 1
    assert total() == 1

    practice_set_status(actor=editor, practice=practice, status=PracticeStatus.PUBLISHED)
    assert count_of("country", "KEN") == 2
    assert practice.pk in facet_search(Selection()).ids

    practice_set_status(actor=editor, practice=practice, status=PracticeStatus.ARCHIVED)
    assert count_of("country", "KEN") == 1
    assert practice.pk not in facet_search(Selection()).ids


def test_a_relation_changed_alone_is_seen_once_committed(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory(country_codes=["KEN"])
    assert count_of("country", "AZE") == 0
    before = index_version()
    with django_capture_on_commit_callbacks(execute=True):
        practice.countries.add(Country.objects.get(iso3="AZE"))
    assert index_version() > before
    assert count_of("country", "AZE") == 1
    assert count_of("region", "asia") == 1  # via the country


def test_saving_a_draft_does_not_invalidate(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    draft = PracticeFactory(status=PracticeStatus.DRAFT)
    before = index_version()
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "Still a draft"
        draft.save()
    assert index_version() == before


def test_an_organization_change_reaches_the_counts() -> None:
    organization = OrganizationFactory()
    PracticeFactory(main_implementer=organization)
    assert count_of("org_type", "civil-society-ngo") == 0
    organization.org_type = OrganizationType.objects.get(key="civil-society-ngo")
    organization.save()
    assert count_of("org_type", "civil-society-ngo") == 1


def test_a_renamed_vocabulary_value_shows_its_new_label(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory()
    practice_type = practice.practice_type
    index_current()
    with django_capture_on_commit_callbacks(execute=True):
        practice_type.name = "Renamed type"
        practice_type.save()
    labels = {v.key: v.label for v in facet_search(Selection()).facets_by_name["type"].values}
    assert labels[practice_type.key] == "Renamed type"


def test_bulk_inserted_practices_are_seen_without_any_signal() -> None:
    PracticeFactory()
    assert total() == 1
    Practice.objects.bulk_create(
        [Practice(title=f"Bulk {n}", slug=f"bulk-{n}", status=PracticeStatus.PUBLISHED) for n in range(3)]
    )
    assert total() == 4


def test_another_process_reuses_the_index_from_the_shared_cache() -> None:
    PracticeFactory()
    built = index_current()
    facet_index._local.forget()  # a second process: nothing in memory, same cache
    with mock.patch.object(facet_index, "index_build", side_effect=AssertionError("rebuilt")):
        loaded = index_current()
    assert loaded is not built
    assert loaded.key == built.key and loaded.all_ids == built.all_ids
    assert loaded.labels["type"] == built.labels["type"]

    cache.incr(facet_index.VERSION_KEY)  # a change committed by another process
    with mock.patch.object(facet_index, "index_build", wraps=facet_index.index_build) as build:
        index_current()
    assert build.call_count == 1


def test_while_another_process_builds_the_current_index_is_served() -> None:
    PracticeFactory()
    served = index_current()
    cache.add(facet_index.LOCK_KEY, "someone else", timeout=60)
    try:
        PracticeFactory()
        with mock.patch.object(facet_index, "index_build", side_effect=AssertionError("rebuilt")):
            assert index_current() is served
    finally:
        cache.delete(facet_index.LOCK_KEY)
    assert len(index_current().all_ids) == 2


def test_an_unreadable_cache_entry_is_rebuilt() -> None:
    PracticeFactory()
    key = index_current().key
    cache.set(key, b"not a pickle")
    facet_index._local.forget()
    assert len(index_current().all_ids) == 1


def test_unknown_values_are_dropped_and_subregions_linked_as_regions_are_understood() -> None:
    PracticeFactory(country_codes=["AZE"])
    PracticeFactory(country_codes=["KEN"])
    result = facet_search(Selection().with_filters({"region": ["western-asia"], "country": ["ZZZ"]}))
    assert result.selection.filters == {"subregion": ("western-asia",)}
    assert result.total == 1
    assert PracticeType.objects.exists()


def test_a_slow_index_is_rebuilt_in_the_background_while_the_old_one_answers() -> None:
    PracticeFactory()
    old = index_current()
    old.build_seconds = 30.0  # as if building took long (a very large catalogue)
    PracticeFactory()
    started = threading.Event()
    release = threading.Event()
    real_key: list[str] = []

    def slow_build(key: str) -> facet_index.FacetIndex:
        started.set()
        release.wait(10)
        real_key.append(key)
        fresh = copy.copy(old)
        fresh.key = key
        return fresh

    with mock.patch.object(facet_index, "index_build", side_effect=slow_build):
        assert index_current() is old  # answered at once with the previous index
        assert started.wait(10)
        assert index_current() is old  # still building: no second build
        release.set()
        for _ in range(100):
            if not facet_index._local.building:
                break
            time.sleep(0.05)
    try:
        assert index_current().key == real_key[0] != old.key
    finally:
        facet_index._local.forget()  # the next test must not inherit a "slow" index


def _wait_for_background_build() -> None:
    for _ in range(200):
        if not facet_index._local.building:
            return
        time.sleep(0.05)
    raise AssertionError("the background build did not finish")


@pytest.mark.parametrize("how", ["archived", "deleted"])
def test_while_a_slow_index_is_rebuilt_a_practice_taken_down_is_never_counted(editor, how) -> None:  # type: ignore[no-untyped-def]
    kept = PracticeFactory(title="Kept", country_codes=["KEN"])
    leaving = PracticeFactory(title="Leaving", country_codes=["KEN"])
    old = index_current()
    old.build_seconds = 30.0  # as if building took long (a very large catalogue)
    started, release = threading.Event(), threading.Event()

    def slow_build(key: str) -> facet_index.FacetIndex:
        started.set()
        release.wait(10)
        raise RuntimeError("stopped: the test only looks at the time of the build")

    try:
        with mock.patch.object(facet_index, "index_build", side_effect=slow_build):
            if how == "archived":
                practice_set_status(actor=editor, practice=leaving, status=PracticeStatus.ARCHIVED)
            else:
                leaving.delete()
            assert count_of("country", "KEN") == 1
            assert total() == 1
            assert started.wait(10)  # the new index is still being built ...
            assert facet_index._local.index is old  # ... and the previous one answers
            for sort in ("", "title", "oldest"):
                found = facet_search(Selection(sort=sort), text_search=lambda q: mock.Mock(ids=[]))
                assert list(found.ids) == [kept.pk]
            by_country = facet_search(Selection().with_filters({"country": ["KEN"]}))
            assert list(by_country.ids) == [kept.pk]
            assert count_of("type", kept.practice_type.key) == 1
            release.set()
            _wait_for_background_build()
    finally:
        release.set()
        facet_index._local.forget()


def test_while_another_process_builds_a_practice_taken_down_is_never_counted(editor) -> None:  # type: ignore[no-untyped-def]
    kept = PracticeFactory(country_codes=["KEN"])
    leaving = PracticeFactory(country_codes=["KEN"])
    served = index_current()
    cache.add(facet_index.LOCK_KEY, "someone else", timeout=60)
    try:
        practice_set_status(actor=editor, practice=leaving, status=PracticeStatus.DRAFT)
        with mock.patch.object(facet_index, "index_build", side_effect=AssertionError("rebuilt")):
            assert count_of("country", "KEN") == 1
            assert list(facet_search(Selection()).ids) == [kept.pk]
            answered = index_current()
            assert answered.key == served.key and leaving.pk not in answered.all_ids
            assert index_current() is answered  # worked out once per state of the database
    finally:
        cache.delete(facet_index.LOCK_KEY)
    assert count_of("country", "KEN") == 1  # and the rebuilt index agrees
