"""Time the "Similar practices" section on the benchmark's synthetic data (read only).

    python -m bench.similar --db sqlite --size 100000
    python -m bench.similar --db postgres --size 100000 --samples 40

Uses the data set that ``bench.run`` generated (it refuses to run without one, and never writes to
it). For random published practices it times:

- ``compute``: the list computed without the cache or any remembered word (the first view of a
  practice after a change, in a fresh process);
- ``uncached``: the same through ``similar_matches`` with the cache emptied before each practice, as
  the first view of each practice after a change is (words found common on earlier pages are
  remembered);
- ``cached``: the section's data with the list in the cache (ids read back, rows loaded as published);
- ``page`` and ``page_without``: the whole practice page through Django, with and without the
  section (the cache holding the list, as on every view but the first).

p50/p95 in milliseconds, printed as JSON.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

from .worker import DATA_DIR, _postgres_url


def _configure(db: str, size: int) -> None:
    marker = DATA_DIR / f"{db}-{size}.done"
    if not marker.exists():
        sys.exit(f"No complete {db} data set of {size} practices: run `python -m bench.run` first.")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if db == "sqlite":
        os.environ["PRACTICEHUB_VAR_DIR"] = str(DATA_DIR / f"sqlite-{size}")
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = _postgres_url(size)
    import django

    django.setup()


def _stats(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0]] * 99
    return {
        "n": len(ms),
        "p50": round(statistics.median(ms), 2),
        "p95": round(cuts[94], 2),
        "max": round(ms[-1], 2),
    }


def _time(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=30, help="random practices")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _configure(args.db, args.size)

    from django.core.cache import cache
    from django.test import Client

    from practicehub.catalogue.models import Practice, PracticeStatus
    from practicehub.search import similar
    from practicehub.search.facet_index import index_current
    from practicehub.search.similar import compute

    index = index_current()
    print(
        f"facet index ready ({len(index.all_ids)} practices, built in {index.build_seconds:.1f} s)",
        file=sys.stderr,
    )
    ids = sorted(index.all_ids)
    rng = random.Random(args.seed)
    sample = rng.sample(ids, min(args.samples, len(ids)))
    practices = list(
        Practice.objects.filter(pk__in=sample, status=PracticeStatus.PUBLISHED).select_related("scope_level")
    )

    first, uncached, cached, found, words = [], [], [], [], []
    for practice in practices:
        first.append(_time(lambda p=practice: similar.similar_compute(p, index_current())))
        state = compute.indexes_state(index_current())
        cache.delete(f"practicehub:similar:{compute.CACHE_FORMAT}:{state}:{practice.pk}")
        uncached.append(_time(lambda p=practice: similar.similar_matches(p)))
        matches = similar.similar_compute(practice, index_current())
        found.append(len(matches))
        words.append(sum(1 for m in matches if m.words))
        similar.similar_practices(practice)  # fills the cache
        cached.append(_time(lambda p=practice: similar.similar_practices(p)))

    client = Client()
    urls = [p.get_absolute_url() for p in practices]
    for url in urls:
        client.get(url)
    page = [_time(lambda u=url: client.get(u)) for _ in range(3) for url in urls]
    with mock.patch("practicehub.search.templatetags.similar_practices.find_similar", lambda practice: []):
        page_without = [_time(lambda u=url: client.get(u)) for _ in range(3) for url in urls]
    cache.clear()

    print(
        json.dumps(
            {
                "db": args.db,
                "size": args.size,
                "practices": len(practices),
                "similar_found_mean": round(statistics.mean(found), 2) if found else 0,
                "with_shared_words": sum(1 for w in words if w),
                "compute_ms": _stats(first),
                "uncached_ms": _stats(uncached),
                "cached_ms": _stats(cached),
                "page_ms": _stats(page),
                "page_without_ms": _stats(page_without),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
