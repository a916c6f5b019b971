"""What the admin of a location and of a studio share: the mixins (edit conflicts, photos,
verification, import/export, publishing, audit, history), the read-only fields, the actions,
the keyword search (the public one), the photo count and the closing fieldsets."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from locations.concurrency import OptimisticLockAdminMixin
from locations.models import Photo, Prefecture
from locations.prefecture_bounds import misplaced_note

from .common import AUDIT_FIELDS, AuditedAdminMixin, PublishWorkflowMixin, related_count
from .imports import CatalogueImportExportMixin
from .photo_pages import PhotoOwnerAdminMixin
from .search import NormalisedSearchMixin
from .verification import ROUND_FIELDS, VerificationAdminMixin, verification_fieldset

# Status, the verification round and the record's audit trail: the end of both forms.
CLOSING_FIELDSETS = (
    (_("Status"), {"fields": ("status", "record_version")}),
    verification_fieldset("verified_on"),
    (_("Record"), {"classes": ("collapse",), "fields": ("slug", *AUDIT_FIELDS)}),
)


class PlaceAdmin(
    OptimisticLockAdminMixin,
    PhotoOwnerAdminMixin,
    VerificationAdminMixin,
    CatalogueImportExportMixin,
    PublishWorkflowMixin,
    AuditedAdminMixin,
    NormalisedSearchMixin,
    SimpleHistoryAdmin,
):
    """The base of LocationAdmin and StudioAdmin; `photo_owner` names Photo's foreign key to
    the model ("location" or "studio"), which the photo count follows."""

    photo_owner = ""
    readonly_fields = ("slug", *AUDIT_FIELDS, *ROUND_FIELDS)
    actions = ["submit_for_review", "publish", "unpublish", "mark_checked", "export_selected"]
    save_on_top = True

    def get_queryset(self, request):
        photos = related_count(Photo, self.photo_owner)
        return super().get_queryset(request).annotate(n_photos=photos)

    def save_model(self, request, obj, form, change):
        """Save, then warn when the coordinates lie in another prefecture (as the importer
        notes it): the place is kept as entered, a remote island or a border town is right."""
        super().save_model(request, obj, form, change)
        if {"prefecture", "latitude", "longitude"} & set(form.changed_data):
            prefectures = {p.code: p for p in Prefecture.objects.all()}
            note = misplaced_note(obj.prefecture, obj.latitude, obj.longitude, prefectures)
            if note:
                self.message_user(request, note, messages.WARNING)

    @admin.display(description=_("photos"), ordering="n_photos")
    def photo_count(self, obj):
        return obj.n_photos
