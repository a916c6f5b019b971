"""/locations/submit/: owners and scouts suggest a place; editors review it in the admin.

Abuse limits (docs/security.md): a honeypot field, per-address rate limits on posting the
form and on places accepted (django-ratelimit counters in the default cache, keyed by
locations.security.client_ip), photo count and size limits checked before anything is stored.
"""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import get_usage

from locations.security import client_ip
from locations.submission_forms import SubmissionForm
from locations.submissions import submit_place

logger = logging.getLogger(__name__)

THANKS_SESSION_KEY = "submitted_place"


def _client_key(group, request) -> str:
    return client_ip(request)


def _usage(request, *, group: str, rate: str, increment: bool) -> dict:
    return get_usage(request, group=group, key=_client_key, rate=rate, increment=increment)


def _limited(request) -> dict | None:
    """The usage that refuses this POST (every POST counts; accepted places have their own,
    smaller limit, so a person correcting typos is not locked out), or None."""
    posts = _usage(
        request, group="submit-post", rate=settings.SUBMISSION_POST_RATE_LIMIT, increment=True
    )
    if posts["should_limit"]:
        return posts
    accepted = _usage(request, group="submit", rate=settings.SUBMISSION_RATE_LIMIT, increment=False)
    return accepted if accepted["count"] >= accepted["limit"] else None


def _too_many(request, usage: dict) -> HttpResponse:
    logger.warning("submission_refused reason=rate_limit ip=%s", client_ip(request))
    minutes = max(1, -(-usage["time_left"] // 60))  # rounded up
    response = render(request, "locations/submit_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(usage["time_left"])
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The form; a valid POST saves the place in review and goes to the thank-you page."""
    if request.method != "POST":
        return render(request, "locations/submit.html", {"form": SubmissionForm()})
    usage = _limited(request)
    if usage is not None:
        return _too_many(request, usage)
    form = SubmissionForm(request.POST, request.FILES)
    if not form.is_valid():
        form.discard_photos()
        if form.has_error("website", "honeypot"):
            logger.warning("submission_refused reason=honeypot ip=%s", client_ip(request))
        # Browsers do not keep chosen files across a page: the form asks for them again.
        context = {"form": form, "photos_dropped": bool(request.FILES.getlist("photos"))}
        return render(request, "locations/submit.html", context, status=400)
    submission = submit_place(
        location=form.save(commit=False), photos=form.prepared, language=get_language()
    )
    _usage(request, group="submit", rate=settings.SUBMISSION_RATE_LIMIT, increment=True)
    request.session[THANKS_SESSION_KEY] = {
        "name": submission.location.local_name,
        "email": submission.submitter_email,
    }
    return redirect("locations:submit_thanks")


@require_safe
def submit_thanks(request: HttpRequest) -> HttpResponse:
    """What happens next; names the place just sent when this browser sent one."""
    submitted = request.session.get(THANKS_SESSION_KEY)
    return render(request, "locations/submit_thanks.html", {"submitted": submitted})
