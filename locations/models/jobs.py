"""Background jobs people wait for: a large import, the thumbnails of an upload.

A `Job` is what the admin shows (kind, who started it, progress, result); the work itself
runs as a task of Django's tasks API in `manage.py db_worker` (locations.jobs). Progress
while a job runs is kept in the "progress" cache, because an import writes inside one
transaction that nobody else can see until it commits; the row holds the final figures.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT_LOCATIONS = "import_locations", _("Import locations")
    IMPORT_STUDIOS = "import_studios", _("Import studios")
    THUMBNAILS = "thumbnails", _("Thumbnails")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


class JobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])


class Job(models.Model):
    """One background job and its outcome (an import is all-or-nothing: see `result`)."""

    kind = models.CharField(_("kind"), max_length=20, choices=JobKind)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus, default=JobStatus.QUEUED, db_index=True
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # What to work on: the file's text for an import, photo ids for thumbnails.
    input_text = models.TextField(editable=False, blank=True)
    payload = models.JSONField(editable=False, default=dict, blank=True)
    # Final figures (while running, see locations.jobs.progress).
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    # {"counts": …, "errors": ["line 4: …"], "notes": […]} for imports.
    result = models.JSONField(_("result"), default=dict, blank=True, editable=False)
    error = models.TextField(_("reason for failure"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True, editable=False)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
