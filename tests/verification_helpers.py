"""Shared pieces of the re-verification tests: dates in Japan, a record due for a check,
and a genuinely old link (signed with an earlier timestamp, not a patched clock)."""

import datetime
import time

from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from locations.models.verification import japan_today, months_before
from locations.verification import SALT, make_token
from tests import factories


def long_ago(months=7) -> datetime.date:
    return months_before(japan_today(), months)


def due_location(**kwargs):
    """A published place checked 7 months ago, with an owner to ask."""
    defaults = {
        "name": "Kamo Riverbank",
        "name_ja": "鴨川河川敷",
        "contact_name": "Suzuki Hanako",
        "contact_email": "owner@kamo.example.jp",
        "verified_on": long_ago(),
    }
    return factories.LocationFactory(**{**defaults, **kwargs})


def check_url(record) -> str:
    return reverse("verification:check", kwargs={"token": make_token(record)})


def old_token(record, *, days: int) -> str:
    """The token `make_token` gives, as if it had been signed `days` ago."""
    payload = signing.loads(make_token(record), salt=SALT)

    class EarlierSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    return EarlierSigner(salt=SALT).sign_object(payload)


def shown(day: datetime.date, language: str = "en") -> str:
    """A date as the pages print it (3 Dec 2026; 2026年12月3日 in Japanese)."""
    with translation.override(language):
        return date_format(day, "SHORT_TEXT_DATE_FORMAT")
