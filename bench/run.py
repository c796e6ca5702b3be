"""Benchmark the practice list and page at several sizes, on SQLite and/or PostgreSQL.

    python -m bench.run --sizes 1000,10000,100000 --db sqlite
    python -m bench.run --sizes 1000,100000 --db postgres      # PostgreSQL on the local socket
    python -m bench.run --db both

Each (database, size) runs in its own process (bench.worker): it generates the synthetic practices
once (kept in var/bench-facets/ or the ph_facets_bench_<size> database; --regenerate starts over),
times every request through the full Django stack with the facet engine and then with the naive
baseline, and reports p50/p95. The table is printed; the JSON goes to bench/results/.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
TARGET_P95_MS = 150.0
TARGET_GROWTH = 4.0
TARGET_SPEEDUP = 10.0


def _run_worker(db: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [
            sys.executable,
            "-m",
            "bench.worker",
            "--db",
            db,
            "--size",
            str(size),
            "--repeat",
            str(args.repeat),
            "--baseline-repeat",
            str(args.baseline_repeat),
            "--budget",
            str(args.budget),
            "--out",
            str(out),
        ]
        if args.regenerate:
            command.append("--regenerate")
        if not args.baseline_warmup:
            command.append("--no-baseline-warmup")
        if args.baseline_requests:
            command += ["--baseline-requests", str(args.baseline_requests)]
        if args.baseline_cap:
            command += ["--baseline-cap", str(args.baseline_cap)]
        subprocess.run(command, check=True)  # noqa: S603 - our own module, fixed arguments
        return json.loads(out.read_text())


def table(results: list[dict[str, Any]]) -> str:
    header = (
        f"{'db':<9}{'size':>8}  {'request':<16}{'p50 ms':>9}{'p95 ms':>9}{'cpu p95':>9}{'load':>6}"
        f"{'naive p50':>11}{'naive p95':>11}{'speed-up':>10}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        for name, entry in r["scenarios"].items():
            engine, base = entry["engine"], entry.get("baseline")
            bound = ">=" if entry.get("baseline_capped") else ""
            naive = (
                f"{base['p50']:>11.1f}{base['p95']:>11.1f}{bound:>3}{entry['speedup_p95']:.0f}x"
                if base
                else ""
            )
            cpu = entry.get("engine_cpu", {}).get("p95", float("nan"))
            load = max(entry.get("load_average", [float("nan")]))
            lines.append(
                f"{r['db']:<9}{r['size']:>8}  {name:<16}{engine['p50']:>9.1f}{engine['p95']:>9.1f}"
                f"{cpu:>9.1f}{load:>6.1f}{naive}"
            )
            if "engine_without_snippets" in entry:
                bare = entry["engine_without_snippets"]
                lines.append(f"{'':<9}{'':>8}    {'no snippets':<14}{bare['p50']:>9.1f}{bare['p95']:>9.1f}")
        lines.append(
            f"{'':<9}{'':>8}  index build {r['index_build_seconds']:.2f} s, "
            f"{r['index_bytes'] / 1e6:.1f} MB serialised; freshness check p50 "
            f"{r['freshness_stamp_ms']['p50']:.2f} ms; engine alone (query + 3 facets) p95 "
            f"{r['engine_only_query_3_facets_ms']['p95']:.1f} ms"
        )
    return "\n".join(lines)


def verdicts(results: list[dict[str, Any]]) -> list[str]:
    found = []
    for db in sorted({r["db"] for r in results}):
        runs = sorted((r for r in results if r["db"] == db), key=lambda r: r["size"])
        largest, smallest = runs[-1], runs[0]
        hard = largest["scenarios"]["query_3_facets"]
        p95 = hard["engine"]["p95"]
        found.append(
            f"{db}: query + 3 facets p95 at {largest['size']} = {p95:.1f} ms "
            f"({'meets' if p95 <= TARGET_P95_MS else 'misses'} <= {TARGET_P95_MS:.0f} ms)"
        )
        if len(runs) > 1:
            for name in largest["scenarios"]:
                growth = (
                    largest["scenarios"][name]["engine"]["p95"] / smallest["scenarios"][name]["engine"]["p95"]
                )
                found.append(
                    f"{db}: {name} p95 {largest['size']} / {smallest['size']} = {growth:.1f}x "
                    f"({'meets' if growth <= TARGET_GROWTH else 'misses'} <= {TARGET_GROWTH:.0f}x)"
                )
        speedup = hard.get("speedup_p95", 0)
        found.append(
            f"{db}: query + 3 facets {speedup:.0f}x faster than the naive baseline at {largest['size']} "
            f"({'meets' if speedup >= TARGET_SPEEDUP else 'misses'} >= {TARGET_SPEEDUP:.0f}x)"
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=25, help="rounds over each scenario's requests")
    parser.add_argument(
        "--baseline-repeat", type=int, default=3, help="rounds for the naive baseline (0: none)"
    )
    parser.add_argument(
        "--no-baseline-warmup",
        dest="baseline_warmup",
        action="store_false",
        help="skip the baseline's warm-up request (two minutes per scenario at 100,000)",
    )
    parser.add_argument("--budget", type=float, default=180.0, help="max seconds per scenario and design")
    parser.add_argument(
        "--baseline-requests",
        type=int,
        default=0,
        help="time the baseline on the first N request variants of each scenario only (0: all four)",
    )
    parser.add_argument(
        "--baseline-cap",
        type=float,
        default=0.0,
        help="stop a naive request after this many seconds and count it as taking that long "
        "(the speed-up is then a lower bound; marked with >=)",
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the data again")
    parser.add_argument("--out", type=Path, help="JSON file (default: bench/results/<time>-<db>.json)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [_run_worker(db, size, args) for db in dbs for size in sizes]
    print(table(results))
    print()
    for line in verdicts(results):
        print(line)
    out = args.out or RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-{args.db}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nJSON: {out}")


if __name__ == "__main__":
    main()
