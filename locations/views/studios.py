"""Public studio pages: the list with its stage filters, a studio, stage comparison, GeoJSON."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from locations import compare
from locations import units as u
from locations.caching import (
    cached_for_visitors,
    canonical_query,
    visitor_cached,
    visitor_fragment,
)
from locations.filters import StudioFilterSet, convert_sizes_query
from locations.models import ReferenceStage, Soundstage, Studio
from locations.pagination import CappedPaginator
from locations.ratelimits import rate_limited
from locations.shell import page_head, render_page
from locations.views import wants_partial


def _visible_studios(request: HttpRequest):
    return Studio.objects.visible_to(request.user)


def _visible_stages(request: HttpRequest):
    return Soundstage.objects.filter(studio__in=_visible_studios(request))


def _units_context(request: HttpRequest, units: str) -> dict:
    """The chosen units, their symbols, and a link to each unit system (same search)."""
    return {
        "units": units,
        "length_unit": u.length_unit(units),
        "area_unit": u.area_unit(units),
        "units_links": {
            to: "?" + convert_sizes_query(request.GET, from_units=units, to_units=to)
            for to in u.UNITS
        },
    }


@rate_limited("search")
def studio_list(request: HttpRequest) -> HttpResponse:
    """`/studios/`: studios with a stage meeting every figure, largest stage first."""
    units = u.units_for(request)
    compare_ids = compare.remembered_stage_ids(request)
    # The search as shared (address bar, map): its filters, canonically spelt, no page.
    query = canonical_query(request.GET, StudioFilterSet)
    partial = wants_partial(request)
    fragment = "studios/_results.html" if partial else "studios/_catalogue.html"
    # Anonymous visitors with the same units and comparison share the rendered filters and
    # results: a hit runs no query (see locations.caching.visitor_fragment).
    html = visitor_fragment(
        request,
        fragment,
        lambda: render_to_string(
            fragment, _studio_list_context(request, units, compare_ids, query), request
        ),
        units,
        compare_ids,
        query=canonical_query(request.GET, StudioFilterSet, keep=["page"], defaults={"page": "1"}),
    )
    if partial:
        response = HttpResponse(html)
        # The address bar shows the search without empty fields: short enough to share.
        push_url(response, request.path + ("?" + query.urlencode() if query else ""))
    else:
        response = render_page(request, "studios/list.html", {"catalogue": html})
    patch_vary_headers(response, ["HX-Request"])
    return response


def _studio_list_context(request: HttpRequest, units: str, compare_ids: list[int], query) -> dict:
    """Filter and paginate the studios: the context of the list's filters and results."""
    filterset = StudioFilterSet(
        request.GET, queryset=_visible_studios(request), request=request, units=units
    )
    if filterset.is_valid():
        criteria = filterset.criteria
        # The rows alone: the cards' stages and covers are read only for cards not drawn yet
        # (locations.cards.render_studio_cards).
        studios = filterset.qs.card_rows().largest_first()
    else:
        criteria, studios = None, Studio.objects.none()
    page = CappedPaginator(studios, settings.STUDIOS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "stage_criteria": criteria,
        "form": filterset.form,
        "page_obj": page,
        "studios": page.object_list,
        "filtering_stages": bool(filterset.criteria),
        "chips": filterset.active_filters(),
        "geojson_url": reverse("studios:geojson") + ("?" + query.urlencode() if query else ""),
        "compare_ids": compare_ids,
        "compare_query": compare.compare_query(compare_ids, units),
        **_units_context(request, units),
    }


def studio_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """`/studios/<slug>/`: a studio, its stage table (tick stages to compare), photos, map."""
    units = u.units_for(request)
    # Reached from the compare page with `?stage=`, or remembered from earlier in the visit.
    asked, _rejected = compare.parse_stage_ids(request.GET.getlist("stage"))
    chosen = asked or compare.remembered_stage_ids(request)
    # The page's links keep the stages asked for in the URL, and nothing else from it.
    query = QueryDict(mutable=True)
    query.setlist("stage", [str(pk) for pk in asked])

    def build() -> dict:
        studio = get_object_or_404(
            _visible_studios(request).select_related("prefecture__region"), slug=slug
        )
        context = _studio_detail_context(request, studio, units, chosen)
        body = render_to_string("studios/_detail.html", context, request)
        head = page_head("studios", {"studio": studio, "stages": context["stages"]})
        return {"body": body, **head}

    # Anonymous visitors with the same units and comparison share the studio and its
    # rendered body: a hit runs no query.
    page = visitor_cached(request, "studios/_detail.html", build, units, chosen, query=query)
    context = {
        "title": mark_safe(page["title"]),  # noqa: S308 (rendered by our templates)
        "description": mark_safe(page["description"]),  # noqa: S308
        "detail": mark_safe(page["body"]),  # noqa: S308
    }
    return render_page(request, "studios/detail.html", context)


def _studio_detail_context(request: HttpRequest, studio: Studio, units: str, chosen) -> dict:
    """The stage table, photos and comparison of one studio's page."""
    # Nothing chosen is the usual first visit: not even a query to build.
    chosen_elsewhere = chosen and list(
        _visible_stages(request)
        .filter(pk__in=chosen)
        .exclude(studio=studio)
        .select_related("studio")
        .order_by("studio__name", "order", "name")
    )
    stages = list(studio.stages.order_by("order", "name"))
    return {
        "studio": studio,
        "stages": stages,
        "has_computed_area": any(stage.area_is_computed for stage in stages),
        "photos": studio.photos.for_gallery(),
        "chosen_ids": chosen,
        "chosen_elsewhere": chosen_elsewhere,
        **_units_context(request, units),
    }


def stage_compare(request: HttpRequest) -> HttpResponse:
    """`/studios/compare/?stage=ID&stage=ID…`: ticked stages side by side, drawn to scale."""
    units = u.units_for(request)
    ids, rejected = compare.parse_stage_ids(request.GET.getlist("stage"))
    if len(ids) > compare.MAX_STAGES:
        messages.warning(
            request,
            _("Up to %(n)d stages can be compared at once; the first %(n)d are shown.")
            % {"n": compare.MAX_STAGES},
        )
        ids = ids[: compare.MAX_STAGES]
    found = {
        stage.pk: stage
        for stage in _visible_stages(request)
        .filter(pk__in=ids)
        .select_related("studio__prefecture")
    }
    stages = [found[i] for i in ids if i in found]
    missing = len(rejected) + len(ids) - len(stages)
    if missing:
        messages.warning(
            request,
            ngettext(
                "%(n)d requested stage was not found or is not published; it was left out.",
                "%(n)d requested stages were not found or are not published; they were left out.",
                missing,
            )
            % {"n": missing},
        )
    compare.remember_stage_ids(request, [stage.pk for stage in stages])
    references = list(ReferenceStage.objects.all())
    drawing = compare.plans_to_scale([*stages, *references], units)
    selected_ids = [stage.pk for stage in stages]
    context = {
        "stages": stages,
        "references": references,
        "drawing": drawing,
        "columns": [
            {
                "stage": plan.stage,
                "plan": plan,
                "is_reference": isinstance(plan.stage, ReferenceStage),
                "remove_query": compare.compare_query(
                    [i for i in selected_ids if i != plan.stage.pk], units
                ),
            }
            for plan in drawing.plans
        ],
        "ratio_rows": [
            {
                "reference": ref,
                "cells": [_percent(plan.stage.area, ref.area) for plan in drawing.plans],
            }
            for ref in references
        ],
        **_units_context(request, units),
    }
    return render(request, "studios/compare.html", context)


def _percent(area, of_area) -> int | None:
    """`area` as a whole percentage of `of_area` (None when either is unknown)."""
    if not area or not of_area:
        return None
    return round(area / of_area * 100)


@gzip_page  # no CSRF token or secret in GeoJSON, so compression cannot leak one (BREACH)
@rate_limited("geojson")  # before the cache: a hit counts too
@require_safe
@cached_for_visitors(
    key_extra=lambda request: u.units_for(request, remember=False),
    query=lambda request: canonical_query(request.GET, StudioFilterSet),
)
def studios_geojson(request: HttpRequest) -> HttpResponse:
    """`/studios.geojson`: the list's studios (same parameters and order) with coordinates."""
    units = u.units_for(request, remember=False)
    filterset = StudioFilterSet(
        request.GET, queryset=_visible_studios(request), request=request, units=units
    )
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    rows = (
        filterset.qs.filter(latitude__isnull=False, longitude__isnull=False)
        .largest_first()
        .values(
            "slug",
            "name",
            "name_ja",
            "latitude",
            "longitude",
            "is_sample",
            "largest_stage_m2",
            "stage_count",
            "prefecture__name_en",
            "prefecture__name_ja",
        )
    )
    japanese = get_language() == "ja"
    url_prefix, url_suffix = reverse("studios:detail", kwargs={"slug": "__slug__"}).split(
        "__slug__"
    )
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "name": row["name"],
                "name_ja": row["name_ja"],
                "url": url_prefix + row["slug"] + url_suffix,
                "prefecture": row["prefecture__name_ja" if japanese else "prefecture__name_en"],
                "largest_stage_m2": (
                    float(row["largest_stage_m2"]) if row["largest_stage_m2"] is not None else None
                ),
                "stage_count": row["stage_count"],
                "is_sample": row["is_sample"],
                "summary": _summary(row, units),
            },
        }
        for row in rows
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


def _summary(row: dict, units: str) -> str:
    """The map popup's line: "2 stages · largest 1,325 m²"."""
    stages = ngettext("%(n)d stage", "%(n)d stages", row["stage_count"]) % {"n": row["stage_count"]}
    if row["largest_stage_m2"] is None:
        return stages
    return _("%(stages)s · largest %(area)s") % {
        "stages": stages,
        "area": u.format_area(row["largest_stage_m2"], units),
    }
