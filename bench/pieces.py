"""A place's page piece by piece: the CPU each step of `location_detail` costs, in one process.

`bench/cpu.py` gives the whole request; this splits a place's page into the steps its view
takes (reading the place, the nearest places, the studios near, photos, tags, shoot day, facts,
rendering the body and the page around it), so a round can see which piece to work on. Same
database and settings as `bench/cpu.py` (run `make bench` once first):

    .venv/bin/python bench/pieces.py                         # the probe's place
    .venv/bin/python bench/pieces.py gen-misty-rooftop-1     # another place, by slug

Each figure is `time.process_time` per build, over PIECES_BUILDS builds, in two rounds.
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
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.contrib.sessions.backends.cache import SessionStore  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

from locations import nearby  # noqa: E402
from locations.cards import with_cards  # noqa: E402
from locations.clock import tokyo_today  # noqa: E402
from locations.facts import fact_groups  # noqa: E402
from locations.models.with_place import gallery_photos  # noqa: E402
from locations.shoot_day import shoot_day  # noqa: E402
from locations.views import catalogue as views  # noqa: E402

BUILDS = int(os.environ.get("PIECES_BUILDS", "300"))


def pieces(slug: str) -> dict:
    """{step: callable} for one build of the place's page, in the view's order."""
    request = RequestFactory().get(f"/locations/{slug}/")
    request.user, request.session, request.LANGUAGE_CODE = AnonymousUser(), SessionStore(), "en"
    today = tokyo_today()
    state = {}

    def place():
        state["place"] = views.read_place(request, slug)

    def body():
        context = views._detail_context(request, state["place"], today)
        state["body"] = render_to_string("locations/_detail.html", context, request)

    def page():
        context = {"location": state["place"], "detail": mark_safe(state["body"])}  # noqa: S308
        render(request, "locations/location_detail.html", context)

    return {
        "reading the place": place,
        "the nearest places": lambda: with_cards(nearby.nearest_places(state["place"])),
        "the studios near": lambda: nearby.studios_near(state["place"]),
        "photos": lambda: gallery_photos(state["place"]),
        "tags": lambda: views.shared_tags(state["place"]),
        "the shoot day": lambda: shoot_day(state["place"], request.GET, today=today),
        "the facts": lambda: fact_groups(state["place"]),
        "the body (its whole context and render)": body,
        "the page around it": page,
    }


def main(slug: str) -> None:
    translation.activate("en")
    steps = pieces(slug)
    for step in steps.values():  # warm: templates, per-version rows, cards
        step()
    for round_number in (1, 2):
        spent = dict.fromkeys(steps, 0.0)
        for _ in range(BUILDS):
            for name, step in steps.items():
                started = time.process_time()
                step()
                spent[name] += time.process_time() - started
        print(f"round {round_number}, {BUILDS} builds of /locations/{slug}/ (CPU ms per build):")
        for name, seconds in spent.items():
            print(f"  {name:42s} {seconds / BUILDS * 1000:6.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else probe.urls()["location_detail"].split("/")[-2])
