"""E-mails to people outside the admin (submitters, owners): rendered now, sent by a job.

A message is rendered from two templates in the recipient's language while the request (or
the job) that decides to write it still has its context, then handed to the background
`send_email` task: a slow or failing mail server never holds up a page, and a message is
queued in the same database transaction as the change it reports (the task is a row).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from locations.tasks import send_email


def render_email(template: str, context: dict, *, language: str | None = None) -> tuple[str, str]:
    """(subject, body) from `emails/<template>_subject.txt` and `emails/<template>.txt`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}.txt", context)
    # A header is one line: templates end with a newline, and a value could hold one.
    return " ".join(subject.split()), body


def queue_email(template: str, context: dict, *, to: str, language: str | None = None):
    """Render `template` for `to` and queue it; returns the task's result handle."""
    subject, body = render_email(template, context, language=language)
    return send_email.enqueue(to=[to], subject=subject, body=body)
