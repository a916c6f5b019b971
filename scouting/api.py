"""Settings of the read-only JSON API at /api/ (Django REST framework, drf-spectacular)."""

# Anonymous and throttled per client address (RATE_LIMITS["api"]); JSON only (the browsable
# page is the schema's Swagger UI, served from the vendored drf-spectacular-sidecar, no CDN).
API_REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["locations.api.throttling.ClientAddressThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
API_SCHEMA = {
    "TITLE": "Rokehan API",
    "DESCRIPTION": (
        "Read-only: published filming locations, studios with their stages, film "
        "commissions, and a shortlist by its share token. Query parameters are those of the "
        "site's lists (/locations/, /studios/, /film-commissions/)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Its guesses about our FilterSets' custom filters (slugs, "LAT,LNG") are warnings that
    # say "string": the views declare those parameters explicitly instead, and
    # tests/test_api_schema.py validates the result against OpenAPI 3.
    "DISABLE_ERRORS_AND_WARNINGS": True,
    # `check --deploy` would build the schema and repeat those guesses as warnings; the
    # schema is validated by its own test, and the deploy check stays about security.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
