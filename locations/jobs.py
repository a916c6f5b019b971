"""Background jobs people wait for: large imports (and their previews) and photo thumbnails.

`start_import` / `queue_thumbnails` record a `Job` and queue the `run_job` task in the same
transaction (the database backend's task is a row), so a job exists exactly when its work
does. `manage.py db_worker` runs it: `run` marks it running, does the work while reporting
progress to the "progress" cache, and stores the outcome on the row.

An import is one database transaction (locations.importers): if the worker crashes or is
killed half-way, nothing of the file is kept. A killed worker cannot say so itself, so a
running job whose progress has not moved for `JOB_HEARTBEAT_TIMEOUT` is marked failed by
`fail_stale_jobs` (run whenever staff look at the jobs, and by `manage.py db_worker`'s
`fail_stale_jobs` command).
"""

import logging
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from locations.importers import IMPORTERS
from locations.importers.csvfile import refuse_nul
from locations.models import Job, JobKind, JobStatus, Photo

logger = logging.getLogger(__name__)

IMPORT_KINDS = {
    "locations": JobKind.IMPORT_LOCATIONS,
    "studios": JobKind.IMPORT_STUDIOS,
}
# What a job keeps of an import's outcomes for the admin page (errors are all kept).
MAX_OUTCOMES_KEPT = 2000
# Progress is written at most this often (seconds); the last row is always written.
PROGRESS_INTERVAL = 0.5


def _progress_cache():
    return caches["progress"]


def _progress_key(job_pk: int) -> str:
    return f"job-progress:{job_pk}"


def read_progress(job: Job) -> tuple[int, int]:
    """(done, total) of a job: live figures while it runs, the stored ones otherwise."""
    if job.status == JobStatus.RUNNING:
        live = _progress_cache().get(_progress_key(job.pk))
        if live:
            return live["done"], live["total"]
    return job.done, job.total


class ProgressReporter:
    """Callable(done, total) that writes a job's progress, at most every PROGRESS_INTERVAL s;
    each write is also the worker's heartbeat."""

    def __init__(self, job: Job, *, echo=None):
        self.job = job
        self.echo = echo
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        if self.echo is not None:
            self.echo(done, total)
        _progress_cache().set(
            _progress_key(self.job.pk),
            {"done": done, "total": total, "at": time.time()},
            timeout=24 * 60 * 60,
        )


def _heartbeat_at(job: Job) -> datetime | None:
    live = _progress_cache().get(_progress_key(job.pk))
    if live:
        return datetime.fromtimestamp(live["at"], tz=timezone.get_current_timezone())
    return job.started_at


def start_import(
    *,
    kind: str,
    text: str,
    user=None,
    title: str = "",
    dry_run: bool = False,
    queue: bool = True,
) -> Job:
    """Queue an import (or, with `dry_run`, its preview) of a CSV file's text; returns the
    job. The user's publish permission and language are the job's. With `queue=False` the
    job is only recorded, for the caller to `run` itself (the command line does). Raises
    `FileFormatError` for a text no job can keep (a NUL: PostgreSQL refuses it)."""
    refuse_nul(text)  # FileFormatError: a job could not even keep the file
    importer = IMPORTERS[kind](user=user)
    return _queue(
        kind=IMPORT_KINDS[kind],
        user=user,
        title=title,
        input_text=text,
        payload={
            "dry_run": dry_run,
            "can_publish": importer.can_publish,
            "language": translation.get_language(),
        },
        queue=queue,
    )


def queue_thumbnails(photos: list[Photo], *, user=None, title: str = "") -> Job:
    """Make these photos' thumbnails in the background (they stay off the pages until then)."""
    return _queue(
        kind=JobKind.THUMBNAILS,
        user=user,
        title=title,
        payload={"photo_ids": [photo.pk for photo in photos]},
        total=len(photos),
    )


def _queue(*, kind, user, title, payload, input_text="", total=0, queue=True) -> Job:
    from locations.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            created_by=user if getattr(user, "pk", None) else None,
            title=title[:200],
            input_text=input_text,
            payload=payload,
            total=total,
        )
        if queue:
            job.task_id = str(run_job.enqueue(job.pk).id)
            job.save(update_fields=["task_id"])
    return job


def run(job_pk: int, *, echo=None) -> str:
    """Run one job (the task's body); returns its final status. A job that is no longer
    waiting (already run, or failed as stale) is left alone. `echo(done, total)` also
    hears the progress (the command line prints it)."""
    claimed = Job.objects.filter(pk=job_pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.get(pk=job_pk)
    if not claimed:
        return job.status
    try:
        with translation.override(job.payload.get("language") or settings.LANGUAGE_CODE):
            HANDLERS[job.kind](job, ProgressReporter(job, echo=echo))
    except Exception as exc:
        _finish(
            job,
            JobStatus.FAILED,
            error=_("The job stopped with an error: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"},
        )
        raise
    return job.status


def _finish(job: Job, status: str, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.status = status
    job.finished_at = timezone.now()
    job.save()
    _progress_cache().delete(_progress_key(job.pk))
    logger.info("job_finished job=%s kind=%s status=%s", job.pk, job.kind, status)


def _run_import(job: Job, progress: ProgressReporter) -> None:
    kind = "locations" if job.kind == JobKind.IMPORT_LOCATIONS else "studios"
    importer = IMPORTERS[kind](user=job.created_by, can_publish=job.payload.get("can_publish"))
    dry_run = bool(job.payload.get("dry_run"))
    report = importer.run(job.input_text, dry_run=dry_run, progress=progress)
    changed = [o for o in report.outcomes if o.action != "unchanged"]
    result = {
        "dry_run": dry_run,
        "committed": report.committed,
        "counts": {record: dict(counter) for record, counter in report.counts().items()},
        "errors": [str(error) for error in report.errors],
        "notes": [str(note) for note in report.notes],
        "outcomes": [
            [o.line, o.record_label, o.label, o.action_label, ", ".join(o.changes)]
            for o in changed[:MAX_OUTCOMES_KEPT]
        ],
        "outcomes_left_out": max(0, len(changed) - MAX_OUTCOMES_KEPT),
    }
    if report.ok:
        _finish(
            job,
            JobStatus.SUCCEEDED,
            total=report.rows,
            done=report.rows,
            summary=report.summary(),
            result=result,
        )
    else:
        _finish(
            job,
            JobStatus.FAILED,
            total=report.rows,
            done=0,
            summary=_("%(count)d problem(s); nothing was imported.")
            % {"count": len(report.errors)},
            error=_("The file has problems (listed below); nothing was imported."),
            result=result,
        )


def _run_thumbnails(job: Job, progress: ProgressReporter) -> None:
    from locations.photos.thumbnails import generate_thumbnails

    ids = job.payload.get("photo_ids", [])
    photos = Photo.objects.filter(pk__in=ids).order_by("pk")
    done = 0
    for photo in photos:
        generate_thumbnails(photo)
        photo.thumbnails_ready = True
        # A save (not update): visitors' cached pages start showing the photo at once.
        photo.save(update_fields=["thumbnails_ready"])
        done += 1
        progress(done, len(ids))
    _finish(
        job,
        JobStatus.SUCCEEDED,
        done=done,
        total=len(ids),
        summary=_("%(count)d photo(s) ready") % {"count": done},
    )


HANDLERS = {
    JobKind.IMPORT_LOCATIONS: _run_import,
    JobKind.IMPORT_STUDIOS: _run_import,
    JobKind.THUMBNAILS: _run_thumbnails,
}


def fail_stale_jobs(now: datetime | None = None) -> int:
    """Mark running jobs whose worker went silent (killed, crashed, machine lost) as failed;
    returns how many. Their import's transaction never committed, so nothing was kept."""
    now = now or timezone.now()
    timeout = settings.JOB_HEARTBEAT_TIMEOUT
    stale = 0
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        beat = _heartbeat_at(job)
        if beat is not None and now - beat < timeout:
            continue
        updated = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED,
            finished_at=now,
            error=_(
                "The worker stopped while running this job (it was killed or crashed). "
                "Nothing was saved: start the job again."
            ),
        )
        stale += updated
    return stale
