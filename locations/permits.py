"""Permit deadlines counted in Japanese government business days.

A granting authority (a police station, a ward office, a prefecture's park office) works
Monday to Friday, is closed on national holidays (`jpholiday`, which follows the Act on
National Holidays, substitute and citizens' holidays included) and over the New Year,
29 December to 3 January (行政機関の休日に関する法律). A place's `permit_lead_days` is a count
of those days: the application must be in on the N-th business day before the shoot.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import jpholiday
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from locations.clock import tokyo_today

ONE_DAY = timedelta(days=1)
# The years jpholiday and astral are trusted for (holiday law changes are announced a year or
# more ahead; beyond that a deadline would be guesswork). Every day the site counts business
# days or sun times for, a shoot day or a tour's, lies in them: far from date's own limits,
# where counting a lead time back from 0001-01-01 overflowed.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2099, 12, 31)


def validate_calendar_date(value: date) -> None:
    """A form's and a model field's check that `value` lies in FIRST_DATE…LAST_DATE."""
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError(
            _("Choose a date from %(first)s to %(last)s."),
            code="out_of_calendar",
            params={"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()},
        )


def is_new_year_closure(day: date) -> bool:
    """29 December to 3 January: government offices are closed."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: date) -> bool:
    """A day on which a Japanese government office takes applications."""
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and not is_new_year_closure(day)


def apply_by(shoot_date: date, lead_days: int) -> date:
    """The N-th business day before `shoot_date` (N = `lead_days`): the last day to apply.

    With no lead time (0) it is the last business day on or before the shoot.
    """
    if lead_days < 0:
        raise ValueError("A lead time cannot be negative.")
    day = shoot_date
    if lead_days == 0:
        while not is_business_day(day):
            day -= ONE_DAY
        return day
    counted = 0
    while counted < lead_days:
        day -= ONE_DAY
        if is_business_day(day):
            counted += 1
    return day


def earliest_shoot_date(lead_days: int, *, applied_on: date) -> date:
    """The first day a shoot can be when the application goes in on `applied_on`."""
    day = applied_on
    counted = 0
    while True:
        if is_business_day(day):
            counted += 1
        if counted >= max(lead_days, 1):
            return day + ONE_DAY if lead_days else day
        day += ONE_DAY


@dataclass(frozen=True)
class PermitDeadline:
    """When to apply for a shoot on `shoot_date`, seen from `today` (both Japan dates)."""

    lead_days: int
    shoot_date: date
    apply_by: date
    today: date

    @property
    def passed(self) -> bool:
        """The last day to apply is behind us: this date needs a faster permit or another day."""
        return self.apply_by < self.today

    @property
    def due_today(self) -> bool:
        return self.apply_by == self.today

    @property
    def too_close(self) -> bool:
        """Worth a warning: the deadline has passed or is today."""
        return self.apply_by <= self.today

    @property
    def days_left(self) -> int:
        """Calendar days from today to the deadline (negative once it has passed)."""
        return (self.apply_by - self.today).days


def permit_deadline(lead_days: int | None, shoot_date: date, *, today: date | None = None):
    """The `PermitDeadline` of a shoot on `shoot_date`, or None when the lead time is unknown."""
    if lead_days is None:
        return None
    return PermitDeadline(
        lead_days=lead_days,
        shoot_date=shoot_date,
        apply_by=apply_by(shoot_date, lead_days),
        today=today or tokyo_today(),
    )


def stop_deadline(stop, *, today: date | None = None) -> PermitDeadline | None:
    """The deadline of an itinerary stop at a location with a known lead time, else None."""
    location = stop.location if stop.location_id else None
    if location is None:
        return None
    return permit_deadline(location.permit_lead_days, stop.date, today=today)
