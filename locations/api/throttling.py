"""The API's throttle: the site's rate limits (locations.ratelimits), limit "api"."""

from django.contrib.auth import get_user
from rest_framework.throttling import BaseThrottle

from locations.ratelimits import retry_after, usage


class ClientAddressThrottle(BaseThrottle):
    """Every request counts against `RATE_LIMITS["api"]` per client address, in the same
    counters and with the same key as the site's pages (so a forged X-Forwarded-For does
    not help); staff signed in to the site are exempt. DRF answers the JSON 429."""

    def allow_request(self, request, view) -> bool:
        django_request = request._request
        # DRF has set the request's user to None (the API has no authentication); the
        # site's session still says whether a member of staff is asking.
        if get_user(django_request).is_staff:
            self.found = None
            return True
        self.found = usage(django_request, "api")
        return self.found is None or not self.found["should_limit"]

    def wait(self) -> int | None:
        return retry_after(self.found) if self.found else None
