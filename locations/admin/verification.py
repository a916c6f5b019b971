"""Freshness in the admin: the "Checked" filter and column, the round's read-only fields, an
action to mark records checked, and the owners' change requests (locations.verification)."""

from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from locations.models import ChangeRequest
from locations.models.verification import stale_before
from locations.verification import CHECKED_BY_EDITOR_REASON, confirm

ROUND_FIELDS = (
    "verification_requests_sent",
    "verification_last_sent_at",
    "verification_flagged_at",
    "open_change_requests",
)


class CheckedListFilter(admin.SimpleListFilter):
    """Checked → within N months / over N months ago / never / flagged / change requested."""

    title = _("checked")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        months = settings.VERIFICATION_STALE_MONTHS
        return [
            ("recent", _("Within %(months)d months") % {"months": months}),
            ("stale", _("Over %(months)d months ago") % {"months": months}),
            ("never", _("Never")),
            ("flagged", _("Flagged for editors")),
            ("changes", _("Owner asked for changes")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "recent":
            return queryset.checked_recently()
        if value == "stale":
            return queryset.checked_long_ago()
        if value == "never":
            return queryset.never_checked()
        if value == "flagged":
            return queryset.verification_flagged()
        if value == "changes":
            field = queryset.model._meta.model_name
            open_requests = ChangeRequest.objects.open().filter(**{f"{field}__isnull": False})
            return queryset.filter(pk__in=open_requests.values(field))
        return queryset


class VerificationAdminMixin:
    """For LocationAdmin and StudioAdmin: the column, the round's fields, the action."""

    @admin.display(description=_("checked"), ordering="verified_on")
    def checked(self, obj):
        flag = format_html(' <strong class="checked-flag">⚑ {}</strong>', _("flagged"))
        if obj.verified_on is None:
            text = format_html('<span class="checked-never">{}</span>', _("never"))
        else:
            css = "checked-stale" if obj.verified_on < stale_before() else "checked-recent"
            text = format_html(
                '<span class="{}">{}</span>',
                css,
                date_format(obj.verified_on, "SHORT_TEXT_DATE_FORMAT"),
            )
        return format_html("{}{}", text, flag) if obj.verification_flagged_at else text

    @admin.display(description=_("open change requests"))
    def open_change_requests(self, obj):
        if obj.pk is None:
            return "—"
        field = obj._meta.model_name
        count = ChangeRequest.objects.open().filter(**{field: obj}).count()
        if not count:
            return _("none")
        url = reverse("admin:locations_changerequest_changelist")
        return format_html(
            '<a href="{}?{}__id__exact={}&amp;status=open">{}</a>', url, field, obj.pk, count
        )

    @admin.action(description=_("Mark selected as checked today"), permissions=["change"])
    def mark_checked(self, request, queryset):
        count = 0
        for record in queryset:
            confirm(record, reason=CHECKED_BY_EDITOR_REASON, user=request.user)
            count += 1
        message = ngettext(
            "%(count)d record marked as checked today.",
            "%(count)d records marked as checked today.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


def _describe_round() -> str:
    return _(
        "The owner contact is e-mailed a link to confirm the record when it has not been "
        "checked for %(months)d months, reminded once, then the record is flagged here. "
        "Setting “verified on” ends the round."
    ) % {"months": settings.VERIFICATION_STALE_MONTHS}


# Translated when a page shows it, not once at import.
_round_description = lazy(_describe_round, str)


def verification_fieldset(*fields):
    """The "Checked" fieldset: `fields` (verified_on …) then the round's read-only state."""
    return (
        _("Checked"),
        {
            "description": _round_description(),
            "fields": (*fields, *ROUND_FIELDS),
        },
    )


class ChangeRequestStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("resolved", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    """What owners wrote: editors update the record, then mark the request resolved."""

    list_display = ("created_at", "record_link", "excerpt", "sent_to", "is_resolved")
    list_select_related = ("location", "studio", "resolved_by")
    list_filter = (ChangeRequestStatusFilter, "created_at")
    search_fields = ("message", "sent_to", "location__name", "location__name_ja", "studio__name")
    readonly_fields = (
        "record_link",
        "message",
        "sent_to",
        "created_at",
        "resolved_at",
        "resolved_by",
    )
    fields = readonly_fields
    actions = ["mark_resolved"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # only owners write them, through their link

    @admin.display(description=_("record"))
    def record_link(self, obj):
        record = obj.record
        url = reverse(f"admin:locations_{record._meta.model_name}_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return obj.message if len(obj.message) <= 120 else obj.message[:119] + "…"

    @admin.display(description=_("resolved"), boolean=True, ordering="resolved_at")
    def is_resolved(self, obj):
        return not obj.is_open

    @admin.action(description=_("Mark selected as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = queryset.open().update(resolved_at=timezone.now(), resolved_by=request.user)
        message = ngettext(
            "%(count)d change request resolved.", "%(count)d change requests resolved.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
