"""The page around a body, rendered once per process for anonymous visitors (issue 17).

A public page is a body (a list's filters and results, a place, the home page), shared by
anonymous visitors through `locations.caching`, inside `base.html`'s head, header and footer.
That page around the body was rendered by Django's templates on every request, first visit
or cache hit: about 1 ms of CPU, most of a repeat visit's. For anonymous visitors it differs
only in the language switcher's CSRF token and the path it returns to (messages, the one
other per-visitor part, send the page the ordinary way). So `render_page` renders it once
per template, language and section with a mark in each of those places and in the place of
each context value, and each request joins its own values in.

What a page template may read from its request is therefore limited (`_SHELL_REQUEST`):
reading anything else raises `ShellLeak` in every test that renders the page, instead of
freezing one visitor's value into everyone's page.
"""

import re
import secrets

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.autoreload import file_changed
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Random per process, so no body or query can spell a mark.
_PREFIX = f"rokehan-slot-{secrets.token_hex(8)}-"
_MARK = re.compile(re.escape(_PREFIX) + r"([a-z_]+)~")
_CSRF, _PATH = "csrf_token", "full_path"

# (template, language, URL namespace, context names) → the page's literal parts and slot names.
_shells: dict[tuple, list[str]] = {}


class ShellLeak(Exception):
    """A page template read from its request something that differs between visitors."""


def render_page(request: HttpRequest, template_name: str, context: dict) -> HttpResponse:
    """`render(request, template_name, context)`, the page around rendered once per process.

    Every value of `context` must be a string that the template shows as it is
    (`{{ name }}`): safe strings go in as they are, others are escaped. Signed-in users and
    visitors with messages waiting get `render()` itself.
    """
    if request.user.is_authenticated or len(get_messages(request)):
        return render(request, template_name, context)
    match = request.resolver_match
    key = (template_name, get_language(), match.namespace if match else "", tuple(context))
    parts = _shells.get(key)
    if parts is None:
        parts = _shells[key] = _render_shell(request, template_name, list(context))
    values = {name: conditional_escape(value) for name, value in context.items()}
    values[_CSRF] = get_token(request)
    values[_PATH] = conditional_escape(request.get_full_path())
    # re.split with a group: literal parts at even indexes, slot names at odd ones.
    return HttpResponse("".join(values[part] if i % 2 else part for i, part in enumerate(parts)))


def page_head(folder: str, context: dict) -> dict[str, str]:
    """A detail page's `title` and `description` (`<folder>/_title.html`, `_description.html`),
    rendered with its body so that the page around it holds them as slots (`render_page`)."""
    parts = ("title", "description")
    return {part: render_to_string(f"{folder}/_{part}.html", context) for part in parts}


def _mark(name: str) -> str:
    return f"{_PREFIX}{name}~"


def _render_shell(request: HttpRequest, template_name: str, names: list[str]) -> list[str]:
    marked = {name: mark_safe(_mark(name)) for name in names}  # noqa: S308 (our own marks)
    html = render_to_string(template_name, {**marked, _CSRF: _mark(_CSRF)}, _ShellRequest(request))
    return _MARK.split(html)


# What the page templates and the context processors read from a request that is the same
# for every anonymous visitor of a section: the rest would be one visitor's.
_SHELL_REQUEST = {"resolver_match", "current_app", "user", "_messages"}


def _leak(name: str) -> ShellLeak:
    return ShellLeak(
        f"a page template read request.{name}, which differs between visitors; "
        "pass it in the context (locations.shell.render_page)"
    )


def _nonce_shown():
    raise _leak("csp_nonce")


class _ShellRequest:
    """The request as the page around sees it: its path is a mark."""

    def __init__(self, request: HttpRequest):
        self._request = request

    def get_full_path(self) -> str:
        return _mark(_PATH)

    @property
    def csp_nonce(self):
        # django-csp's context processor reads it for every template; only showing it leaks.
        return SimpleLazyObject(_nonce_shown)

    def __getattr__(self, name: str):
        if name not in _SHELL_REQUEST:
            raise _leak(name)
        return getattr(self._request, name)


def _forget_shells(**kwargs) -> None:
    """The development server reloads templates and translations without a restart, and tests
    change settings (static files, debug) that the page around shows."""
    _shells.clear()


file_changed.connect(_forget_shells)
setting_changed.connect(_forget_shells)
