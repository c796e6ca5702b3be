"""One benchmark run: one database engine, one size. Started by bench.run in its own process.

python -m bench.worker --db sqlite --size 1000 --out result.json
"""

import argparse
import json
import os
import pickle
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "var" / "bench-facets"
POSTGRES_URL = "postgres:///ph_facets_bench_{size}?host=/var/run/postgresql"

# The requests timed, a few variants of each so that no single cache line decides the figure.
LIST = ["/practices/", "/practices/?page=5", "/practices/?sort=title", "/practices/?sort=oldest&page=2"]
QUERY = [
    "/practices/?q=diaspora",
    "/practices/?q=integration",
    "/practices/?q=remittances",
    "/practices/?q=women",
]
QUERY_3_FACETS = [
    "/practices/?q=diaspora&objective=19&region=asia&ongoing=yes",
    "/practices/?q=integration&objective=16&scope=national&language=en",
    "/practices/?q=women&sdg=5&org_type=civil-society-ngo&start_from=2015",
    "/practices/?q=remittances&objective=20&subregion=south-eastern-asia&type=project-programme",
]


def _postgres_url(size: int) -> str:
    return os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL).format(size=size)


def _postgres_recreate(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.split("///", 1)[1].split("?", 1)[0]
    with psycopg.connect("dbname=postgres host=/var/run/postgresql", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def configure(db: str, size: int, *, regenerate: bool) -> Path:
    """Point Django at this run's database; wipe it when it does not hold a complete data set."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    marker = DATA_DIR / f"{db}-{size}.done"
    fresh = regenerate or not marker.exists()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if db == "sqlite":
        folder = DATA_DIR / f"sqlite-{size}"
        if fresh and folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["PRACTICEHUB_VAR_DIR"] = str(folder)
        os.environ.pop("DATABASE_URL", None)
    else:
        url = _postgres_url(size)
        if fresh:
            _postgres_recreate(url)
        os.environ["DATABASE_URL"] = url
    if fresh:
        marker.unlink(missing_ok=True)
    import django

    django.setup()
    return marker


def ensure_data(size: int, marker: Path, log: Callable[[str], None]) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from practicehub.search.services import rebuild_index

    from .generate import populate

    call_command("migrate", verbosity=0)
    if marker.exists():
        return json.loads(marker.read_text())
    log(f"Generating {size} published practices ...")
    info = populate(size, log=log)
    log("Indexing the text for search ...")
    started = time.perf_counter()
    rebuild_index()
    info["search_index_seconds"] = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    marker.write_text(json.dumps(info))
    return info


def _stats(samples: list[float]) -> dict[str, Any]:
    ms = sorted(s * 1000 for s in samples)
    if len(ms) == 1:
        return {"n": 1, "p50": ms[0], "p95": ms[0], "max": ms[0]}
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {"n": len(ms), "p50": statistics.median(ms), "p95": cuts[94], "max": ms[-1]}


def _measure(get: Callable[[str], float], urls: list[str], rounds: int, budget: float) -> list[float]:
    samples: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for url in urls:
            samples.append(get(url))
        if time.perf_counter() - started > budget:
            break
    return samples


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    def log(message: str) -> None:
        print(f"[{args.db} {args.size}] {message}", file=sys.stderr, flush=True)

    marker = configure(args.db, args.size, regenerate=args.regenerate)
    data = ensure_data(args.size, marker, log)

    from django.db import connection
    from django.test import Client

    from practicehub.catalogue.models import Practice, PracticeStatus
    from practicehub.search import facet_index
    from practicehub.search.counts import facet_search
    from practicehub.search.params import parse

    from . import baseline
    from .baseline import baseline_search

    client = Client()
    cpu: list[float] = []

    def get(url: str) -> float:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        cpu.append(time.process_time() - started_cpu)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return elapsed

    result: dict[str, Any] = {
        "db": args.db,
        "size": args.size,
        "vendor": connection.vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "data": data,
    }
    log("Building the facet index ...")
    index = facet_index.index_build("bench")
    result["index_build_seconds"] = index.build_seconds
    result["index_bytes"] = len(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    result["first_request_seconds"] = get("/practices/")  # builds and caches the index
    stamp = [_time(facet_index.freshness_stamp) for _ in range(50)]
    result["freshness_stamp_ms"] = _stats(stamp)

    rng_slugs = list(
        Practice.objects.filter(status=PracticeStatus.PUBLISHED)
        .order_by("?")
        .values_list("slug", flat=True)[:4]
    )
    scenarios = {
        "list": LIST,
        "query": QUERY,
        "query_3_facets": QUERY_3_FACETS,
        "detail": [f"/practices/{slug}/" for slug in rng_slugs],
    }
    result["requests"] = scenarios
    result["scenarios"] = {}
    for name, urls in scenarios.items():
        for url in urls:  # warm-up
            get(url)
            get(url)
        log(f"Timing {name} ...")
        load_before = os.getloadavg()[0]
        cpu.clear()
        engine = _stats(_measure(get, urls, args.repeat, args.budget))
        # CPU time of this process (with SQLite, the database's work too): what the request costs
        # when the machine is shared, where wall time also counts waiting for a core.
        entry: dict[str, Any] = {"engine": engine, "engine_cpu": _stats(cpu)}
        if name.startswith("query"):
            # The share of the search app's highlighted snippets: the same requests without them.
            with mock.patch("practicehub.search.selectors.snippets", lambda ids, query: {}):
                entry["engine_without_snippets"] = _stats(_measure(get, urls, args.repeat, args.budget))
        entry["load_average"] = [load_before, os.getloadavg()[0]]
        if name != "detail" and args.baseline_repeat > 0:  # the practice page has no facets
            log(f"Timing {name} with the naive baseline ...")
            capped: list[str] = []

            def get_capped(url: str, capped: list[str] = capped) -> float:
                """A naive request; one running past --baseline-cap counts as taking the cap."""
                if not args.baseline_cap:
                    return get(url)
                baseline.DEADLINE = time.perf_counter() + args.baseline_cap
                try:
                    return get(url)
                except baseline.BaselineTimeout:
                    capped.append(url)
                    return float(args.baseline_cap)
                finally:
                    baseline.DEADLINE = None

            with mock.patch("practicehub.search.listing.facet_search", baseline_search):
                if args.baseline_warmup:
                    get_capped(urls[0])
                base_urls = urls[: args.baseline_requests] if args.baseline_requests else urls
                base = _stats(_measure(get_capped, base_urls, args.baseline_repeat, args.budget))
            if capped:
                # Stopped at the cap: the baseline's figures and the speed-ups are lower bounds.
                entry["baseline_capped"] = capped
            entry["baseline"] = base
            entry["baseline_load_average"] = os.getloadavg()[0]
            entry["speedup_p95"] = base["p95"] / engine["p95"]
            entry["speedup_p50"] = base["p50"] / engine["p50"]
        result["scenarios"][name] = entry

    # The engine alone (no page rendering), for the hardest request.
    selections = [parse(_query_dict(url)) for url in QUERY_3_FACETS]
    engine_only = [_time(lambda s=s: facet_search(s)) for _ in range(args.repeat) for s in selections]
    result["engine_only_query_3_facets_ms"] = _stats(engine_only)
    return result


def _query_dict(url: str) -> Any:
    from django.http import QueryDict

    return QueryDict(url.split("?", 1)[1] if "?" in url else "")


def _time(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _server_version(connection: Any) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        return str(cursor.fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=25, help="rounds over each scenario's requests")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="0: no baseline")
    parser.add_argument("--no-baseline-warmup", dest="baseline_warmup", action="store_false")
    parser.add_argument("--baseline-requests", type=int, default=0, help="time only the first N (0: all)")
    parser.add_argument("--baseline-cap", type=float, default=0.0, help="stop a naive request after S s")
    parser.add_argument("--budget", type=float, default=180.0, help="seconds per scenario before stopping")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.write_text(json.dumps(benchmark(args), indent=2, default=str))


if __name__ == "__main__":
    main()
