"""Permit deadlines in Japanese government business days (locations.permits)."""

import datetime as dt

import jpholiday
import pytest

from locations.clock import tokyo_today
from locations.permits import (
    apply_by,
    earliest_shoot_date,
    is_business_day,
    permit_deadline,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (D(2026, 12, 28), True),  # Monday, the last working day of the year
        (D(2026, 12, 29), False),  # Tuesday, but the New Year closure has begun
        (D(2026, 12, 31), False),
        (D(2027, 1, 1), False),  # New Year's Day
        (D(2027, 1, 4), True),  # Monday: offices reopen
        (D(2027, 1, 9), False),  # Saturday
        (D(2027, 1, 11), False),  # Coming of Age Day
        (D(2027, 4, 29), False),  # Showa Day
        (D(2027, 4, 30), True),  # the Friday inside Golden Week
        (D(2027, 5, 3), False),  # Constitution Memorial Day
        (D(2027, 5, 4), False),  # Greenery Day
        (D(2027, 5, 5), False),  # Children's Day
        (D(2027, 5, 6), True),
    ],
)
def test_it_knows_which_days_a_government_office_is_open(day, open_):
    assert is_business_day(day) is open_


def test_the_count_skips_the_new_year_closure():
    # Tue 5 Jan 2027, 3 days: Mon 4 Jan, then back over 29 Dec–3 Jan to Mon 28 and Fri 25 Dec.
    assert apply_by(D(2027, 1, 5), 3) == D(2026, 12, 25)


def test_the_count_skips_golden_week():
    # Thu 6 May 2027, 3 days: 3–5 May are holidays, 1–2 May a weekend: Fri 30 Apr, then
    # (29 Apr is Showa Day) Wed 28 and Tue 27 Apr.
    assert apply_by(D(2027, 5, 6), 3) == D(2027, 4, 27)


def test_the_count_skips_a_weekend_and_starts_the_day_before_the_shoot():
    assert apply_by(D(2027, 4, 12), 1) == D(2027, 4, 9)  # Monday shoot → Friday
    assert apply_by(D(2027, 4, 15), 2) == D(2027, 4, 13)  # Thursday → Tuesday


def test_no_lead_time_means_the_last_office_day_on_or_before_the_shoot():
    assert apply_by(D(2027, 4, 14), 0) == D(2027, 4, 14)
    assert apply_by(D(2027, 4, 11), 0) == D(2027, 4, 9)  # a Sunday shoot → Friday


def test_a_negative_lead_time_is_refused():
    with pytest.raises(ValueError):
        apply_by(D(2027, 4, 14), -1)


def test_the_earliest_shoot_date_is_the_inverse_of_the_deadline():
    applied = D(2026, 12, 25)  # Friday before the closure
    earliest = earliest_shoot_date(3, applied_on=applied)
    assert earliest == D(2027, 1, 5)
    assert apply_by(earliest, 3) == applied
    assert apply_by(earliest - dt.timedelta(days=1), 3) < applied


def test_a_deadline_knows_when_it_has_passed_or_is_today():
    shoot = D(2027, 4, 15)
    assert permit_deadline(2, shoot, today=D(2027, 4, 14)).passed
    today = permit_deadline(2, shoot, today=D(2027, 4, 13))
    assert today.due_today and today.too_close and not today.passed
    ahead = permit_deadline(2, shoot, today=D(2027, 4, 1))
    assert not ahead.too_close and ahead.days_left == 12
    assert permit_deadline(None, shoot) is None


def test_jpholiday_covers_this_year_and_the_next_two():
    this_year = tokyo_today().year
    for year in (this_year, this_year + 1, this_year + 2):
        holidays = dict(jpholiday.year_holidays(year))
        assert len(holidays) >= 16, year
        assert D(year, 1, 1) in holidays
        assert {D(year, 5, 3), D(year, 5, 4), D(year, 5, 5)} <= set(holidays)
