"""Shared admin pieces: audit fields, the publish workflow, the edit-conflict check, counts."""

from django.contrib import admin, messages
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from locations.models import Status
from locations.workflow import allowed_status, publish_permission

AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")


def related_count(model, fk: str):
    """A subquery counting `model` rows pointing at the outer row (no GROUP BY on the list)."""
    counts = (
        model.objects.filter(**{fk: models.OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counts), 0)


class AuditedAdminMixin:
    """Records who created and last changed a record (the fields are read-only)."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class PublishWorkflowMixin:
    """Fixers draft and submit for review; users with the publish permission publish.

    Without the permission the status field offers only draft/review, a published record's
    status is read-only, and save_model applies the same rule as the importer (so history's
    revert form cannot publish either).
    """

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(publish_permission(self.model))

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(s.value, s.label) for s in (Status.DRAFT, Status.REVIEW)]
            kwargs["help_text"] = _(
                "Choose “In review” when it is ready to publish; an editor publishes it."
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        published = obj is not None and obj.status == Status.PUBLISHED
        if published and not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def save_model(self, request, obj, form, change):
        stored = None
        if change:
            stored = (
                type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True)
            ).first()
        decision = allowed_status(
            obj.status, stored, can_publish=self.has_publish_permission(request)
        )
        if decision.note:
            obj.status = decision.status
            self.message_user(request, decision.note, messages.WARNING)
        super().save_model(request, obj, form, change)

    def _move(self, request, queryset, to: str, sources: tuple[str, ...]) -> int:
        """Move the selected records in `sources` to status `to`; return how many moved."""
        # One save per record (not queryset.update) so history and "updated by" are kept.
        moved = 0
        for obj in queryset.filter(status__in=sources):
            obj.status = to
            obj.updated_by = request.user
            obj.save(update_fields=["status", "updated_by", "updated_at"])
            moved += 1
        return moved

    @admin.action(description=_("Submit selected for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        count = self._move(request, queryset, Status.REVIEW, (Status.DRAFT,))
        message = ngettext(
            "%(count)d draft submitted for review.", "%(count)d drafts submitted for review.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish selected"), permissions=["publish"])
    def publish(self, request, queryset):
        count = self._move(request, queryset, Status.PUBLISHED, (Status.DRAFT, Status.REVIEW))
        message = ngettext("%(count)d record published.", "%(count)d records published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Unpublish selected (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._move(request, queryset, Status.DRAFT, (Status.PUBLISHED,))
        message = ngettext("%(count)d record unpublished.", "%(count)d records unpublished.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


class ReadOnlyAdminMixin:
    """Reference data shipped by migrations: viewable, never edited in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Where a place is, as fixers fill it in: the same fieldset on locations and studios.
PLACE_FIELDSET = (
    _("Place"),
    {
        "fields": (
            "prefecture",
            "municipality",
            ("address", "address_ja"),
            ("latitude", "longitude"),
        )
    },
)
