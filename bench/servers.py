"""gunicorn (production settings, loopback only, always stopped) and wrk, which drives it and
reports each page's figures through bench/report.lua."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager

from catalogue_db import django_env
from options import CONNECTIONS, HOST, LOCATIONS, PYTHON, RESULTS, ROOT, SECONDS, database_name, run


def free_port() -> int:
    """A TCP port nobody listens on, on loopback."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, port: int, logfile) -> subprocess.Popen:
    """gunicorn as production runs it: 2 gthread workers × 4 threads."""
    cmd = [PYTHON, "-m", "gunicorn", "scouting.wsgi:application"]
    cmd += ["--workers", "2", "--worker-class", "gthread", "--threads", "4"]
    cmd += ["--bind", f"{HOST}:{port}", "--timeout", "60", "--graceful-timeout", "5"]
    # Own process group, so stopping it reaches the workers too.
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_gunicorn(proc: subprocess.Popen | None):
    """Stop gunicorn and its workers (its own process group), forcibly after 15 s."""
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 60):
    """Wait until /healthz answers 200; give up when gunicorn exits or after `timeout`."""
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


@contextmanager
def first_visit_server(log_name: str):
    """For the diagnostics (machine.py, spy.py): gunicorn on the big catalogue with the
    visitors' cache off, answering; yields (its base URL, its process, probe.py's paths by
    page type) and stops it on the way out. Its output goes to bench/results/`log_name`."""
    env = {**django_env(database_name(LOCATIONS)), "VISITOR_CACHE": "off"}
    probe = json.loads(
        run([PYTHON, str(ROOT / "bench" / "probe.py")], env=env, timeout=300, capture=True)
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://{HOST}:{port}"
    with open(RESULTS / log_name, "w") as log:
        server = start_gunicorn(env, port, log)
        try:
            wait_healthy(base, server)
            yield base, server, probe["urls"]
        finally:
            stop_gunicorn(server)
