"""Anonymous throttling of the API (every caller is anonymous: the API has no sign-in)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from locations.security import client_ip


class AnonApiThrottle(AnonRateThrottle):
    """Per client address (as `locations.security.client_ip` trusts proxies), at the rate of
    `settings.API_ANON_THROTTLE_RATE`, read per request so that tests and operators can
    change it."""

    def get_rate(self):
        return settings.API_ANON_THROTTLE_RATE

    def get_ident(self, request):
        return client_ip(request)
