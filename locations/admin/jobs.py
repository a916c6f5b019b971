"""Background jobs in the admin: what is running, its progress, and what it did.

A job's page refreshes itself while the job waits or runs. A finished import preview offers
"Import these rows", which queues the real import of the same file for the person who
confirms it (with their own permissions).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from locations.jobs import IMPORT_KINDS, fail_stale_jobs, read_progress, start_import
from locations.models import Job, JobKind, JobStatus, Location, Studio

# Which catalogue admin decides who may import what a job holds.
IMPORT_MODELS = {JobKind.IMPORT_LOCATIONS: Location, JobKind.IMPORT_STUDIOS: Studio}
KIND_NAMES = {job_kind: kind for kind, job_kind in IMPORT_KINDS.items()}
# Seconds between refreshes of an unfinished job's page.
REFRESH_SECONDS = 2


def progress_text(job: Job) -> str:
    done, total = read_progress(job)
    if not total:
        return "—"
    return f"{done:,} / {total:,}"


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "status_badge", "progress", "created_by", "created_at")
    list_filter = ("status", "kind")
    list_select_related = ("created_by",)
    date_hierarchy = "created_at"
    list_per_page = 50
    change_form_template = "admin/locations/job.html"

    def has_add_permission(self, request):
        return False  # jobs are started by an import or an upload

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/import/",
                self.admin_site.admin_view(self.confirm_import_view),
                name="locations_job_confirm_import",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, job):
        return format_html(
            '<span class="job-status job-{}">{}</span>', job.status, job.get_status_display()
        )

    @admin.display(description=_("progress"))
    def progress(self, job):
        return progress_text(job)

    def changelist_view(self, request, extra_context=None):
        fail_stale_jobs()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job's page (read-only): progress while it runs, then its outcome."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        fail_stale_jobs()
        job = get_object_or_404(Job.objects.select_related("created_by"), pk=object_id)
        done, total = read_progress(job)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "refresh_seconds": None if job.is_finished else REFRESH_SECONDS,
            "can_import": self._can_confirm(request, job),
        }
        return TemplateResponse(request, self.change_form_template, context)

    def _can_confirm(self, request, job: Job) -> bool:
        """A finished, clean preview may be imported by someone allowed to import it."""
        model = IMPORT_MODELS.get(job.kind)
        if model is None or job.status != JobStatus.SUCCEEDED:
            return False
        if not job.result.get("dry_run"):
            return False
        model_admin = self.admin_site.get_model_admin(model)
        return model_admin.has_import_permission(request)

    def confirm_import_view(self, request, pk):
        """POST: import the file a clean preview checked, as a new job."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        preview = get_object_or_404(Job, pk=pk)
        if not self._can_confirm(request, preview):
            raise PermissionDenied
        job = start_import(
            kind=KIND_NAMES[preview.kind],
            text=preview.input_text,
            user=request.user,
            title=preview.title,
        )
        self.message_user(
            request,
            _("The import is queued: this page shows its progress."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:locations_job_change", args=[job.pk]))
