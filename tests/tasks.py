"""Running queued background jobs in tests: the real worker, in batch mode."""

from django.core.management import call_command


def run_queued_tasks() -> None:
    """Run every queued task with `manage.py db_worker --batch` (same database connection,
    so it sees the test's rows), then return."""
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0",
        verbosity=0,
    )
