from io import StringIO

import pytest
from django.core.management import call_command

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.search.models import SearchDocument
from practicehub.search.selectors import search_practices
from practicehub.search.services import rebuild_index

from .search_helpers import make_practice

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_exactly_the_published_practices():
    published = [make_practice(f"Published {n}", summary="Harbour pilots.", index=False) for n in range(3)]
    draft = make_practice("Draft", summary="Harbour pilots.", status=PracticeStatus.DRAFT, index=False)
    # A stale entry: published once, then unpublished by a bulk update that sent no signal.
    stale = make_practice("Stale", summary="Harbour pilots.")
    Practice.objects.filter(pk=stale.pk).update(status=PracticeStatus.ARCHIVED)
    assert search_practices("harbour").ids == [stale.pk]

    seen: list[tuple[int, int]] = []
    count = rebuild_index(progress=lambda done, total: seen.append((done, total)), batch_size=2)

    assert count == 3
    assert seen == [(0, 3), (2, 3), (3, 3)]
    expected = sorted(p.pk for p in published)
    assert sorted(search_practices("harbour").ids) == expected
    assert sorted(SearchDocument.objects.values_list("pk", flat=True)) == expected
    assert draft.pk not in search_practices("draft").ids


def test_command_draws_a_progress_bar_and_reports():
    make_practice("Indexed by the command", summary="Text.", index=False)
    out, err = StringIO(), StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "Indexed 1 published practices." in out.getvalue()
    assert "Indexing practices" in err.getvalue()
    assert "100%" in err.getvalue()
    assert len(search_practices("command").ids) == 1


def test_command_can_run_quietly():
    out, err = StringIO(), StringIO()
    call_command("rebuild_search_index", "--no-progress", stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "Indexed 0 published practices." in out.getvalue()
