"""The measuring sequence: one gunicorn per catalogue size, all running at once, and every page
driven on each size back to back, so a change in the shared machine's other load hits the
sizes alike instead of skewing the growth figures."""

import json
import secrets
from urllib.parse import quote

from catalogue_db import prepare
from options import HALF_SECONDS, HOST, PYTHON, RESULTS, log, run
from servers import free_port, single_request, start_gunicorn, stop_gunicorn, wait_healthy, wrk
from targets import LABELS

# Every page of the report in its order (the probe's URLs decide which are driven).
REPEAT_PAGES = [name for name in LABELS if name != "healthz"]


def bench_sizes(sizes: list[tuple[str, int, int]], *, repeat: bool, fixed_port: int = 0):
    """Benchmark each (database, locations, studios): repeat visits (when `repeat`), then
    first visits. Returns one dict a size, smallest first, with the probe and the figures."""
    runs = []
    for database, locations, studios in sizes:
        env = prepare(database, locations, studios)
        probe = json.loads(run([PYTHON, "bench/probe.py"], env=env, timeout=300, capture=True))
        runs.append({"database": database, "env": env, "probe": probe, "rows": {}, "first": {}})
    procs = []
    with open(RESULTS / "gunicorn.log", "a") as logfile:
        try:
            for i, r in enumerate(runs):
                port = fixed_port + i if fixed_port else free_port()
                r["base"] = f"http://{HOST}:{port}"
            if repeat:
                procs = _start(runs, logfile)
                repeat_visits(runs)
                _stop(procs)
            # Made-up parameters no longer miss the visitors' cache (its keys are the canonical
            # query, issue 18): first visits run on servers that share no page body at all,
            # while what is shared per catalogue version (filter options, cards) stays cached.
            procs = _start(runs, logfile, VISITOR_CACHE="off")
            first_visits(runs)
        finally:
            _stop(procs)
    for r in runs:
        del r["env"]  # holds the generated secret key; not for the results file
    return runs


def _start(runs: list[dict], logfile, **extra_env) -> list:
    """One gunicorn per size on its port (`r["base"]`), with `extra_env`; healthy before use."""
    procs = []
    try:
        for r in runs:
            port = int(r["base"].rsplit(":", 1)[1])
            procs.append(start_gunicorn({**r["env"], **extra_env}, port, logfile))
            wait_healthy(r["base"], procs[-1])
    except BaseException:
        _stop(procs)
        raise
    return procs


def _stop(procs: list) -> None:
    for proc in procs:
        stop_gunicorn(proc)
    procs.clear()


def _url(r: dict, name: str) -> str | None:
    path = r["probe"]["urls"].get(name)
    return r["base"] + quote(path, safe="/?=&%:,") if path else None


def repeat_visits(runs: list[dict]) -> None:
    """The same URL again and again (what the visitors' cache serves), kept-alive figures
    of issue 6. /healthz runs first and last: their mean is the yardstick."""
    names = [n for n in REPEAT_PAGES if n in runs[-1]["probe"]["urls"]]
    for key, name in [
        ("healthz", "healthz"),
        *((n, n) for n in names),
        ("healthz_last", "healthz"),
    ]:
        for r in runs:
            url = _url(r, name)
            if not url:
                continue
            log(f"{r['probe']['locations']}: {name} (repeat visits)")
            # The first GeoJSON request of a server builds the body: time it cold.
            single = single_request(url) if name == "geojson" else None
            r["rows"][key] = wrk(url)
            if single:
                r["rows"][key]["single"] = single
    for r in runs:
        r["rows"]["healthz"] = _healthz_mean(
            r["rows"].get("healthz"), r["rows"].pop("healthz_last")
        )


def first_visits(runs: list[dict]) -> None:
    """Every request a URL nobody asked for before, on a connection of its own
    (bench/uncached.lua), /healthz measured the same way first and last.

    Each page runs in halves, small-big-big-small, and each size's figures are the mean of
    its two halves: a drift in the machine's other load during the page hits both alike
    (single runs of one page gave growth figures from 1.06× to 1.9× on identical code)."""
    token = secrets.token_hex(4)  # URLs new across runs too (a shared cache outlives one)
    probe = runs[-1]["probe"]
    pages = [n for n in LABELS if n in probe.get("first_visit", []) and n in probe["urls"]]
    order = [("healthz", "healthz"), *((n, n) for n in pages), ("healthz_last", "healthz")]
    for key, name in order:
        turns = [r for r in runs if name in r["probe"]["urls"]]
        turns += turns[::-1]
        figures: dict[int, list[dict]] = {}
        for turn, r in enumerate(turns):
            log(f"{r['probe']['locations']}: {name} (first visits)")
            half = wrk(
                _url(r, name),
                script="uncached.lua",
                seconds=HALF_SECONDS,
                args=[f"{token}-{key}-{turn}"],
            )
            figures.setdefault(id(r), []).append(half)
        for r in runs:
            if id(r) in figures:
                r["first"][key] = _mean_of_runs(figures[id(r)])
    for r in runs:
        r["first"]["healthz"] = _healthz_mean(r["first"]["healthz"], r["first"].pop("healthz_last"))


def _mean_of_runs(parts: list[dict]) -> dict:
    """Runs of one page on one server as one: mean rates and latencies, all errors."""
    mean = {k: sum(p[k] for p in parts) / len(parts) for k in ("rps", "p50", "p95", "p99")}
    mean["errors"] = sum(p["errors"] for p in parts)
    mean["requests"] = sum(p["requests"] for p in parts)
    mean["bytes"] = sum(p["bytes"] for p in parts) / len(parts)
    return mean


def _healthz_mean(first: dict, last: dict) -> dict:
    """/healthz at the start and the end of a table as its one yardstick."""
    mean = _mean_of_runs([first, last])
    mean["rps_first_last"] = (first["rps"], last["rps"])
    return mean
