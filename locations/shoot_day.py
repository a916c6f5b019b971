"""A place's shoot day: `?date=YYYY-MM-DD` on its page → permit deadline, sun and light.

The parameter is a public contract. A bad date is a form error on the page and the sun is
shown for today; it is never a 500.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _

from locations.permits import (
    PermitDeadline,
    earliest_shoot_date,
    permit_deadline,
    validate_calendar_date,
)
from locations.sun import SunDay, sun_day
from locations.sun_chart import SunChart, sun_chart


class ShootDateForm(forms.Form):
    """The shoot-date picker on a place's page (GET: the URL can be shared and cached)."""

    date = forms.DateField(
        label=_("Shoot date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2027-04-01.")},
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        validate_calendar_date(value)
        return value


@dataclass(frozen=True)
class ShootDay:
    """What a place's page shows for one day."""

    form: ShootDateForm
    day: date  # the chosen date, or today
    chosen: bool  # a valid date was given (not the default)
    deadline: PermitDeadline | None  # only for a chosen date and a known lead time
    earliest: date | None  # the first shoot date if one applied today (no date chosen)
    sun: SunDay | None  # None without coordinates
    chart: SunChart | None
    # (first, last) whole hour with the sun in the main view, and behind the camera.
    in_shot: tuple | None
    behind_camera: tuple | None

    @cached_property
    def clock(self) -> dict[str, str]:
        """The sun's times ("H:i") and angles (whole degrees) the page prints, formatted once
        as `hour_rows` does: a dozen `time` and `floatformat` filters in the template cost
        more than the rest of the panel's variables together."""
        sun = self.sun
        if sun is None:
            return {}
        times = {
            "sunrise": sun.sunrise.at,
            "sunset": sun.sunset.at,
            "noon": sun.noon.at,
            "morning_golden_start": sun.morning_golden[0],
            "morning_golden_end": sun.morning_golden[1],
            "evening_golden_start": sun.evening_golden[0],
            "evening_golden_end": sun.evening_golden[1],
        }
        for name, span in (("in_shot", self.in_shot), ("behind_camera", self.behind_camera)):
            if span:
                times[f"{name}_first"], times[f"{name}_last"] = span
        shown = {name: clock_time(at) for name, at in times.items()}
        shown["sunrise_bearing"] = whole_degrees(sun.sunrise.azimuth)
        shown["sunset_bearing"] = whole_degrees(sun.sunset.azimuth)
        shown["noon_elevation"] = whole_degrees(sun.noon.elevation)
        return shown

    @property
    def hour_rows(self) -> SafeString:
        """The hour-by-hour table's rows (time, compass point and bearing, height), built
        here rather than in a template loop; formatted as the template's `time:"H:i"` and
        `floatformat:0` would, without their per-value format lookups (0.4 → 0.1 ms)."""
        if self.sun is None:
            return SafeString("")
        return format_html_join(
            "",
            "<tr><td><time>{}</time></td><td>{} · {}°</td><td>{}°</td></tr>",
            (
                (clock_time(p.at), p.compass, whole_degrees(p.azimuth), whole_degrees(p.elevation))
                for p in self.sun.hours
            ),
        )


def clock_time(at: datetime) -> str:
    """`at|time:"H:i"`: hours and minutes in the current time zone."""
    local = template_localtime(at)
    return f"{local.hour:02d}:{local.minute:02d}"


def whole_degrees(angle: float) -> str:
    """`angle|floatformat:0` for an angle (|angle| < 1,000, so never grouped): halves away
    from zero, from the number's decimal repr; no "-0"."""
    return str(int(Decimal(repr(angle)).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def shoot_day(location, query, *, today: date) -> ShootDay:
    """The shoot day of `location` for the query string `query` (a QueryDict), seen today."""
    form = ShootDateForm(query if "date" in query else None)
    chosen_date = form.cleaned_data["date"] if form.is_valid() else None
    day = chosen_date or today
    lead_days = location.permit_lead_days
    deadline = permit_deadline(lead_days, chosen_date, today=today) if chosen_date else None
    earliest = None
    if lead_days is not None and chosen_date is None:
        earliest = earliest_shoot_date(lead_days, applied_on=today)
    sun = chart = None
    in_shot = behind = None
    if location.has_coordinates:
        sun = sun_day(location.latitude, location.longitude, day)
        chart = sun_chart(sun, location.view_facing)
        if location.view_facing:
            in_shot = _span(sun.in_shot(location.view_facing))
            behind = _span(sun.behind_camera(location.view_facing))
    return ShootDay(
        form=form,
        day=day,
        chosen=chosen_date is not None,
        deadline=deadline,
        earliest=earliest,
        sun=sun,
        chart=chart,
        in_shot=in_shot,
        behind_camera=behind,
    )


def _span(positions: list) -> tuple | None:
    return (positions[0].at, positions[-1].at) if positions else None
