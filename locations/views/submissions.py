"""/locations/submit/: owners and scouts suggest a place; editors review it in the admin.

Abuse limits (docs/security.md): a honeypot field, per-address rate limits on posting the
form and on places accepted (RATE_LIMITS "submit" and "submit_accepted", locations.ratelimits),
photo count and size limits checked before anything is stored.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from locations.ratelimits import enforce, usage
from locations.security import client_ip
from locations.submission_forms import SubmissionForm
from locations.submissions import submit_place

logger = logging.getLogger(__name__)

THANKS_SESSION_KEY = "submitted_place"


def _enforce_limits(request) -> None:
    """Every POST counts; accepted places have their own, smaller limit (counted once saved),
    so a person correcting typos is not locked out. Over either: the 429 page."""
    enforce(request, "submit")
    enforce(request, "submit_accepted", increment=False)


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The form; a valid POST saves the place in review and goes to the thank-you page."""
    if request.method != "POST":
        return render(request, "locations/submit.html", {"form": SubmissionForm()})
    _enforce_limits(request)
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
    usage(request, "submit_accepted")
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
