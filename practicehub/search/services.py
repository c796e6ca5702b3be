"""Writes to the search index. The index holds published practices only.

``index_practices`` reads the practices' current state: published ones are (re)indexed, any other
id is removed. The signal handlers call it after commit; ``rebuild_index`` starts over.
"""

import uuid
from collections.abc import Callable, Iterable

from django.db import transaction

from practicehub.catalogue.models import Practice

from .backends import get_backend
from .index import build_document, practices_for_index
from .models import SearchDocument, SearchIndexState

REBUILD_BATCH_SIZE = 500


def _touch() -> None:
    """Give the index a new state token, in the transaction of the write."""
    token = uuid.uuid4().hex
    if not SearchIndexState.objects.filter(pk=1).update(token=token):
        SearchIndexState.objects.create(pk=1, token=token)


def _store(practices: Iterable[Practice]) -> int:
    documents = [build_document(practice) for practice in practices]
    if not documents:
        return 0
    SearchDocument.objects.bulk_create(
        [SearchDocument(practice_id=d.practice_id, language=d.language) for d in documents],
        update_conflicts=True,
        unique_fields=["practice"],
        update_fields=["language", "indexed_at"],
    )
    get_backend().upsert(documents)
    return len(documents)


def index_remove(*, practice_ids: Iterable[int]) -> None:
    """Take practices out of the index (ids not in it are ignored)."""
    ids = sorted({int(pk) for pk in practice_ids})
    if not ids:
        return
    with transaction.atomic():
        get_backend().delete(ids)
        SearchDocument.objects.filter(practice_id__in=ids).delete()
        _touch()


def index_practices(*, practice_ids: Iterable[int]) -> None:
    """Bring these practices' index entries up to date with the database."""
    ids = {int(pk) for pk in practice_ids}
    if not ids:
        return
    with transaction.atomic():
        practices = list(practices_for_index().filter(pk__in=ids))
        index_remove(practice_ids=ids - {p.pk for p in practices})
        _store(practices)
        _touch()


def index_practice(practice_id: int) -> None:
    """Index one practice if it is published, remove it otherwise."""
    index_practices(practice_ids=[practice_id])


def rebuild_index(
    *, progress: Callable[[int, int], None] | None = None, batch_size: int = REBUILD_BATCH_SIZE
) -> int:
    """Empty the index and index every published practice, in one transaction.

    ``progress(done, total)`` is called after each batch. Readers keep seeing the old index until the
    rebuild commits. Returns the number of practices indexed."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchDocument.objects.all().delete()
        practices = practices_for_index()
        total = practices.count()
        if progress:
            progress(0, total)
        done, last_pk = 0, 0
        while True:
            batch = list(practices.filter(pk__gt=last_pk)[:batch_size])
            if not batch:
                break
            done += _store(batch)
            last_pk = batch[-1].pk
            if progress:
                progress(done, max(total, done))
        backend.optimize()
        _touch()
    return done


def index_sync_after_flush() -> None:
    """Empty the engine's own tables when the index rows are gone (a test flush truncates only
    Django's tables; the FTS5 tables are not models)."""
    if not SearchDocument.objects.exists():
        get_backend().clear()
