"""Downloads are written a chunk of practices at a time: a long list is never held in memory."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practicehub.catalogue.models import Practice
from practicehub.opendata import records
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Chunks of 4 practices; records how many practices each read from the database held."""
    monkeypatch.setattr(records, "CHUNK_SIZE", 4)
    held: list[int] = []
    original = records.published_in_order

    def spy(ids):  # type: ignore[no-untyped-def]
        found = original(ids)
        held.append(len(found))
        return found

    monkeypatch.setattr(records, "published_in_order", spy)
    return held


@pytest.mark.parametrize("kind", ["csv", "json", "xlsx"])
def test_a_download_reads_practices_a_chunk_at_a_time(client, small_chunks: list[int], kind: str) -> None:  # type: ignore[no-untyped-def]
    for n in range(10):
        PracticeFactory(title=f"Practice {n:02d}")
    response = client.get(f"/exports/practices.{kind}?sort=title")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert small_chunks == [4, 4, 2]


def test_a_streamed_download_reads_the_database_only_as_it_is_sent(client, small_chunks: list[int]) -> None:  # type: ignore[no-untyped-def]
    for n in range(12):
        PracticeFactory(title=f"Practice {n:02d}")
    response = client.get("/exports/practices.csv")
    stream = iter(response.streaming_content)
    header = next(stream)
    assert header.startswith(b"\xef\xbb\xbfid,url,title")
    assert small_chunks == []  # nothing read yet beyond the ordered ids
    next(stream)
    assert small_chunks == [4]
    with CaptureQueriesContext(connection) as queries:
        rest = list(stream)
    assert len(rest) == 11 and small_chunks == [4, 4, 4]
    # A fixed number of queries per chunk (the practices, then one per related list), not per practice.
    four = list(Practice.objects.values_list("pk", flat=True)[:4])
    with CaptureQueriesContext(connection) as one_chunk:
        records.published_in_order(four)
    assert len(queries) == 2 * len(one_chunk) < 2 * 12
