"""Pick the benchmark's URLs from the generated data, and count each page's SQL queries.

Run by bench/run.py with the same environment as the gunicorn it benchmarks:

    python bench/probe.py            # prints one JSON object on stdout

Queries are counted with Django's test client and CaptureQueriesContext (it records queries
even with DEBUG off), after one warm-up request, so per-process lookups are not counted: once
for a repeat visit of the URL (served from the visitors' cache where the page has one) and once
for a first visit (with settings.VISITOR_CACHE off, as the first-visit servers run: the page is
built, while the pieces shared per catalogue version stay cached).
"""

import json
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scouting.settings")

import django  # noqa: E402

django.setup()
# stdout carries the JSON answer: keep the request log's INFO lines out of it.
logging.disable(logging.INFO)

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from locations.models import Location, Studio, Tag  # noqa: E402

# Kyoto Station: a dense area for the radius search.
NEAR = "34.985849,135.758767"
# Filtered searches: issue 17's first-visit targets (≥ 0.12 × /healthz, p50 growth ≤ 1.3×).
FILTERED = {
    "region_tag",
    "pref_category",
    "region_category_q",
    "q_en",
    "q_ja2",
    "q_ja4",
    "near",
    "near_category",
    "studio_size",
    "studio_region_size",
}
# Detail pages: the same first-visit targets.
DETAIL = {"location_detail", "studio_detail"}
# Driven with a new URL and a new connection per request (bench/uncached.lua): every visitor
# the first of their URL, so the visitors' cache (locations.caching) never hits.
FIRST_VISIT = FILTERED | DETAIL | {"list", "deep_page"}


def urls() -> dict[str, str]:
    """Page type → path with query string, using real slugs and tags from the database."""
    location = Location.objects.published().filter(slug__startswith="gen-").order_by("pk").first()
    studio = Studio.objects.published().filter(slug__startswith="gen-").order_by("pk").first()
    tag = Tag.objects.filter(name="night-view").first() or Tag.objects.order_by("pk").first()
    pages = max(1, Location.objects.published().count() // settings.LOCATIONS_PER_PAGE)
    location_list = reverse("locations:list")
    studio_list = reverse("studios:list")

    def listing(**params):
        return f"{location_list}?{urlencode(params)}"

    # A prefecture and category that certainly hold published places: the first one's.
    sample = (
        Location.objects.published()
        .filter(slug__startswith="gen-")
        .select_related("prefecture", "category")
        .order_by("pk")
        .first()
    )
    prefecture = sample.prefecture.slug if sample else "kyoto"
    category = sample.category.slug if sample and sample.category else ""
    found = {
        "home": reverse("home"),
        "list": location_list,
        "region_tag": listing(region="kansai", tag=tag.slug if tag else ""),
        "pref_category": listing(prefecture=prefecture, category=category),
        "region_category_q": listing(region="kanto", category=category, q="harbour"),
        "q_en": listing(q="harbour"),
        "q_ja2": listing(q="京都"),
        "q_ja4": listing(q="町家通り"),
        "near": listing(near=NEAR, radius_km=10, sort="distance"),
        "near_category": listing(near=NEAR, radius_km=25, category=category),
        # Half-way through the catalogue: page 1968 at 100,000 locations.
        "deep_page": listing(page=max(1, pages // 2)),
        "studio_size": f"{studio_list}?min_area=1500&min_height=12",
        "studio_region_size": f"{studio_list}?region=kanto&min_area=800&min_height=8",
        "location_detail": location.get_absolute_url() if location else "",
        "studio_detail": studio.get_absolute_url() if studio else "",
        "geojson": reverse("locations:geojson"),
        "healthz": reverse("healthz"),
    }
    return {name: url for name, url in found.items() if url}


def count_queries(paths: dict[str, str]) -> dict[str, dict]:
    """Each page's queries and status after a warm-up; first visits too where driven so."""
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    result = {}
    for name, path in paths.items():
        client.get(path)  # warm-up: per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        result[name] = {"queries": len(captured), "status": response.status_code}
        if name in FIRST_VISIT:
            first_visits = override_settings(VISITOR_CACHE=False)
            with first_visits, CaptureQueriesContext(connection) as captured:
                client.get(path)
            result[name]["queries_uncached"] = len(captured)
    return result


def main():
    paths = urls()
    print(
        json.dumps(
            {
                "urls": paths,
                "probe": count_queries(paths),
                "filtered": sorted(FILTERED),
                "detail": sorted(DETAIL),
                "first_visit": sorted(FIRST_VISIT),
                "locations": Location.objects.count(),
                "published": Location.objects.published().count(),
                "studios": Studio.objects.count(),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
