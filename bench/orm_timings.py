"""Time the catalogue's queries through the ORM, without HTTP: the database's share of a page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rokehan_bench \\
        python bench/orm_timings.py [--repeat 7] [--json]

Each query runs once to warm the cache, then `--repeat` times; the median is printed with the
row count. These are the queries the public pages are built from (named QuerySet methods), so
they can be measured before the pages exist, and compared at 10k and 100k locations.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scouting.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from locations.models import Location, StageCriteria, Studio, Tag  # noqa: E402

PER_PAGE = settings.LOCATIONS_PER_PAGE


def page(qs, number=1):
    """The rows of page `number` plus the COUNT(*) a Paginator would run."""
    start = (number - 1) * PER_PAGE
    return len(list(qs[start : start + PER_PAGE])), qs.count()


def geojson_rows():
    rows = list(
        Location.objects.published()
        .filter(latitude__isnull=False)
        .values_list("slug", "name", "latitude", "longitude", "category__slug")
    )
    body = json.dumps(
        [{"s": s, "n": n, "c": [float(lng), float(lat)], "k": k} for s, n, lat, lng, k in rows],
        ensure_ascii=False,
    )
    return len(rows), len(body)


def cases():
    """(label, callable returning a tuple of counts)."""
    published = Location.objects.published()
    tag = Tag.objects.filter(slug__in=["gen-night-view", "night-view"]).first()
    kyoto_lat, kyoto_lng = 35.0116, 135.7681
    criteria = StageCriteria(min_area=1500, min_height=12)
    return [
        ("count published", lambda: (published.count(),)),
        ("list page 1 (for_list)", lambda: page(published.for_list())),
        ("list page 2000 (OFFSET)", lambda: page(published.for_list(), 2000)),
        (
            "region + tag",
            lambda: page(published.filter(prefecture__region__slug="kansai", tags=tag).for_list()),
        ),
        ("q=harbour", lambda: page(published.search("harbour").for_list())),
        ("q=京都 (2 chars)", lambda: page(published.search("京都").for_list())),
        ("q=町家通り (4 chars)", lambda: page(published.search("町家通り").for_list())),
        ("q=滝 (1 char)", lambda: page(published.search("滝").for_list())),
        (
            "near Kyoto 10 km by distance",
            lambda: page(
                published.within_km(kyoto_lat, kyoto_lng, 10).order_by("distance_km").for_list()
            ),
        ),
        ("geojson all Japan (values + json)", geojson_rows),
        (
            "studios min_area=1500 height=12",
            lambda: (
                len(list(Studio.objects.published().with_stage_meeting(criteria).for_list()[:20])),
                Studio.objects.published().with_stage_meeting(criteria).count(),
            ),
        ),
    ]


def run(repeat: int) -> list[dict]:
    results = []
    for label, fn in cases():
        counts = fn()  # warm-up
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        results.append(
            {"query": label, "median_ms": round(statistics.median(times), 1), "rows": counts}
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.repeat)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    total = Location.objects.count()
    print(f"{connection.vendor}, {total} locations, median of {args.repeat}")
    for r in results:
        print(f"{r['median_ms']:>9.1f} ms  {r['query']:<36} {r['rows']}")


if __name__ == "__main__":
    main()
