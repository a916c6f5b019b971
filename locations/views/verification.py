"""An owner's confirmation page, reached from the e-mailed link (no login).

Mail scanners fetch links in e-mails, so the GET only shows the record; confirming and
asking for changes are POSTs with CSRF. The token names the record (locations.verification);
a tampered, expired or superseded link gets a friendly 400 page, a deleted record a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from locations.facts import fact_groups
from locations.ratelimits import rate_limited
from locations.verification import (
    InvalidLink,
    confirm,
    kind_of,
    record_for_token,
    submit_change_request,
)
from locations.verification_forms import ChangeRequestForm

# Reused so the owner confirms exactly the filming notes visitors read.


@require_safe
@never_cache
def check(request: HttpRequest, token: str) -> HttpResponse:
    """The record's key facts, "Still correct" and "Something changed"."""
    try:
        record = record_for_token(token)
    except InvalidLink as error:
        return _invalid(request, error)
    return _page(request, token, record, ChangeRequestForm())


@require_POST
@never_cache
@rate_limited("verify")
def confirm_record(request: HttpRequest, token: str) -> HttpResponse:
    """Still correct: checked today; back to the page, which says so."""
    try:
        record = record_for_token(token)
    except InvalidLink as error:
        return _invalid(request, error)
    checked_on = confirm(record)
    messages.success(
        request,
        _("Thank you. The record now shows “Checked on %(date)s”.")
        % {"date": date_format(checked_on, "SHORT_TEXT_DATE_FORMAT")},
    )
    return redirect("verification:check", token=token)


@require_POST
@never_cache
@rate_limited("verify")
def request_changes(request: HttpRequest, token: str) -> HttpResponse:
    """Something changed: the message goes to the editors; back to the page."""
    try:
        record = record_for_token(token)
    except InvalidLink as error:
        return _invalid(request, error)
    form = ChangeRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, token, record, form, status=400)
    submit_change_request(record, message=form.cleaned_data["message"])
    messages.success(
        request,
        _("Thank you. Our editors have your message and will update the record."),
    )
    return redirect("verification:check", token=token)


def _page(request, token, record, form, status=200) -> HttpResponse:
    kind = kind_of(record)
    context = {
        "token": token,
        "record": record,
        "kind": kind,
        "form": form,
        "fact_groups": fact_groups(record) if kind == "location" else [],
        "stages": list(record.stages.order_by("order", "name")) if kind == "studio" else [],
    }
    return _private(render(request, "verification/check.html", context, status=status))


def _invalid(request, error: InvalidLink) -> HttpResponse:
    context = {"expired": error.expired, "link_days": settings.VERIFICATION_LINK_DAYS}
    return _private(render(request, "verification/invalid.html", context, status=400))


def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the URL: never pass it on to another site, nor index it. Not
    # "no-referrer": browsers then send "Origin: null" with the forms, which CSRF refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
