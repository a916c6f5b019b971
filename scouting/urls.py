"""Top-level URLs. The public pages live in locations.urls; the admin path is configurable."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path

from locations.ratelimits import rate_limited


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return redirect(static_url("img/favicon.svg"), permanent=True)


# Sign-in POSTs per address (django-axes also locks a username after repeated failures).
limited_login = rate_limited("login", methods=("POST",))

urlpatterns = [
    path("favicon.ico", favicon),
    # Ahead of admin.site.urls, which serves the same path unlimited.
    path(f"{settings.ADMIN_URL}login/", limited_login(admin.site.login)),
    path(settings.ADMIN_URL, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Sign-in for location managers (shortlists); staff may use it too.
    path(
        "accounts/login/",
        limited_login(
            auth_views.LoginView.as_view(
                redirect_authenticated_user=True, next_page="shortlists:list"
            )
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="home"), name="logout"),
    path("api/", include("locations.api.urls")),
    path("", include("locations.urls")),
]

if settings.DEBUG:
    # Development media only; production serves media from object storage.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
