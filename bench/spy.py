"""Where gunicorn's workers spend a first visit's time: py-spy on both workers under wrk.

`bench/cpu.py` profiles a page in one process and `bench/machine.py` splits the machine's
time by process; this samples the workers as `make bench` runs them (production settings,
`VISITOR_CACHE=off`, 2 gthread workers × 4 threads, wrk driving new URLs), which is where
thread handoffs, the connection's health check and socket work show. Run it after
`make bench` (which creates the database and collects the static files):

    .venv/bin/python bench/spy.py q_en                  # one page type of probe.py
    SPY_SECONDS=20 .venv/bin/python bench/spy.py location_detail

It prints each function's inclusive share of the samples (a function and everything it
calls) and the leaves (where the samples land), as shares of the samples that handle a
request, and keeps py-spy's raw stacks in `bench/results/spy-<page>-<pid>.txt` for a flame
graph. By default only the thread holding the GIL is sampled (`--gil`: where the workers'
CPU goes); `SPY_MODE=all` samples every busy thread, so waits on PostgreSQL, the socket and
the GIL show too.
"""

import os
import re
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from options import PYTHON, RESULTS  # noqa: E402
from servers import first_visit_server, wrk  # noqa: E402

SECONDS = int(os.environ.get("SPY_SECONDS", "10"))
# requirements-dev.txt installs it beside the virtualenv's Python; else the one on PATH.
PY_SPY = (
    str(Path(PYTHON).with_name("py-spy")) if Path(PYTHON).with_name("py-spy").exists() else "py-spy"
)
TOP = int(os.environ.get("SPY_TOP", "45"))
# gil (default): only the thread holding the GIL, i.e. the worker's Python CPU time;
# all: every thread not idle, waits on PostgreSQL, the socket and the GIL included.
MODE = ["--gil"] if os.environ.get("SPY_MODE", "gil") == "gil" else []
# "render (django/template/base.py:171)" → "render (base.py)": one line per function.
_FRAME = re.compile(r" \((?:.*/)?([^/]+?)(?::\d+)?\)$")


def workers(master: int) -> list[int]:
    """The process ids of gunicorn's workers (the master's children)."""
    children = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            children.append(int(pid))
    return children


def record(pids: list[int], name: str) -> list[Path]:
    """py-spy's raw stacks of each worker for SECONDS, recorded side by side."""
    paths = [RESULTS / f"spy-{name}-{pid}.txt" for pid in pids]
    spies = [
        subprocess.Popen(
            [PY_SPY, "record", "--pid", str(pid), "--duration", str(SECONDS), *MODE]
            + ["--rate", "200", "--format", "raw", "--output", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid, path in zip(pids, paths, strict=True)
    ]
    for spy in spies:
        spy.wait(timeout=SECONDS + 60)
    return [path for path in paths if path.exists()]


def summarise(paths: list[Path]) -> tuple[int, Counter, Counter]:
    """(samples, inclusive samples per function, samples per leaf) of py-spy's raw files,
    counting only the stacks that handle a request (not the workers' idle loops)."""
    total, inclusive, leaves = 0, Counter(), Counter()
    for path in paths:
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit() or "handle_request" not in stack:
                continue
            frames = [_FRAME.sub(r" (\1)", frame) for frame in stack.split(";")]
            frames = frames[next(i for i, f in enumerate(frames) if "handle_request" in f) :]
            total += int(count)
            for frame in set(frames):
                inclusive[frame] += int(count)
            leaves[frames[-1]] += int(count)
    return total, inclusive, leaves


def main(name: str) -> None:
    with first_visit_server("gunicorn-spy.log") as (base, server, urls):
        path = urls.get(name)
        if not path:
            raise SystemExit(f"no page {name!r}; one of: {', '.join(urls)}")
        wrk(base + path, "uncached.lua", seconds=2, args=["spy-warm"])
        # wrk runs longer than py-spy on both sides, so every sample is under load.
        load = threading.Thread(
            target=wrk, args=(base + path, "uncached.lua", SECONDS + 4, ["spy"])
        )
        load.start()
        threading.Event().wait(2)
        paths = record(workers(server.pid), name)
        load.join()
    total, inclusive, leaves = summarise(paths)
    print(f"{name} {path}: {total} samples handling requests, {len(paths)} workers, {SECONDS} s")
    for title, counts in (("inclusive", inclusive), ("leaves", leaves)):
        print(f"--- {title}")
        for frame, count in counts.most_common(TOP):
            print(f"{count / max(1, total) * 100:5.1f}%  {frame[:140]}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: bench/spy.py <page type of bench/probe.py, e.g. q_en>")
    main(sys.argv[1])
