"""Shortlists: a signed-in user's candidate places with notes and a ranking (the shared
link's pages and the viewers' answers are in views/sharing.py).

Every write is a POST with CSRF; htmx requests get the changed fragment back, plain form
posts a redirect. Someone else's shortlist is a 404, as if it did not exist.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from locations.models import Shortlist
from locations.planning import (
    add_to_shortlist,
    itinerary_from_shortlist,
    move_shortlist_item,
)
from locations.share_forms import ShareSettingsForm
from locations.sharing import owner_view, tally_replies
from locations.tour_forms import (
    AddToShortlistForm,
    MoveForm,
    ShortlistForm,
    ShortlistItemForm,
    StartDateForm,
)

from .itineraries import PackageEntry, place_url_for, render_package


def _safe_next(request, fallback: str) -> str:
    """Where to go back to: `next` or the referring page when on this site, else `fallback`."""
    for candidate in (
        request.POST.get("next"),
        request.GET.get("next"),
        request.headers.get("Referer"),
    ):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return fallback


def public_places(request) -> bool:
    """Non-staff never see a place that was unpublished after it was shortlisted."""
    return not request.user.is_staff


def own_shortlist(request, pk, queryset=None):
    """The signed-in user's shortlist `pk`, or a 404 (someone else's is as if it did not exist)."""
    queryset = queryset if queryset is not None else Shortlist.objects.all()
    return get_object_or_404(queryset.owned_by(request.user), pk=pk)


def _own_item(request, pk, item_pk):
    shortlist = own_shortlist(request, pk)
    return shortlist, get_object_or_404(shortlist.items, pk=item_pk)


def can_plan_tours(user) -> bool:
    """Tours live in the admin: only staff who may add itineraries turn a shortlist into one."""
    return user.is_authenticated and user.is_staff and user.has_perm("locations.add_itinerary")


def _rows(shortlist, user):
    """Items in rank order with their position and a link when the visitor may follow it."""
    items = list(shortlist.items.all())
    return [
        {
            "item": item,
            "position": n,
            "last": n == len(items),
            "place_url": place_url_for(item.place, user),
        }
        for n, item in enumerate(items, start=1)
    ]


def items_context(request, shortlist, *, editable: bool) -> dict:
    """The rows of a shortlist's page; the owner's (`editable`) carry forms and the answers."""
    rows = _rows(shortlist, request.user)
    context = {"shortlist": shortlist, "rows": rows, "editable": editable}
    if editable:
        for row in rows:
            row["form"] = ShortlistItemForm(instance=row["item"])
        context.update(owner_view(shortlist, rows))
    return context


def _items_partial(request, pk):
    """The owner's items, read again after a change: what htmx swaps into the page."""
    shortlist = own_shortlist(
        request, pk, Shortlist.objects.with_items(published_places=public_places(request))
    )
    return render(
        request, "shortlists/_items.html", items_context(request, shortlist, editable=True)
    )


@login_required
def shortlist_list(request):
    """The user's shortlists, and a form to start a new one (POST)."""
    form = ShortlistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shortlist = form.save(commit=False)
        shortlist.owner = request.user
        shortlist.save()
        messages.success(request, _("Shortlist created."))
        return redirect(shortlist)
    shortlists = Shortlist.objects.owned_by(request.user).annotate(item_count=Count("items"))
    status = 400 if form.is_bound else 200
    return render(
        request, "shortlists/list.html", {"shortlists": shortlists, "form": form}, status=status
    )


@require_POST
def shortlist_add(request):
    """Add a location or a studio (`item_type`, `item`) to a shortlist (`shortlist`, optional:
    the most recently used one by default)."""
    back = _safe_next(request, reverse("shortlists:list"))
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    form = AddToShortlistForm(request.POST, user=request.user)
    if not form.is_valid():
        if request.htmx:
            return HttpResponse(_("That place cannot be shortlisted."), status=400)
        messages.error(request, _("That place cannot be shortlisted."))
        return HttpResponseRedirect(back)
    place = form.cleaned_data["place"]
    item, created = add_to_shortlist(
        user=request.user, place=place, shortlist=form.cleaned_data.get("shortlist_obj")
    )
    if request.htmx:
        context = {
            "item_type": form.cleaned_data["item_type"],
            "item": place,
            "shortlisted_in": item.shortlist,
        }
        return render(request, "includes/shortlist_button.html", context)
    text = _("Added to “%(title)s”.") if created else _("Already on “%(title)s”.")
    messages.success(request, text % {"title": item.shortlist.title})
    return HttpResponseRedirect(back)


@login_required
def shortlist_detail(request, pk):
    """The owner's page: items with their notes and ranking; POST renames the list."""
    shortlist = own_shortlist(
        request, pk, Shortlist.objects.with_items(published_places=public_places(request))
    )
    # A copy, so that a rejected title does not show in the page's heading.
    form = ShortlistForm(request.POST or None, instance=copy.copy(shortlist))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Shortlist saved."))
        return redirect(shortlist)
    context = items_context(request, shortlist, editable=True)
    context.update(
        form=form,
        share_url=request.build_absolute_uri(shortlist.get_share_url()),
        share_form=ShareSettingsForm(instance=shortlist),
        can_plan=can_plan_tours(request.user),
        plan_form=StartDateForm(),
    )
    return render(request, "shortlists/detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def item_update(request, pk, item_pk):
    """Save an item's note and "top choice for"."""
    shortlist, item = _own_item(request, pk, item_pk)
    form = ShortlistItemForm(request.POST, instance=item)
    saved = form.is_valid()
    if saved:
        form.save()
        shortlist.save(update_fields=["updated_at"])
    if request.htmx:
        row = {
            "item": item,
            "place_url": place_url_for(item.place, request.user),
            "form": form,
            "tally": tally_replies(list(item.replies.order_by("-created_at", "-pk"))).get(item.pk),
        }
        # Where the item sits in the list the page shows (for its badge and arrows).
        position = request.POST.get("position", "")
        row["position"] = int(position) if position.isdecimal() else ""
        row["last"] = bool(request.POST.get("last"))
        context = {"row": row, "shortlist": shortlist, "editable": True, "saved": saved}
        return render(request, "shortlists/_item.html", context, status=200 if saved else 400)
    if saved:
        messages.success(request, _("Note saved."))
    else:
        messages.error(
            request,
            _("The note could not be saved: %(errors)s")
            % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
        )
    return redirect(f"{shortlist.get_absolute_url()}#item-{item.pk}")


@login_required
@require_POST
def item_move(request, pk, item_pk):
    """Move an item one place up or down the ranking."""
    shortlist, item = _own_item(request, pk, item_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose up or down."), status=400)
    move_shortlist_item(item=item, direction=form.cleaned_data["direction"])
    shortlist.save(update_fields=["updated_at"])
    if request.htmx:
        return _items_partial(request, pk)
    return redirect(f"{shortlist.get_absolute_url()}#item-{item.pk}")


@login_required
@require_POST
def item_remove(request, pk, item_pk):
    shortlist, item = _own_item(request, pk, item_pk)
    item.delete()
    shortlist.save(update_fields=["updated_at"])
    if request.htmx:
        return _items_partial(request, pk)
    messages.success(request, _("Removed from the shortlist."))
    return redirect(shortlist)


@login_required
@require_POST
def shortlist_regenerate_link(request, pk):
    """A new link (live again if it was revoked); whoever had the old one loses access."""
    shortlist = own_shortlist(request, pk)
    shortlist.regenerate_share_token()
    messages.success(request, _("New link made: the old one no longer works."))
    return redirect(f"{shortlist.get_absolute_url()}#share")


@login_required
@require_POST
def shortlist_delete(request, pk):
    shortlist = own_shortlist(request, pk)
    shortlist.delete()
    messages.success(request, _("Shortlist deleted."))
    return redirect("shortlists:list")


@login_required
@require_POST
def shortlist_to_itinerary(request, pk):
    """Staff: turn the shortlist into a draft tour and open it in the admin."""
    if not can_plan_tours(request.user):
        raise PermissionDenied
    shortlist = own_shortlist(request, pk)
    form = StartDateForm(request.POST)
    if not form.is_valid():
        if form.has_error("start_date", code="out_of_calendar"):
            messages.error(request, form.errors["start_date"][0])
        else:
            messages.error(request, _("Choose the tour's first day."))
        return redirect(shortlist)
    try:
        itinerary = itinerary_from_shortlist(
            shortlist=shortlist, start_date=form.cleaned_data["start_date"], user=request.user
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(shortlist)
    messages.success(
        request,
        _("Draft tour “%(title)s” made: check the times, then share it.")
        % {"title": itinerary.title},
    )
    return redirect("admin:locations_itinerary_change", itinerary.pk)


def package_response(request, shortlist, *, shared: bool):
    """The printable scout package of a shortlist (the owner's or the shared link's)."""
    entries = [
        PackageEntry(
            place=item.place,
            kind=item.item_type,
            note=item.note,
            top_choice_for=item.top_choice_for,
        )
        for item in shortlist.items.all()
    ]
    return render_package(
        request, title=shortlist.title, entries=entries, shared=shared, shortlist=shortlist
    )


@login_required
@require_safe
def shortlist_package(request, pk):
    shortlist = own_shortlist(
        request,
        pk,
        Shortlist.objects.with_items(stages=True, published_places=public_places(request)),
    )
    return package_response(request, shortlist, shared=False)
