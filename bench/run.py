"""Benchmark the public pages on PostgreSQL behind gunicorn, with wrk on loopback.

    make bench                       # or: .venv/bin/python bench/run.py
    BENCH_SECONDS=10 BENCH_LOCATIONS=100000 BENCH_STUDIOS=2000 BENCH_GROWTH_LOCATIONS=10000

For each catalogue size (10,000 for the growth comparison, then 100,000) it creates or reuses
a database (`rokehan_bench_<n>`, C.UTF-8 so Japanese gets trigrams), migrates, generates
the synthetic catalogue when it is absent, starts gunicorn with production settings, counts
each page's queries (bench/probe.py), drives each page with wrk at 8 connections and checks
the targets of issue 6. It prints a table, writes bench/results/latest.md and updates the
figures in docs/performance.md. Traffic goes to 127.0.0.1 only; every wait is bounded and
gunicorn is always stopped.
"""

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "performance.md"
PYTHON = sys.executable
HOST = "127.0.0.1"
PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
LOCATIONS = int(os.environ.get("BENCH_LOCATIONS", "100000"))
STUDIOS = int(os.environ.get("BENCH_STUDIOS", "2000"))
GROWTH_LOCATIONS = int(os.environ.get("BENCH_GROWTH_LOCATIONS", "10000"))
PHOTOS = os.environ.get("BENCH_PHOTOS", "1") != "0"
# 1: Django's psycopg pool (DATABASE_POOL); 0: persistent connections (CONN_MAX_AGE=60).
POOL = os.environ.get("BENCH_POOL", "0") != "0"
UPDATE_DOCS = os.environ.get("BENCH_UPDATE_DOCS", "1") != "0"
CONNECTIONS = 8

# Targets (issue 6), at 100,000 locations on this 2-core machine.
MIN_RATIO = 0.20
MAX_P95_MS = 100
MAX_GEOJSON_MS = 2000
MAX_GROWTH = 1.5

LABELS = {
    "healthz": "/healthz",
    "home": "home",
    "list": "location list",
    "region_tag": "region + tag",
    "q_en": "keyword (English)",
    "q_ja2": "keyword (2-char Japanese)",
    "q_ja4": "keyword (4-char Japanese)",
    "near": "near + radius, by distance",
    "deep_page": "deep page",
    "studio_size": "studio size filter",
    "location_detail": "location detail",
    "studio_detail": "studio detail",
    "geojson": "GeoJSON, all Japan",
}


def log(message: str):
    print(f"[bench] {message}", flush=True)


def run(cmd: list[str], *, env=None, timeout: float = 600, capture=False) -> str:
    """Run a command with a time limit; raise with its output when it fails."""
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, timeout=timeout, capture_output=capture, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-2000:] if capture else ""
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}\n{detail}")
    return result.stdout if capture else ""


# --- PostgreSQL -------------------------------------------------------------------------


def pg_ready() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=2):
            return True
    except OSError:
        return False


def ensure_postgres():
    if pg_ready():
        return
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    log(f"no PostgreSQL on {PG_HOST}:{PG_PORT}; starting cluster {version[-1]}/main")
    run(["pg_ctlcluster", "--skip-systemctl-redirect", version[-1], "main", "start"], timeout=60)
    deadline = time.monotonic() + 30
    while not pg_ready():
        if time.monotonic() > deadline:
            raise SystemExit("PostgreSQL did not start within 30 s")
        time.sleep(1)


def pg(sql: str, dbname: str = "postgres", params=None):
    """Run one statement in autocommit mode; return all rows (or None)."""
    import psycopg

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=dbname, autocommit=True, connect_timeout=10
    ) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def ensure_database(name: str):
    if not pg("SELECT 1 FROM pg_database WHERE datname = %s", params=[name]):
        log(f"creating database {name} (C.UTF-8)")
        pg(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )


# --- Django -----------------------------------------------------------------------------


def django_env(database: str) -> dict:
    # The benchmark's own settings replace the caller's (a settings module may be chosen).
    env = {
        k: v
        for k, v in os.environ.items()
        if k == "DJANGO_SETTINGS_MODULE" or not k.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        {
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}",
            "DJANGO_DEBUG": "False",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": HOST,
            # Plain HTTP on loopback: no redirect to HTTPS, no HSTS pinning of 127.0.0.1.
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(RESULTS / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if POOL:
        env["DATABASE_POOL"] = "True"
    return env


def manage(env: dict, *args: str, timeout: float = 900, capture=False) -> str:
    return run([PYTHON, "manage.py", *args], env=env, timeout=timeout, capture=capture)


def prepare(database: str, locations: int, studios: int) -> dict:
    """Database migrated and holding exactly the requested generated catalogue."""
    ensure_database(database)
    env = django_env(database)
    manage(env, "migrate", "--no-input", "-v", "0")
    have = pg(
        "SELECT (SELECT count(*) FROM locations_location WHERE slug LIKE 'gen-%%'), "
        "(SELECT count(*) FROM locations_studio WHERE slug LIKE 'gen-%%')",
        database,
    )[0]
    if tuple(have) != (locations, studios):
        log(f"{database}: has {have[0]} locations / {have[1]} studios; generating")
        started = time.monotonic()
        args = ["--clear", "--locations", str(locations), "--studios", str(studios)]
        manage(env, "generate_catalogue", *args, *(["--photos"] if PHOTOS else []), timeout=3600)
        log(f"generated in {time.monotonic() - started:.0f} s")
    else:
        log(f"{database}: reusing {locations} locations / {studios} studios")
    # Fresh statistics and visibility map, also on a reused database: rows left dead by
    # whatever ran there before (an edit, an experiment rolled back) made index-only scans
    # read the table again; one run with 150,000 dead rows measured the deep page at 11
    # req/s instead of 45.
    pg("VACUUM ANALYZE", database)
    return env


# --- gunicorn and wrk -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, port: int, logfile) -> subprocess.Popen:
    cmd = [PYTHON, "-m", "gunicorn", "scouting.wsgi:application"]
    cmd += ["--workers", "2", "--worker-class", "gthread", "--threads", "4"]
    cmd += ["--bind", f"{HOST}:{port}", "--timeout", "60", "--graceful-timeout", "5"]
    # Own process group, so stopping it reaches the workers too.
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_gunicorn(proc: subprocess.Popen | None):
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited; see bench/results/gunicorn.log")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"/healthz did not answer within {timeout:.0f} s")


def wrk(url: str, script: str = "report.lua", seconds: int = SECONDS, args=()) -> dict:
    """wrk at 8 connections for `seconds`; the figures from bench/report.lua.

    `uncached.lua` makes every request's URL new (a first visit: the visitors' cache misses);
    `args` go to the script (uncached.lua: a prefix that keeps its URLs new across runs).
    """
    cmd = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s"]
    cmd += ["-H", "Accept-Encoding: gzip", "-H", "Accept-Language: en"]
    cmd += ["-s", str(ROOT / "bench" / script), url, *(["--", *args] if args else [])]
    out = run(cmd, timeout=seconds + 60, capture=True)
    match = re.search(r"BENCH_JSON (\{.*\})", out)
    if not match:
        raise SystemExit(f"no figures from wrk:\n{out}")
    figures = json.loads(match.group(1))
    seconds = figures["duration_us"] / 1e6
    return {
        "rps": figures["requests"] / seconds if seconds else 0.0,
        "requests": figures["requests"],
        "p50": figures["p50"] / 1000,
        "p95": figures["p95"] / 1000,
        "p99": figures["p99"] / 1000,
        "errors": figures["non2xx"] + figures["socket_errors"],
        "bytes": figures["bytes"] / max(1, figures["requests"]),
    }


def single_request(url: str) -> dict:
    """One compressed request: wall time and bytes on the wire (for the GeoJSON target)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    return {"ms": (time.perf_counter() - started) * 1000, "bytes": len(body), "encoding": encoding}


def bench_sizes(sizes: list[tuple[str, int, int]]) -> list[dict]:
    """Benchmark each (database, locations, studios) with its own gunicorn, page by page.

    All servers run at once and each page is driven on every size back to back, so a change
    in the machine's other load hits the sizes alike instead of skewing the growth figures.
    """
    runs = []
    for database, locations, studios in sizes:
        env = prepare(database, locations, studios)
        probe = json.loads(run([PYTHON, "bench/probe.py"], env=env, timeout=300, capture=True))
        runs.append({"database": database, "env": env, "probe": probe, "rows": {}, "uncached": {}})
    fixed_port = int(os.environ.get("BENCH_PORT", "0"))
    names = [n for n in LABELS if n != "healthz" and n in runs[-1]["probe"]["urls"]]
    # /healthz first and last: their mean is the yardstick for the pages in between.
    order = [("healthz", "healthz"), *((n, n) for n in names), ("healthz_last", "healthz")]
    procs = []
    with open(RESULTS / "gunicorn.log", "a") as logfile:
        try:
            for i, r in enumerate(runs):
                port = fixed_port + i if fixed_port else free_port()
                r["base"] = f"http://{HOST}:{port}"
                procs.append(start_gunicorn(r["env"], port, logfile))
                wait_healthy(r["base"], procs[-1])
            for key, name in order:
                for r in runs:
                    path = r["probe"]["urls"].get(name)
                    if not path:
                        continue
                    url = r["base"] + quote(path, safe="/?=&%:,")
                    log(f"{r['probe']['locations']}: {name} {path}")
                    # The first GeoJSON request of a server builds the body: time it cold.
                    single = single_request(url) if name == "geojson" else None
                    r["rows"][key] = wrk(url)
                    if single:
                        r["rows"][key]["single"] = single
            # The same pages with a new URL per request: every visitor the first of their URL.
            # Growth is judged on these, so the sizes take turns in halves, small-big-big-small:
            # a drift in the machine's other load during the page then hits both alike.
            for name in names:
                turns = [r for r in runs if name in r["probe"].get("cached", [])]
                turns += turns[::-1]
                figures: dict[int, list[dict]] = {}
                for turn, r in enumerate(turns):
                    path = r["probe"]["urls"][name]
                    url = r["base"] + quote(path, safe="/?=&%:,")
                    log(f"{r['probe']['locations']}: {name} {path} (uncached)")
                    seconds = max(1, SECONDS // 2)
                    half = wrk(url, script="uncached.lua", seconds=seconds, args=[str(turn)])
                    figures.setdefault(id(r), []).append(half)
                for r in runs:
                    if id(r) in figures:
                        r["uncached"][name] = _mean_of_runs(figures[id(r)])
        finally:
            for proc in procs:
                stop_gunicorn(proc)
    for r in runs:
        r["rows"]["healthz"] = _healthz_mean(r["rows"])
        del r["env"]  # holds the generated secret key; not for the results file
    return runs


def _mean_of_runs(parts: list[dict]) -> dict:
    """Two half runs of one page on one server as one: mean rates and latencies, all errors."""
    mean = {k: sum(p[k] for p in parts) / len(parts) for k in ("rps", "p50", "p95", "p99")}
    mean["errors"] = sum(p["errors"] for p in parts)
    mean["requests"] = sum(p["requests"] for p in parts)
    mean["bytes"] = sum(p["bytes"] for p in parts) / len(parts)
    return mean


def _healthz_mean(rows: dict) -> dict:
    first, last = rows["healthz"], rows.pop("healthz_last")
    mean = {k: (first[k] + last[k]) / 2 for k in ("rps", "p50", "p95", "p99", "bytes")}
    mean["errors"] = first["errors"] + last["errors"]
    mean["requests"] = first["requests"] + last["requests"]
    mean["rps_first_last"] = (first["rps"], last["rps"])
    return mean


# --- report -----------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    version = pg("SHOW server_version")[0][0]
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} × {cpu}{mem}, {system}, PostgreSQL {version}"


def evaluate(big: dict, small: dict | None) -> tuple[list[dict], bool]:
    rows, probe = big["rows"], big["probe"]
    healthz = rows["healthz"]["rps"]
    filtered = set(probe["filtered"])
    table, all_pass = [], True
    for name, label in LABELS.items():
        if name not in rows:
            continue
        r = rows[name]
        ratio = r["rps"] / healthz if healthz else 0.0
        checks = []
        if r["errors"]:
            checks.append(f"{r['errors']} errors")
        if name == "geojson":
            if r["p95"] >= MAX_GEOJSON_MS:
                checks.append(f"p95 ≥ {MAX_GEOJSON_MS} ms")
        elif r["p95"] >= MAX_P95_MS:
            checks.append(f"p95 ≥ {MAX_P95_MS} ms")
        if name != "healthz" and ratio < MIN_RATIO:
            checks.append(f"< {MIN_RATIO:.2f}× healthz")
        growth = None
        # The search's own growth: measured on first visits where the page has a cache
        # (a cache hit costs the same at any catalogue size).
        grown, base = big["uncached"].get(name, r), None
        if small:
            base = small["uncached"].get(name) or small["rows"].get(name)
        if name in filtered and base and base["p50"]:
            growth = grown["p50"] / base["p50"]
            if growth > MAX_GROWTH:
                checks.append(f"first-visit p50 grew {growth:.1f}×")
        queries = probe["probe"].get(name, {})
        table.append(
            {
                "name": name,
                "label": label,
                "url": probe["urls"][name],
                "rps": r["rps"],
                "ratio": ratio,
                "p50": r["p50"],
                "p95": r["p95"],
                "p99": r["p99"],
                "errors": r["errors"],
                "queries": queries.get("queries"),
                "status": queries.get("status"),
                "small_p50": base["p50"] if base else None,
                "uncached": big["uncached"].get(name),
                "queries_uncached": queries.get("queries_uncached"),
                "growth": growth,
                "result": "pass" if not checks else "FAIL: " + "; ".join(checks),
                "single": r.get("single"),
            }
        )
        all_pass = all_pass and not checks
    return table, all_pass


def markdown(table, big, small, all_pass, started, load_before, load_after) -> str:
    probe = big["probe"]
    small_n = small["probe"]["locations"] if small else None
    lines = [
        f"Run {started:%Y-%m-%d %H:%M %Z} on {machine()}.",
        f"Catalogue: {probe['locations']:,} locations ({probe['published']:,} published), "
        f"{probe['studios']:,} studios"
        + (f"; growth compared with {small_n:,} locations." if small else "."),
        f"One gunicorn per catalogue size (2 workers × 4 threads, gthread, DEBUG off), each "
        f"page driven on both sizes back to back; wrk 2 threads, {CONNECTIONS} connections, "
        f"{SECONDS} s per page, gzip accepted; database connections "
        + ("pooled (psycopg pool). " if POOL else "persistent (CONN_MAX_AGE=60). ")
        + "Load average before/after: "
        f"{load_before:.1f} / {load_after:.1f} (the machine is shared: compare ratios, not "
        "absolute figures).",
        "",
        "**Repeat visits** (the same URL again and again: what the visitors' cache serves; the "
        "targets are checked here, except growth):",
        "",
        "| page | req/s | × healthz | p50 ms | p95 ms | p99 ms | errors | queries | result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in table:
        queries = "?" if r["queries"] is None else str(r["queries"])
        if r["status"] and r["status"] != 200:
            queries += f" (HTTP {r['status']})"
        cells = [f"{r['label']} `{unquote(r['url'])}`", *_figures(r, r["ratio"]), queries]
        lines.append("| " + " | ".join([*cells, r["result"]]) + " |")
    first_visits = [r for r in table if r["uncached"]]
    if first_visits:
        healthz = big["rows"]["healthz"]["rps"]
        lines += [
            "",
            "**First visits** (a new URL per request, `bench/uncached.lua`: the cache never "
            "hits, so every request filters, paginates and renders; growth is checked here):",
            "",
            "| page | req/s | × healthz | p50 ms | p95 ms | p99 ms | errors | queries "
            + ("| p50 at 10k ms | growth " if small else "")
            + "|",
            "|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if small else ""),
        ]
        for r in first_visits:
            u = r["uncached"]
            queries = "?" if r["queries_uncached"] is None else str(r["queries_uncached"])
            cells = [r["label"], *_figures(u, u["rps"] / healthz if healthz else 0.0), queries]
            if small:
                cells.append("" if r["small_p50"] is None else f"{r['small_p50']:.1f}")
                cells.append("" if r["growth"] is None else f"{r['growth']:.2f}×")
            lines.append("| " + " | ".join(cells) + " |")
    for r in table:
        if r["single"]:
            s = r["single"]
            lines.append(
                f"\nGeoJSON, the server's first request (built, not cached): {s['ms']:.0f} ms, "
                f"{s['bytes'] / 1024:.0f} KiB on the wire ({s['encoding'] or 'not compressed'})."
            )
    h = big["rows"]["healthz"]["rps_first_last"]
    lines.append(f"\n/healthz req/s at the start and the end: {h[0]:.0f} and {h[1]:.0f}.")
    lines.append(f"\nAll targets met: **{'yes' if all_pass else 'no'}**.")
    return "\n".join(lines) + "\n"


def _figures(r: dict, ratio: float) -> list[str]:
    """req/s, × healthz, p50, p95, p99 and errors as table cells."""
    return [
        f"{r['rps']:.0f}",
        f"{ratio:.2f}",
        f"{r['p50']:.1f}",
        f"{r['p95']:.1f}",
        f"{r['p99']:.1f}",
        str(r["errors"]),
    ]


def update_docs(text: str, command: str):
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if not DOCS.exists():
        return
    doc = DOCS.read_text()
    if start not in doc or end not in doc:
        log(f"{DOCS} has no {start} … {end} markers; not updated")
        return
    block = f"{start}\nCommand: `{command}`\n\n{text}{end}"
    DOCS.write_text(doc[: doc.index(start)] + block + doc[doc.index(end) + len(end) :])
    log(f"updated {DOCS.relative_to(ROOT)}")


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()[0]
    ensure_postgres()
    manage(django_env("rokehan_bench"), "collectstatic", "--no-input", "-v", "0", timeout=300)
    sizes = [("rokehan_bench", LOCATIONS, STUDIOS)]
    if GROWTH_LOCATIONS:
        studios = max(1, STUDIOS * GROWTH_LOCATIONS // LOCATIONS)
        sizes.insert(0, (f"rokehan_bench_{GROWTH_LOCATIONS}", GROWTH_LOCATIONS, studios))
    *smaller, big = bench_sizes(sizes)
    small = smaller[0] if smaller else None
    table, all_pass = evaluate(big, small)
    text = markdown(table, big, small, all_pass, started, load_before, os.getloadavg()[0])
    command = "make bench"
    settings_used = {
        "BENCH_SECONDS": SECONDS,
        "BENCH_LOCATIONS": LOCATIONS,
        "BENCH_STUDIOS": STUDIOS,
        "BENCH_GROWTH_LOCATIONS": GROWTH_LOCATIONS,
        "BENCH_POOL": int(POOL),
    }
    defaults = {"BENCH_SECONDS": 10, "BENCH_LOCATIONS": 100000, "BENCH_STUDIOS": 2000}
    defaults |= {"BENCH_GROWTH_LOCATIONS": 10000, "BENCH_POOL": 0}
    changed = [f"{k}={v}" for k, v in settings_used.items() if defaults[k] != v]
    if changed:
        command = " ".join(changed) + " make bench"
    (RESULTS / "latest.md").write_text(f"# Benchmark\n\nCommand: `{command}`\n\n{text}")
    (RESULTS / "latest.json").write_text(
        json.dumps({"small": small, "big": big, "table": table}, indent=1, ensure_ascii=False)
    )
    print("\n" + text)
    if UPDATE_DOCS:
        update_docs(text, command)
    log(f"written {RESULTS.relative_to(ROOT)}/latest.md")


if __name__ == "__main__":
    main()
