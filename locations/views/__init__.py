"""Public and staff views, one module per concern; helpers they share live here."""


def wants_partial(request) -> bool:
    """True for an htmx request that swaps in results; a history restore (the back button
    after the cache of htmx expired) needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
