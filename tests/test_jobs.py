"""Background jobs: large imports previewed and imported by the worker, with progress and
results in the admin; failures, stale jobs, and a worker killed half-way through an import."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from locations.jobs import ProgressReporter, fail_stale_jobs, read_progress, start_import
from locations.models import Job, JobKind, JobStatus, Location
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
HEADER = "ref,name,category,prefecture,municipality,tags"


def stations(n: int, *, bad_line: int | None = None) -> str:
    """A locations file of n rows; `bad_line` (spreadsheet numbering) gets an unknown
    prefecture."""
    rows = [HEADER]
    for i in range(n):
        prefecture = "Tokio" if bad_line == i + 2 else "Osaka"
        rows.append(f"ST{i:05d},Sample Station {i},transport,{prefecture},Town {i},station")
    return "\n".join(rows) + "\n"


def upload(text: str, name="stations.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


IMPORT_URL = "/admin/locations/location/import/"


@pytest.fixture
def small_threshold(settings):
    settings.IMPORT_BACKGROUND_ROWS = 5


def job_page(client, job):
    return client.get(reverse("admin:locations_job_change", args=[job.pk])).content.decode()


def test_a_large_file_is_previewed_then_imported_in_the_background(fixer_client, small_threshold):
    response = fixer_client.post(IMPORT_URL, {"file": upload(stations(20))})
    preview = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:locations_job_change", args=[preview.pk])
    assert (preview.status, preview.kind, preview.title) == (
        JobStatus.QUEUED,
        JobKind.IMPORT_LOCATIONS,
        "stations.csv",
    )
    page = job_page(fixer_client, preview)
    assert "Waiting for a worker" in page
    assert 'http-equiv="refresh"' in page  # follows the job by itself

    run_queued_tasks()
    preview.refresh_from_db()
    assert preview.status == JobStatus.SUCCEEDED
    assert not Location.objects.exists()  # a preview saves nothing
    page = job_page(fixer_client, preview)
    assert "locations: 20 new, 0 updated, 0 unchanged" in page
    assert "Import these rows" in page
    assert 'http-equiv="refresh"' not in page
    assert "Sample Station 19" in page  # the preview table

    confirm = reverse("admin:locations_job_confirm_import", args=[preview.pk])
    response = fixer_client.post(confirm)
    job = Job.objects.exclude(pk=preview.pk).get()
    assert response["Location"] == reverse("admin:locations_job_change", args=[job.pk])
    run_queued_tasks()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.SUCCEEDED, 20, 20)
    assert Location.objects.count() == 20
    assert job.created_by.username == "fixer"
    page = job_page(fixer_client, job)
    assert "20 of 20 done" in page
    assert "Import these rows" not in page  # not a preview


def test_a_small_file_is_still_previewed_in_the_request(fixer_client, small_threshold):
    response = fixer_client.post(IMPORT_URL, {"file": upload(stations(5))})
    assert response.status_code == 200
    assert "Preview: nothing is saved yet" in response.content.decode()
    assert not Job.objects.exists()


def test_a_large_bad_file_fails_with_its_lines_and_imports_nothing(fixer_client, small_threshold):
    fixer_client.post(IMPORT_URL, {"file": upload(stations(30, bad_line=17))})
    run_queued_tasks()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.result["errors"] == ['line 17: unknown prefecture "Tokio"']
    page = job_page(fixer_client, job)
    assert "line 17: unknown prefecture" in page
    assert "nothing was imported" in page
    assert "Import these rows" not in page
    assert not Location.objects.exists()


def test_only_someone_allowed_to_import_may_confirm_a_preview(client, small_threshold):
    from tests import factories

    job = start_import(kind="locations", text=stations(10), dry_run=True)
    run_queued_tasks()
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_job"))
    client.force_login(viewer)
    confirm = reverse("admin:locations_job_confirm_import", args=[job.pk])
    assert "Import these rows" not in job_page(client, job)
    assert client.post(confirm).status_code == 403
    assert client.get(confirm).status_code == 405
    assert Job.objects.count() == 1


def test_the_command_line_records_its_import_as_a_job(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "stations.csv"
    path.write_text(stations(3), encoding="utf-8")
    call_command("import_catalogue", "locations", str(path), stdout=StringIO())
    job = Job.objects.get()
    assert (job.status, job.summary) == (
        JobStatus.SUCCEEDED,
        "locations: 3 new, 0 updated, 0 unchanged",
    )


def test_the_command_can_hand_the_import_to_the_workers(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "stations.csv"
    path.write_text(stations(3), encoding="utf-8")
    out = StringIO()
    call_command("import_catalogue", "locations", str(path), "--background", stdout=out)
    assert "Queued as background job" in out.getvalue()
    assert not Location.objects.exists()
    run_queued_tasks()
    assert Location.objects.count() == 3


def test_progress_is_live_while_running_and_stored_when_done():
    job = Job.objects.create(kind=JobKind.IMPORT_LOCATIONS, status=JobStatus.RUNNING)
    ProgressReporter(job)(40, 100)
    assert read_progress(job) == (40, 100)
    job.status, job.done, job.total = JobStatus.SUCCEEDED, 100, 100
    assert read_progress(job) == (100, 100)


def test_a_running_job_whose_worker_went_silent_is_failed():
    now = timezone.now()
    silent = Job.objects.create(
        kind=JobKind.IMPORT_LOCATIONS,
        status=JobStatus.RUNNING,
        started_at=now - settings.JOB_HEARTBEAT_TIMEOUT - timedelta(seconds=1),
    )
    busy = Job.objects.create(
        kind=JobKind.IMPORT_LOCATIONS, status=JobStatus.RUNNING, started_at=now - timedelta(hours=1)
    )
    ProgressReporter(busy)(10, 100)  # reported just now
    queued = Job.objects.create(kind=JobKind.IMPORT_LOCATIONS)
    assert fail_stale_jobs() == 1
    silent.refresh_from_db()
    assert silent.status == JobStatus.FAILED
    assert "killed or crashed" in silent.error
    assert Job.objects.get(pk=busy.pk).status == JobStatus.RUNNING
    assert Job.objects.get(pk=queued.pk).status == JobStatus.QUEUED


def test_a_job_is_run_once_even_if_its_task_runs_twice():
    job = start_import(kind="locations", text=stations(2))
    from locations.jobs import run

    assert run(job.pk) == JobStatus.SUCCEEDED
    assert run(job.pk) == JobStatus.SUCCEEDED
    assert Location.objects.count() == 2


# A real worker, killed half-way ----------------------------------------------------------


def _scratch_database_url(tmp_path) -> tuple[str, callable]:
    """A new, empty database on the engine the tests run on, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'killed.sqlite3'}", lambda: None
    params = connection.settings_dict
    name = f"rk_killed_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    user = params["USER"] or "postgres"
    url = f"postgres://{user}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"

    def drop():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return url, drop


def _query(url: str, sql: str):
    """One value from the scratch database, through its own connection."""
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
            return db.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return db.execute(sql).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_an_import_leaves_the_catalogue_as_it_was(tmp_path):
    url, drop = _scratch_database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PROGRESS_CACHE_DIR": str(tmp_path / "progress"),
        "JOB_HEARTBEAT_TIMEOUT_SECONDS": "3",
        "DJANGO_DEBUG": "True",
    }

    def manage(*args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
            **kwargs,
        )

    try:
        manage("migrate", "--no-input", "-v", "0")
        path = tmp_path / "stations.csv"
        path.write_text(stations(3000), encoding="utf-8")
        manage("import_catalogue", "locations", str(path), "--background")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        progress = FileBasedCache(str(tmp_path / "progress"), {})
        job_pk = _query(url, "SELECT id FROM locations_job")
        deadline = time.monotonic() + 120
        try:
            while True:
                live = progress.get(f"job-progress:{job_pk}")
                if live and live["done"] >= 200:
                    break
                assert worker.poll() is None, "the worker stopped by itself"
                assert time.monotonic() < deadline, "the import never got going"
                time.sleep(0.05)
            worker.send_signal(signal.SIGKILL)  # no chance to clean up
        finally:
            worker.kill()
            worker.wait(timeout=30)
        assert live["done"] < live["total"] == 3000
        # Nothing of the file was kept, not even the rows done before the kill.
        assert _query(url, "SELECT COUNT(*) FROM locations_location") == 0
        assert _query(url, "SELECT COUNT(*) FROM locations_tag") == 0
        assert _query(url, "SELECT status FROM locations_job") == "running"
        time.sleep(3.5)  # the heartbeat timeout of this scratch setup
        assert "1 stale job(s)" in manage("fail_stale_jobs").stdout
        assert _query(url, "SELECT status FROM locations_job") == "failed"
        assert "killed or crashed" in _query(url, "SELECT error FROM locations_job")
    finally:
        drop()
