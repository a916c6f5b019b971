"""Structured logs: one key=value line per request, and one per sign-in, sign-out, failed
sign-in and lockout, on the `rokehan.request` and `rokehan.auth` loggers (stdout, 12-factor).

    … logger=rokehan.request method=GET path=/locations/ status=200 duration_ms=12.4 user=anonymous
    … level=WARNING logger=rokehan.auth event=login_failed user=7 ip=203.0.113.9

Query strings are never logged (they can carry tokens), nor URL parts named like a secret;
a request line never costs a database query.
"""

import json
import logging
import re
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.functional import empty

from locations.security import client_ip

request_log = logging.getLogger("rokehan.request")
auth_log = logging.getLogger("rokehan.auth")

# URL keyword arguments whose values are secrets (share tokens, password-reset links).
SECRET_URL_KWARGS = frozenset({"token", "key", "secret", "uidb64"})
MAX_VALUE_LENGTH = 300
_PLAIN_VALUE = re.compile(r"[\w.:/@+\-,%~()*\[\]]+")


def kv(**fields) -> str:
    """`key=value` pairs in order; a value that is empty or holds spaces, quotes, `=` or
    control characters is JSON-quoted, so a hostile path cannot forge a second log line."""
    parts = []
    for key, value in fields.items():
        text = "-" if value is None else str(value)
        if len(text) > MAX_VALUE_LENGTH:
            text = text[:MAX_VALUE_LENGTH] + "…"
        if not _PLAIN_VALUE.fullmatch(text):
            text = json.dumps(text, ensure_ascii=False)
        parts.append(f"{key}={text}")
    return " ".join(parts)


def loggable_path(request) -> str:
    """The path without its query string, with secret URL arguments masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_KWARGS and str(value):
                path = path.replace(str(value), "***")
    return path


def user_label(request) -> str:
    """The user's id, or "anonymous"; "unknown" when nothing in the request looked them up
    (resolving them here would add a session and a user query to every such request)."""
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "_wrapped", None) is not empty:
        return str(user.pk) if user.is_authenticated else "anonymous"
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return "anonymous"
    session = getattr(request, "session", None)
    if session is not None and hasattr(session, "_session_cache"):
        from django.contrib.auth import SESSION_KEY

        return str(session.get(SESSION_KEY) or "anonymous")
    return "unknown"


class RequestLogMiddleware:
    """Log one line per request: method, path, status, duration and user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        status = response.status_code
        request_log.log(
            logging.ERROR if status >= 500 else logging.INFO,
            kv(
                method=request.method,
                path=loggable_path(request),
                status=status,
                duration_ms=f"{duration_ms:.1f}",
                user=user_label(request),
            ),
        )
        return response


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="rokehan_log_login")
def log_login(sender, request, user, **kwargs):
    auth_log.info(kv(event="login", user=user.pk, ip=_ip(request)))


@receiver(user_logged_out, dispatch_uid="rokehan_log_logout")
def log_logout(sender, request, user, **kwargs):
    auth_log.info(kv(event="logout", user=user.pk if user else None, ip=_ip(request)))


@receiver(user_login_failed, dispatch_uid="rokehan_log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    """A failed sign-in names the account when there is one; a typed name that matches no
    account is not logged (people type their password into the username box)."""
    auth_log.warning(
        kv(event="login_failed", user=_account_id(credentials) or "no-such-user", ip=_ip(request))
    )


@receiver(user_locked_out, dispatch_uid="rokehan_log_locked_out")
def log_locked_out(sender, request, username, ip_address, **kwargs):
    auth_log.warning(
        kv(
            event="locked_out",
            user=_account_id({"username": username}) or "no-such-user",
            ip=ip_address,
        )
    )


def _account_id(credentials) -> int | None:
    User = get_user_model()
    username = credentials.get(User.USERNAME_FIELD) or credentials.get("username")
    if not isinstance(username, str) or not username or "\x00" in username:
        return None
    return (
        User._default_manager.filter(**{User.USERNAME_FIELD: username})
        .values_list("pk", flat=True)
        .first()
    )
