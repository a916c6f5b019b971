"""Machine time per first visit, split by process: gunicorn, PostgreSQL, the rest.

`make bench` gives throughput; `bench/cpu.py` gives the app's own time in one process. This
tells how the two cores' time per request divides between the app servers (which scale out)
and PostgreSQL (which does not, for writes): gunicorn as `make bench` runs it on the big
catalogue (`VISITOR_CACHE=off`), wrk driving first visits (`uncached.lua`) for a few seconds
per page, and the CPU time of every process read from /proc before and after. Run it after
`make bench` (which creates the database and collects the static files):

    .venv/bin/python bench/machine.py                 # every page type
    .venv/bin/python bench/machine.py healthz q_en    # some of them

"other" is the rest of the machine's busy time (wrk, the kernel's network work, anything
else running): compare pages within one run, as with every figure here.
"""

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from servers import first_visit_server, wrk  # noqa: E402

SECONDS = int(os.environ.get("MACHINE_SECONDS", "8"))
SKIP = {"home", "geojson"}  # not first-visit targets, as in bench/cpu.py
TICKS = os.sysconf("SC_CLK_TCK")


def process_times() -> dict[int, tuple[str, float]]:
    """pid → (kind, CPU seconds so far) for every process (gunicorn, postgres or other)."""
    times = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:  # ended while being read
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1].split()
        kind = "gunicorn" if b"gunicorn" in command else "postgres" if name == "postgres" else ""
        seconds = int(fields[11]) + int(fields[12])
        if kind == "postgres":  # backends that ended (CONN_MAX_AGE) count in the postmaster's
            seconds += int(fields[13]) + int(fields[14])  # children's times once it reaps them
        times[int(pid)] = (kind or "other", seconds / TICKS)
    return times


def busy_seconds() -> float:
    """The machine's busy CPU time so far (all cores; idle and I/O wait left out)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / TICKS


def split(before: dict, after: dict, busy: float) -> dict[str, float]:
    """CPU seconds per kind between two `process_times`; `other` is the rest of `busy`."""
    used = {"gunicorn": 0.0, "postgres": 0.0}
    for pid, (kind, seconds) in after.items():
        if kind in used:  # a process started in between counts from zero
            used[kind] += seconds - before.get(pid, (kind, 0.0))[1]
    used["other"] = max(0.0, busy - used["gunicorn"] - used["postgres"])
    return used


def main(names: list[str]) -> None:
    with first_visit_server("gunicorn-machine.log") as (base, _server, urls):
        print(f"{'page':20s} {'req/s':>6s}  ms of CPU per request: gunicorn postgres other")
        for name, path in urls.items():
            if name in SKIP or (names and name not in names):
                continue
            prefix = f"m{time.time_ns()}"
            wrk(base + path, "uncached.lua", seconds=2, args=[prefix + "w"])  # warm up
            before, busy = process_times(), busy_seconds()
            figures = wrk(base + path, "uncached.lua", seconds=SECONDS, args=[prefix])
            used = split(before, process_times(), busy_seconds() - busy)
            per = {k: v * 1000 / max(1, figures["requests"]) for k, v in used.items()}
            total = sum(per.values())
            print(
                f"{name:20s} {figures['rps']:6.0f}  {per['gunicorn']:8.2f} "
                f"{per['postgres']:8.2f} {per['other']:5.2f}  total {total:5.2f}  {path}",
                flush=True,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
