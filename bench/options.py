"""The benchmark's settings (environment variables, documented in docs/performance.md) and the
small helpers every bench module uses: a log line and a bounded subprocess run."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "performance.md"
PYTHON = sys.executable
HOST = "127.0.0.1"
PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# First visits run in halves; one can take most of a second on a busy machine, so a half
# shorter than 2 s may measure nothing.
HALF_SECONDS = max(2, SECONDS // 2)
LOCATIONS = int(os.environ.get("BENCH_LOCATIONS", "100000"))
STUDIOS = int(os.environ.get("BENCH_STUDIOS", "2000"))
GROWTH_LOCATIONS = int(os.environ.get("BENCH_GROWTH_LOCATIONS", "10000"))
PHOTOS = os.environ.get("BENCH_PHOTOS", "1") != "0"
# 1: Django's psycopg pool (DATABASE_POOL); 0: persistent connections (CONN_MAX_AGE=60).
POOL = os.environ.get("BENCH_POOL", "0") != "0"
UPDATE_DOCS = os.environ.get("BENCH_UPDATE_DOCS", "1") != "0"
# 0 skips the repeat-visit table (issue 6's targets): first visits alone take half the time.
REPEAT = os.environ.get("BENCH_REPEAT", "1") != "0"
# 1: exit with status 1 when a target fails (CI); by default the run only reports.
STRICT = os.environ.get("BENCH_STRICT", "0") != "0"
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "rokehan_bench")
CONNECTIONS = 8

# What the results name as the command when every variable is at its default.
DEFAULTS = {
    "BENCH_SECONDS": 10,
    "BENCH_LOCATIONS": 100000,
    "BENCH_STUDIOS": 2000,
    "BENCH_GROWTH_LOCATIONS": 10000,
    "BENCH_POOL": 0,
    "BENCH_REPEAT": 1,
}


def database_name(locations: int) -> str:
    """One database per catalogue size, so a quick run never regenerates the full one; the
    100,000-location catalogue keeps the name earlier runs gave it (`rokehan_bench`)."""
    return DB_PREFIX if locations == 100_000 else f"{DB_PREFIX}_{locations}"


def command_line() -> str:
    """`make bench` with the variables this run changed from their defaults in front."""
    used = {
        "BENCH_SECONDS": SECONDS,
        "BENCH_LOCATIONS": LOCATIONS,
        "BENCH_STUDIOS": STUDIOS,
        "BENCH_GROWTH_LOCATIONS": GROWTH_LOCATIONS,
        "BENCH_POOL": int(POOL),
        "BENCH_REPEAT": int(REPEAT),
    }
    changed = [f"{k}={v}" for k, v in used.items() if DEFAULTS[k] != v]
    return " ".join([*changed, "make bench"])


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
