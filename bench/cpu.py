"""CPU and wall time per first visit, in one process: what each page costs the app itself.

`make bench` measures throughput over HTTP on a shared machine; this measures each page type
of `probe.urls()` in a loop of the test client on the big catalogue (production settings,
`VISITOR_CACHE=off`, so every request builds its page while the pieces shared per catalogue
version stay cached). Run it after `make bench` (which creates the database and collects the
static files):

    .venv/bin/python bench/cpu.py                 # every page type
    .venv/bin/python bench/cpu.py q_en near       # some of them

Each figure is the best of BATCHES batches of REQUESTS new URLs (`nocache=` parameters):
`time.process_time` for the CPU, the clock for wall time (which includes PostgreSQL). To
compare two commits, run it from a checkout of each, alternately, in one session.
"""

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from catalogue_db import django_env  # noqa: E402
from options import LOCATIONS, database_name  # noqa: E402

os.environ.update({**django_env(database_name(LOCATIONS)), "VISITOR_CACHE": "off"})
os.environ["DJANGO_ALLOWED_HOSTS"] += ",testserver"

import probe  # noqa: E402 (sets Django up with the environment above)
from django.test import Client  # noqa: E402

REQUESTS = int(os.environ.get("CPU_REQUESTS", "20"))
BATCHES = int(os.environ.get("CPU_BATCHES", "5"))
SKIP = {"home", "geojson"}  # not first-visit targets (the home page is shared per version)


def measure(client: Client, url: str) -> tuple[float, float]:
    """(CPU ms, wall ms) per request, each the best of BATCHES batches of new URLs."""
    for _ in range(3):  # warm the process: per-version options, cards, templates
        assert client.get(url).status_code == 200, url
    separator = "&" if "?" in url else "?"
    cpu = wall = float("inf")
    for batch in range(BATCHES):
        started_cpu, started = time.process_time(), time.perf_counter()
        for i in range(REQUESTS):
            client.get(f"{url}{separator}nocache=cpu-{batch}-{i}")
        cpu = min(cpu, (time.process_time() - started_cpu) / REQUESTS * 1000)
        wall = min(wall, (time.perf_counter() - started) / REQUESTS * 1000)
    return cpu, wall


def main(names: list[str]) -> None:
    client = Client()
    for name, url in probe.urls().items():
        if url and name not in SKIP and (not names or name in names):
            cpu, wall = measure(client, url)
            print(f"{name:20s} CPU {cpu:6.1f} ms   wall {wall:6.1f} ms   {url}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
