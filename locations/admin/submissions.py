"""The review queue: places visitors submitted, waiting for an editor's decision.

Fixers and editors see the queue (view permission); only editors (publish_location)
approve — the place is published — or reject with a reason, which is e-mailed to the
submitter in the language they wrote in. The place itself is edited on its own page.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from locations.models import Decision, Photo, Submission
from locations.submissions import DecisionRefused, approve, can_decide, reject

from .photos import thumbnail


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the submitter"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
        help_text=_(
            "E-mailed to the submitter as you write it, in plain text. Be kind and specific: "
            "e.g. “We could not confirm filming is allowed here.”"
        ),
    )


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = (
        "place",
        "prefecture",
        "submitter",
        "submitted_at",
        "photo_count",
        "decision",
    )
    list_display_links = ("place",)
    list_select_related = ("location__prefecture", "location__category")
    list_filter = ("decision", "language", "submitted_at")
    search_fields = (
        "location__name",
        "location__name_ja",
        "submitter_name",
        "submitter_email",
    )
    search_help_text = _("Place name (English or Japanese), submitter's name or e-mail.")
    # Waiting submissions first, newest first within each group.
    ordering = (
        Case(
            When(decision=Decision.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "-submitted_at",
    )
    actions = ["approve_selected", "reject_selected"]
    list_per_page = 50
    fieldsets = (
        (
            _("The place"),
            {"fields": ("place_link", "category", "coordinates", "description", "photos")},
        ),
        (
            _("Submitted by"),
            {"fields": ("submitter_name", "submitter_email", "language", "consent_at")},
        ),
        (_("Decision"), {"fields": ("decision", "reason", "decided_by", "decided_at")}),
    )
    readonly_fields = (
        "place_link",
        "category",
        "coordinates",
        "description",
        "photos",
        "submitter_name",
        "submitter_email",
        "language",
        "consent_at",
        "submitted_at",
        "decision",
        "reason",
        "decided_by",
        "decided_at",
    )

    # Submissions come from the public form and are decided, never edited or deleted here:
    # an editor deletes spam by deleting its place.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request) -> bool:
        return can_decide(request.user)

    def get_queryset(self, request):
        photos = (
            Photo.objects.filter(location=OuterRef("location"))
            .order_by()
            .values("location")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .for_queue()
            .annotate(n_photos=Coalesce(Subquery(photos), 0))
        )

    # Columns and fields ----------------------------------------------------------------

    @admin.display(description=_("place"), ordering="location__name")
    def place(self, obj):
        return str(obj.location)

    @admin.display(description=_("prefecture"), ordering="location__prefecture__code")
    def prefecture(self, obj):
        return obj.location.prefecture.local_name

    @admin.display(description=_("submitted by"), ordering="submitter_name")
    def submitter(self, obj):
        return format_html("{}<br>{}", obj.submitter_name, obj.submitter_email)

    @admin.display(description=_("photos"), ordering="n_photos")
    def photo_count(self, obj):
        return obj.n_photos

    @admin.display(description=_("place"))
    def place_link(self, obj):
        url = reverse("admin:locations_location_change", args=[obj.location.pk])
        return format_html(
            '<a href="{}">{}</a> ({})<br><span class="help">{}</span>',
            url,
            obj.location,
            obj.location.get_status_display(),
            _("Open the place to correct or complete it before deciding."),
        )

    @admin.display(description=_("category"))
    def category(self, obj):
        return obj.location.category.local_name

    @admin.display(description=_("coordinates"))
    def coordinates(self, obj):
        location = obj.location
        if not location.has_coordinates:
            return "—"
        return f"{location.latitude}, {location.longitude} · {location.municipality}"

    @admin.display(description=_("description"))
    def description(self, obj):
        return obj.location.description or obj.location.description_ja or "—"

    @admin.display(description=_("photos"))
    def photos(self, obj):
        photos = list(obj.location.photos.for_gallery())
        if not photos:
            return "—"
        return format_html_join(" ", "{}", ((thumbnail(photo),) for photo in photos))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_decide": self.has_decide_permission(request),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # Decisions -------------------------------------------------------------------------

    def _decide_each(self, request, submissions, decide) -> int:
        """`decide(submission)` for each; a refused one is a warning naming it. How many went."""
        done = 0
        for submission in submissions:
            try:
                decide(submission)
            except DecisionRefused as refused:
                self.message_user(request, f"{submission}: {refused}", messages.WARNING)
            else:
                done += 1
        return done

    @admin.action(description=_("Approve and publish selected"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        done = self._decide_each(
            request,
            queryset.pending().select_related("location"),
            lambda submission: approve(submission, user=request.user),
        )
        message = ngettext(
            "%(count)d place published; its submitter will be told by e-mail.",
            "%(count)d places published; their submitters will be told by e-mail.",
            done,
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Reject selected (with a reason)…"), permissions=["decide"])
    def reject_selected(self, request, queryset):
        pending = queryset.pending().select_related("location")
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            done = self._decide_each(
                request,
                pending,
                lambda submission: reject(submission, user=request.user, reason=reason),
            )
            message = ngettext(
                "%(count)d submission rejected; its submitter will get your reason by e-mail.",
                "%(count)d submissions rejected; their submitters will get your reason by e-mail.",
                done,
            )
            self.message_user(request, message % {"count": done}, messages.SUCCESS)
            return None
        if not pending:
            self.message_user(request, _("None of these submissions is waiting."), messages.INFO)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject submissions"),
            "opts": self.model._meta,
            "form": form,
            "submissions": pending,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/locations/submission/reject.html", context)
