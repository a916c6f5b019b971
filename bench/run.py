"""Benchmark the public pages on PostgreSQL behind gunicorn, with wrk on loopback.

    make bench                       # or: .venv/bin/python bench/run.py
    BENCH_SECONDS=10 BENCH_LOCATIONS=100000 BENCH_STUDIOS=2000 BENCH_GROWTH_LOCATIONS=10000
    BENCH_LOCATIONS=2000 BENCH_GROWTH_LOCATIONS=10000 BENCH_SECONDS=3 BENCH_REPEAT=0  # quick
    BENCH_STRICT=1 make bench        # exit 1 when a target fails (by default it only reports)

For each catalogue size (10,000 for the growth comparison, then 100,000) it creates or reuses a
database, generates the synthetic catalogue when it is absent (catalogue_db.py), counts each
page's queries (probe.py), starts one gunicorn per size and drives every page with wrk
(measure.py, servers.py): repeat visits, then first visits (a new URL and a new connection per
request, /healthz measured the same way). It checks the targets (targets.py), prints the tables,
writes bench/results/latest.md and .json and updates docs/performance.md (report.py). Traffic
goes to 127.0.0.1 only; every wait is bounded and gunicorn is always stopped.
"""

import datetime
import json
import os
import shutil

from catalogue_db import django_env, ensure_postgres, manage
from measure import bench_sizes
from options import (
    GROWTH_LOCATIONS,
    LOCATIONS,
    REPEAT,
    RESULTS,
    STRICT,
    STUDIOS,
    UPDATE_DOCS,
    command_line,
    database_name,
    log,
)
from report import markdown, update_docs, write_results
from targets import evaluate_first, evaluate_repeat


def main() -> int:
    """Run the benchmark; the exit status is 1 only with BENCH_STRICT=1 and a failed target."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()[0]
    ensure_postgres()
    manage(django_env(database_name(LOCATIONS)), "collectstatic", "--no-input", "-v", "0")
    sizes = [(database_name(LOCATIONS), LOCATIONS, STUDIOS)]
    if GROWTH_LOCATIONS:
        studios = max(1, STUDIOS * GROWTH_LOCATIONS // LOCATIONS)
        sizes.append((database_name(GROWTH_LOCATIONS), GROWTH_LOCATIONS, studios))
    # Smallest first: growth is always small → large, and the targets hold at the largest.
    sizes.sort(key=lambda size: size[1])
    fixed_port = int(os.environ.get("BENCH_PORT", "0"))
    *smaller, big = bench_sizes(sizes, repeat=REPEAT, fixed_port=fixed_port)
    small = smaller[0] if smaller else None
    # The raw figures first: a report that fails must not cost the run's minutes.
    (RESULTS / "raw.json").write_text(json.dumps([*smaller, big], indent=1, ensure_ascii=False))
    first_table, first_pass = evaluate_first(big, small)
    repeat_table, repeat_pass = evaluate_repeat(big) if REPEAT else ([], True)
    run = {
        "started": f"{started:%Y-%m-%d %H:%M %Z}",
        "load": (load_before, os.getloadavg()[0]),
        "small": small,
        "big": big,
        "first_table": first_table,
        "first_pass": first_pass,
        "repeat_table": repeat_table,
        "repeat_pass": repeat_pass,
    }
    text = markdown(run)
    command = command_line()
    write_results(run, text, command)
    print("\n" + text, flush=True)
    if UPDATE_DOCS:
        update_docs(text, command)
    if not (first_pass and repeat_pass):
        log("some targets failed" + ("" if STRICT else " (BENCH_STRICT=1 makes that exit 1)"))
        return 1 if STRICT else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
