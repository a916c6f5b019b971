"""The tour planner's admin: itineraries with their stops inline, checks, copies, private links.

Location and studio pickers: autocomplete when LocationAdmin/StudioAdmin are registered with
`search_fields` (the catalogue admin does so); otherwise a raw id box with the lookup popup.
Nothing is registered here for locations or studios, so the order in which admin modules
are imported never matters.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from locations.models import Itinerary, ItineraryStop, Location, Studio
from locations.permits import stop_deadline
from locations.planning import duplicate_itinerary
from locations.tour_forms import DuplicateItineraryForm

from .common import AUDIT_FIELDS, AuditedAdminMixin

REGENERATE_BUTTON = "_regenerate_share_link"


def _searchable(admin_site, model) -> bool:
    model_admin = admin_site._registry.get(model)
    return bool(model_admin and model_admin.search_fields)


class ItineraryStopInline(admin.StackedInline):
    model = ItineraryStop
    extra = 1
    ordering = ("date", "start_time", "pk")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("date", "start_time", "end_time", "travel_mode"),
                    ("location", "studio"),
                    ("title", "overlap", "permit_deadline"),
                    "notes",
                )
            },
        ),
        (
            _("A place that is not in the catalogue (hotel, restaurant, office)"),
            {"fields": ("address", ("latitude", "longitude")), "classes": ("collapse",)},
        ),
    )
    readonly_fields = ("overlap", "permit_deadline")
    raw_id_fields = ("location", "studio")
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).with_overlaps().select_related("location")

    def get_autocomplete_fields(self, request):
        """Autocomplete where the place's admin can search; the raw id box otherwise."""
        return tuple(
            name
            for name, model in (("location", Location), ("studio", Studio))
            if _searchable(self.admin_site, model)
        )

    @admin.display(description=_("overlap"))
    def overlap(self, stop):
        if getattr(stop, "overlaps", False):
            return format_html('<strong class="errornote">⚠ {}</strong>', _("overlaps"))
        return ""

    @admin.display(description=_("permits: apply by"))
    def permit_deadline(self, stop):
        """The location's last day to apply for this stop's date, flagged when too close."""
        deadline = stop_deadline(stop) if stop.pk and stop.date else None
        if deadline is None:
            return "—"
        day = date_format(deadline.apply_by, "WEEKDAY_DATE_YEAR_FORMAT")
        if deadline.too_close:
            return format_html('<strong class="errornote">⚠ {} ({})</strong>', day, _late(deadline))
        return day


def _late(deadline) -> str:
    return str(_("passed") if deadline.passed else _("today"))


def late_permit_message(itinerary):
    """The warning naming the tour's stops whose permit deadline has passed or is today, or
    None when there are none."""
    stops = itinerary.stops.filter(location__permit_lead_days__isnull=False).select_related(
        "location"
    )
    late = [(s, d) for s in stops if (d := stop_deadline(s)) and d.too_close]
    if not late:
        return None
    return format_html(
        "{} {}",
        _("These stops are too close for their permits:"),
        format_html_join(
            "; ",
            "{} {}: {} {} ({})",
            (
                (
                    date_format(stop.date, "WEEKDAY_DATE_FORMAT"),
                    stop.name,
                    _("apply by"),
                    date_format(deadline.apply_by, "WEEKDAY_DATE_FORMAT"),
                    _late(deadline),
                )
                for stop, deadline in late
            ),
        ),
    )


@admin.register(Itinerary)
class ItineraryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "start_date",
        "end_date",
        "status",
        "stop_count",
        "overlap_flag",
        "public_link",
    )
    list_filter = ("status",)
    search_fields = ("title", "description", "party")
    date_hierarchy = "start_date"
    ordering = ("-start_date",)
    prepopulated_fields = {"slug": ("title",)}
    save_on_top = True
    inlines = [ItineraryStopInline]
    actions = ["duplicate_as_template", "regenerate_share_links"]
    readonly_fields = AUDIT_FIELDS
    # Adds the private link and its "make a new link" button below the fields.
    change_form_template = "admin/locations/itinerary/change_form.html"
    fieldsets = (
        (None, {"fields": ("title", "slug", "status", ("start_date", "end_date"))}),
        (_("Guests"), {"fields": ("party_size", "party", "description")}),
        (
            _("Record"),
            {
                "fields": (("created_by", "created_at"), ("updated_by", "updated_at")),
                "classes": ("collapse",),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stop_count=Count("stops")).with_overlap_flag()

    @admin.display(description=_("stops"), ordering="stop_count")
    def stop_count(self, itinerary):
        return itinerary.stop_count

    @admin.display(description=_("overlaps"), boolean=True, ordering="has_overlaps")
    def overlap_flag(self, itinerary):
        # The boolean icon shows a red cross for "no": invert so that a cross means trouble.
        return not itinerary.has_overlaps

    @admin.display(description=_("page"))
    def public_link(self, itinerary):
        return format_html('<a href="{}">{}</a>', itinerary.get_absolute_url(), _("view"))

    def save_model(self, request, obj, form, change):
        if change and REGENERATE_BUTTON in request.POST:
            obj.regenerate_share_token(save=False)  # saved with the form below
            self.message_user(
                request, _("New private link made: the old one no longer works."), messages.INFO
            )
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            itinerary = self.get_object(request, object_id)
            message = late_permit_message(itinerary) if itinerary else None
            if message:
                self.message_user(request, message, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # "Save and continue" comes back to the change page, which warns on its own (GET).
        message = None if "_continue" in request.POST else late_permit_message(form.instance)
        if message:
            self.message_user(request, message, messages.WARNING)
        overlapping = list(
            form.instance.stops.with_overlaps().filter(overlaps=True).order_by("date", "start_time")
        )
        if overlapping:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    _("These stops overlap on the same day; check the times:"),
                    format_html_join(
                        "; ",
                        "{} {}–{} {}",
                        (
                            (
                                date_format(s.date, "WEEKDAY_DATE_FORMAT"),
                                f"{s.start_time:%H:%M}",
                                f"{s.end_time:%H:%M}" if s.end_time else "",
                                s.name,
                            )
                            for s in overlapping
                        ),
                    ),
                ),
                messages.WARNING,
            )

    def response_change(self, request, obj):
        if REGENERATE_BUTTON in request.POST:
            # Stay on the page so that the new link can be copied.
            return _stay(obj)
        return super().response_change(request, obj)

    @admin.action(description=_("Duplicate as a template for the next tour"), permissions=["add"])
    def duplicate_as_template(self, request, queryset):
        form = DuplicateItineraryForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                with transaction.atomic():  # every copy or none
                    copies = [
                        duplicate_itinerary(
                            itinerary=itinerary,
                            user=request.user,
                            start_date=form.cleaned_data["start_date"],
                        )
                        for itinerary in queryset
                    ]
            except ValueError as error:  # a copy's days would leave the calendar
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext(
                    "Made %(n)d draft copy: change its title, dates and guests.",
                    "Made %(n)d draft copies: change their titles, dates and guests.",
                    len(copies),
                )
                % {"n": len(copies)},
                messages.SUCCESS,
            )
            if len(copies) == 1:
                return _stay(copies[0])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Duplicate as a template for the next tour"),
            "queryset": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "duplicate_as_template",
        }
        return TemplateResponse(request, "admin/locations/itinerary/duplicate.html", context)

    @admin.action(
        description=_("Make new private links (old ones stop working)"), permissions=["change"]
    )
    def regenerate_share_links(self, request, queryset):
        for itinerary in queryset:
            itinerary.regenerate_share_token()
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Made %(n)d new private link; the old one no longer works.",
                "Made %(n)d new private links; the old ones no longer work.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )


def _stay(itinerary) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:locations_itinerary_change", args=[itinerary.pk]))
