"""English dates, day first as in British usage (the rest comes from Django's en formats)."""

WEEKDAY_DAY_FORMAT = "D j"  # Mon 5
WEEKDAY_DATE_FORMAT = "D j M"  # Mon 5 Jan
WEEKDAY_DATE_YEAR_FORMAT = "D j M Y"  # Mon 5 Jan 2026
LONG_WEEKDAY_DATE_FORMAT = "l j F"  # Monday 5 January
SHORT_TEXT_DATE_FORMAT = "j M Y"  # 5 Jan 2026
LONG_TEXT_DATE_FORMAT = "j F Y"  # 5 January 2026
