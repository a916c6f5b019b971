"""Rate-limit windows for tests that count requests against a limit.

django-ratelimit counts in fixed windows whose end is offset per key (crc32 of the key, modulo
the period): 127.0.0.1's one-minute window ends at 32 seconds past every minute. A test whose
requests straddle that instant starts again from zero and fails by chance (it did in CI). Tests
that count therefore send from an address whose window has long enough left, or wait for one.
"""

import time

from django.test import RequestFactory
from django_ratelimit.core import _get_window

from locations.ratelimits import client_key


def seconds_left(address: str, period: int = 60) -> float:
    """Seconds until the window of the counters for a client at `address` ends.

    django-ratelimit names a window by the whole second it ends on and counts into it through
    that second, so the window ends one second after that name; never less than zero."""
    key = client_key("", RequestFactory().get("/", REMOTE_ADDR=address))
    return max(_get_window(key, period) + 1 - time.time(), 0.0)


def steady_address(
    pattern: str = "198.51.100.{}",
    *,
    period: int = 60,
    seconds_needed: int = 30,
    exclude: tuple[str, ...] = (),
) -> str:
    """The first address `pattern.format(n)` (n from 1) whose window will not end within
    `seconds_needed` seconds, so that a burst from it is counted in one window."""
    for n in range(1, 255):
        address = pattern.format(n)
        if address not in exclude and seconds_left(address, period) >= seconds_needed:
            return address
    raise AssertionError(f"no address like {pattern} with a long enough window")


def wait_for_a_steady_window(address: str = "127.0.0.1", seconds_needed: int = 15) -> None:
    """For a client whose address a test cannot choose (a browser at 127.0.0.1): wait, if the
    window ends within `seconds_needed` seconds, until the next one has begun."""
    left = seconds_left(address)
    if left < seconds_needed:
        time.sleep(left + 0.25)
