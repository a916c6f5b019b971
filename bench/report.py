"""The benchmark's report: the machine, the two tables in Markdown, bench/results/ and the
"Latest figures" block of docs/performance.md."""

import json
import os
import platform
from pathlib import Path
from urllib.parse import unquote

from catalogue_db import server_version
from options import CONNECTIONS, DOCS, HALF_SECONDS, POOL, RESULTS, ROOT, SECONDS, log
from targets import FIRST_MAX_GROWTH, FIRST_MIN_RATIO


def machine() -> str:
    """CPU, memory, kernel and PostgreSQL version, for the report's first line."""
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
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} × {cpu}{mem}, {system}, PostgreSQL {server_version()}"


def _figures(r: dict) -> list[str]:
    """req/s, × healthz, p50, p95, p99 and errors as table cells."""
    return [
        f"{r['rps']:.0f}",
        f"{r['ratio']:.2f}",
        f"{r['p50']:.1f}",
        f"{r['p95']:.1f}",
        f"{r['p99']:.1f}",
        str(r["errors"]),
    ]


def _queries(r: dict) -> str:
    queries = "?" if r["queries"] is None else str(r["queries"])
    if r["status"] and r["status"] != 200:
        queries += f" (HTTP {r['status']})"
    return queries


def markdown(run: dict) -> str:
    """The report: how it ran, first visits (issue 17), repeat visits (issue 6), verdict."""
    big, small = run["big"], run["small"]
    probe, small_n = big["probe"], small["probe"]["locations"] if small else None
    lines = [
        f"Run {run['started']} on {machine()}.",
        f"Catalogue: {probe['locations']:,} locations ({probe['published']:,} published), "
        f"{probe['studios']:,} studios"
        + (f"; growth compared with {small_n:,} locations." if small else "; no growth run."),
        f"One gunicorn per catalogue size (2 workers × 4 threads, gthread, DEBUG off), each "
        f"page driven on both sizes back to back; wrk 2 threads, {CONNECTIONS} connections, "
        "a new connection per request, gzip accepted; database connections "
        + ("pooled (psycopg pool). " if POOL else "persistent (CONN_MAX_AGE=60). ")
        + f"Load average before/after: {run['load'][0]:.1f} / {run['load'][1]:.1f} (the "
        "machine is shared: compare ratios, not absolute figures).",
        "",
        f"**First visits** (issue 17: every request a new URL, `bench/uncached.lua`, so the "
        f"visitors' cache never hits; {HALF_SECONDS} s halves, small-big-big-small). "
        f"Targets for filtered searches and detail pages: ≥ {FIRST_MIN_RATIO:.2f} × `/healthz` "
        f"(measured the same way, same run), zero errors, p50 growth ≤ {FIRST_MAX_GROWTH}×:",
        "",
        "| page | req/s | × healthz | p50 ms | p95 ms | p99 ms | errors | queries "
        f"| p50 at {small_n or 0:,} ms | growth | result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in run["first_table"]:
        small_p50 = "" if r["small_p50"] is None else f"{r['small_p50']:.1f}"
        growth = "" if r["growth"] is None else f"{r['growth']:.2f}×"
        cells = [f"{r['label']} `{unquote(r['url'])}`", *_figures(r), _queries(r)]
        lines.append("| " + " | ".join([*cells, small_p50, growth, r["result"]]) + " |")
    h = big["first"]["healthz"]["rps_first_last"]
    lines.append(
        f"\n/healthz first-visit req/s at the start and the end: {h[0]:.0f} and {h[1]:.0f}."
    )
    if run["repeat_table"]:
        lines += [
            "",
            f"**Repeat visits** (issue 6: the same URL again and again, what the visitors' "
            f"cache serves; {SECONDS} s per page). Targets: ≥ 0.20 × `/healthz`, p95 < 100 ms "
            "(GeoJSON < 2 s), zero errors:",
            "",
            "| page | req/s | × healthz | p50 ms | p95 ms | p99 ms | errors | queries | result |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in run["repeat_table"]:
            cells = [f"{r['label']} `{unquote(r['url'])}`", *_figures(r), _queries(r)]
            lines.append("| " + " | ".join([*cells, r["result"]]) + " |")
        for r in run["repeat_table"]:
            if s := r["single"]:
                lines.append(
                    f"\nGeoJSON, the server's first request (built, not cached): {s['ms']:.0f} "
                    f"ms, {s['bytes'] / 1024:.0f} KiB on the wire "
                    f"({s['encoding'] or 'not compressed'})."
                )
    verdict = "yes" if run["first_pass"] else "no"
    lines.append(f"\nFirst-visit targets (issue 17) met: **{verdict}**.")
    if run["repeat_table"]:
        lines.append(
            f"Repeat-visit targets (issue 6) met: **{'yes' if run['repeat_pass'] else 'no'}**."
        )
    return "\n".join(lines) + "\n"


def write_results(run: dict, text: str, command: str) -> None:
    """bench/results/latest.md and latest.json (gitignored)."""
    (RESULTS / "latest.md").write_text(f"# Benchmark\n\nCommand: `{command}`\n\n{text}")
    (RESULTS / "latest.json").write_text(json.dumps(run, indent=1, ensure_ascii=False))
    log(f"written {RESULTS.relative_to(ROOT)}/latest.md and latest.json")


def update_docs(text: str, command: str) -> None:
    """Replace the block between the bench markers of docs/performance.md."""
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
