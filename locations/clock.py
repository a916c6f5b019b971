"""Japan's clock: the catalogue's dates and times are Asia/Tokyo whatever the server's zone."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo_today() -> date:
    """Today's date in Japan (a server in UTC is still on yesterday until 09:00 JST)."""
    return timezone.now().astimezone(TOKYO).date()
