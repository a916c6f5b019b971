"""Japanese dates: year, month, day, then the weekday in brackets (the rest from Django's ja)."""

WEEKDAY_DAY_FORMAT = "j日(D)"  # 5日(月)
WEEKDAY_DATE_FORMAT = "n月j日(D)"  # 1月5日(月)
WEEKDAY_DATE_YEAR_FORMAT = "Y年n月j日(D)"  # 2026年1月5日(月)
LONG_WEEKDAY_DATE_FORMAT = "n月j日 l"  # 1月5日 月曜日
SHORT_TEXT_DATE_FORMAT = "Y年n月j日"  # 2026年1月5日
LONG_TEXT_DATE_FORMAT = "Y年n月j日"  # 2026年1月5日
