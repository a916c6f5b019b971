"""Running queued background jobs in tests: the real worker's task runner, in this process.

`manage.py db_worker` itself calls `close_old_connections()` between tasks, which closes a
connection inside a test's transaction (on PostgreSQL that ends the test's view of its own
rows). So this claims each ready task and runs it with the worker's own `run_task`, as the
command does, minus the loop."""

from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    """Run every queued task (and any they queue) until none is left; returns how many."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    count = 0
    while True:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().get_locked()
            if task is None:
                return count
            task.claim(worker.worker_id)
        worker.run_task(task)
        count += 1
