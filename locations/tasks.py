"""Background jobs (Django's tasks API): what runs in `manage.py db_worker`, not in a request.

Each task takes plain JSON arguments (ids, text), as the database backend stores them.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text message (rendered by locations.mail); returns 1 when sent."""
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    ).send()


@task()
def run_job(job_pk: int) -> str:
    """Run a background `Job` (an import, a preview, thumbnails); see locations.jobs."""
    from locations import jobs

    return jobs.run(job_pk)
