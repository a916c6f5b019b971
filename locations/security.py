"""Who is asking: the client address as our own proxies saw it."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address, for login throttling and logs.

    Without a proxy (`TRUSTED_PROXY_COUNT = 0`) it is REMOTE_ADDR. Behind N proxies of our
    own, each appends the address it received from to X-Forwarded-For, so the client is the
    N-th entry from the right; anything further left was written by the client and is not
    trusted (an attacker could rotate it to escape a lockout).
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Not the path our proxies take (a direct request or a misconfigured proxy).
        return remote_addr
    return forwarded[-proxies]
