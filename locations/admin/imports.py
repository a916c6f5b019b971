"""CSV import (upload → preview → confirm) and export on the locations and studios lists.

The format and all its rules live in locations.importers; this is only the admin's door to
them. The previewed file travels to the confirm step signed (and compressed) in the form, tied
to the user and the kind of file, so the confirm imports exactly what was previewed and works
with any number of app servers.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from locations.importers import IMPORTERS, MAX_IMPORT_BYTES, write_csv
from locations.jobs import start_import

# How long a preview may wait for its confirm.
PREVIEW_MAX_AGE_SECONDS = 60 * 60


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with a header row (in Excel: Save As → “CSV UTF-8”). "
            "You will see what changes before anything is saved."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: split it into several files.")
                % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


class CatalogueImportExportMixin:
    """Adds Import CSV / Export CSV to a changelist (and an export action)."""

    import_kind = ""
    change_list_template = "admin/locations/change_list_import_export.html"
    import_template = "admin/locations/import.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_import_permission": self.has_import_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def _changelist_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def import_view(self, request):
        """GET: the upload form. POST file: the preview. POST confirm: the import."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        importer = IMPORTERS[self.import_kind](user=request.user)
        salt = f"locations.import.{self.import_kind}.{request.user.pk}"
        form, report, payload = ImportForm(), None, None
        if request.method == "POST" and "confirm" in request.POST:
            try:
                text = signing.loads(
                    request.POST.get("payload", ""), salt=salt, max_age=PREVIEW_MAX_AGE_SECONDS
                )
            except signing.BadSignature:
                self.message_user(
                    request,
                    _("The preview has expired: upload the file again."),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            report = importer.run(text)
            if report.ok:
                for note in report.notes:
                    self.message_user(request, str(note), messages.WARNING)
                self.message_user(request, _("Imported: %s.") % report.summary(), messages.SUCCESS)
                return HttpResponseRedirect(self._changelist_url())
            # The catalogue changed since the preview: the errors are shown below.
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = upload.read()
                # A file with a NUL cannot be kept by a job: the preview below names its lines.
                if (
                    importer.count_rows(data) > settings.IMPORT_BACKGROUND_ROWS
                    and b"\x00" not in data
                ):
                    # A large file is previewed (and then imported) by a background job.
                    job = start_import(
                        kind=self.import_kind,
                        text=data.decode("utf-8-sig"),
                        user=request.user,
                        title=upload.name,
                        dry_run=True,
                    )
                    self.message_user(
                        request,
                        _(
                            "A large file: it is being checked in the background. This page "
                            "shows the progress, then the preview."
                        ),
                        messages.INFO,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:locations_job_change", args=[job.pk])
                    )
                report = importer.run(data, dry_run=True)
                if report.ok:
                    payload = signing.dumps(data.decode("utf-8-sig"), salt=salt, compress=True)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import %s") % self.opts.verbose_name_plural,
            "form": form,
            "report": report,
            "payload": payload,
            "columns": ",".join(importer.columns),
            "optional_columns": ", ".join(importer.optional_columns),
            "background_rows": settings.IMPORT_BACKGROUND_ROWS,
            "can_publish": importer.can_publish,
        }
        return TemplateResponse(request, self.import_template, context)

    def export_view(self, request):
        """The changelist's current selection (filters and search) as CSV."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(self._changelist_url())
        return self._csv_response(changelist.get_queryset(request))

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_selected(self, request, queryset):
        return self._csv_response(queryset)

    def _csv_response(self, queryset) -> HttpResponse:
        response = HttpResponse(
            write_csv(self.import_kind, queryset), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{self.import_kind}-{stamp}.csv"'
        return response
