"""Rate limits per client address (locations/ratelimits.py): a flood from one address gets
the 429 page while other addresses are served; every costly public endpoint is limited;
staff are exempt; the page speaks both languages and says when to come back; only our own
proxies' X-Forwarded-For counts; the limits come from the environment."""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests import factories
from tests.rate_windows import steady_address
from tests.test_settings_security import production_env

ADMIN_LOGIN = f"/{django_settings.ADMIN_URL}login/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
JA = {"HTTP_ACCEPT_LANGUAGE": "ja"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def limit(settings, **rates) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **rates}


@pytest.fixture
def client():
    """Django's test client, from an address whose counters' window will not end mid-test."""
    return Client(REMOTE_ADDR=steady_address())


@pytest.fixture
def catalogue(db):
    factories.LocationFactory(name="Kinkaku-ji", latitude="35.039370", longitude="135.729243")
    factories.SoundstageFactory(studio=factories.StudioFactory(name="Harbour Studios"))


def test_a_burst_of_300_searches_is_refused_after_the_limit_and_another_address_is_served(
    client, catalogue
):
    assert django_settings.RATE_LIMITS["search"] == "120/m"  # the default under test
    address = steady_address()
    statuses = [
        client.get("/locations/", {"q": f"kyoto {n}"}, REMOTE_ADDR=address).status_code
        for n in range(300)
    ]
    assert statuses[:120] == [200] * 120
    assert statuses[120:] == [429] * 180
    assert client.get("/locations/", {"q": "kyoto"}, REMOTE_ADDR="203.0.113.5").status_code == 200


# (limit name, method, path, data): every public endpoint that costs work.
ENDPOINTS = [
    ("search", "get", "/locations/", {"q": "temple"}),
    ("search", "get", "/studios/", {"min_area": "100"}),
    ("search", "get", "/film-commissions/", {"q": "kyoto"}),
    ("geojson", "get", "/locations.geojson", {"q": "temple"}),
    ("geojson", "get", "/studios.geojson", {}),
    ("api", "get", "/api/locations/", {}),
    ("api", "get", "/api/studios/", {}),
    ("submit", "post", "/locations/submit/", {"name": ""}),
    ("login", "post", ADMIN_LOGIN, {"username": "nobody", "password": "wrong"}),
    ("login", "post", "/accounts/login/", {"username": "nobody", "password": "wrong"}),
]


@pytest.mark.parametrize(("name", "method", "path", "data"), ENDPOINTS)
def test_each_costly_endpoint_is_limited_per_address(
    client, catalogue, settings, name, method, path, data
):
    limit(settings, **{name: "2/m"})
    send = getattr(client, method)
    address = steady_address()
    answered = [send(path, data, REMOTE_ADDR=address).status_code for _ in range(2)]
    assert 429 not in answered
    refused = send(path, data, REMOTE_ADDR=address)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert send(path, data, REMOTE_ADDR="203.0.113.31").status_code != 429


def test_the_list_partial_counts_with_its_page_and_gets_a_small_partial(
    client, catalogue, settings
):
    limit(settings, search="1/m")
    assert client.get("/locations/", **HTMX).status_code == 200
    refused = client.get("/locations/", {"q": "x"}, **HTMX, **EN)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert '<div class="rate-limited" role="alert">' in html
    assert "<html" not in html
    assert "Please wait 1 minute, then try again." in html


def test_the_lists_share_one_search_limit(client, catalogue, settings):
    limit(settings, search="2/m")
    assert client.get("/locations/").status_code == 200
    assert client.get("/studios/").status_code == 200
    assert client.get("/film-commissions/").status_code == 429


def test_reading_the_sign_in_form_is_not_limited(client, settings):
    limit(settings, login="1/m")
    assert [client.get(ADMIN_LOGIN).status_code for _ in range(3)] == [200] * 3


def test_staff_are_exempt(fixer_client, catalogue, settings):
    limit(settings, search="1/m", geojson="1/m", api="1/m")
    for path in ("/locations/", "/studios/", "/locations.geojson", "/api/locations/"):
        assert [fixer_client.get(path).status_code for _ in range(3)] == [200] * 3


def test_a_signed_in_non_staff_account_is_limited_like_a_visitor(client, catalogue, settings):
    client.force_login(factories.UserFactory(username="producer", is_staff=False))
    limit(settings, search="1/m")
    assert [client.get("/locations/").status_code for _ in range(2)] == [200, 429]


def test_the_429_page_is_in_english_with_retry_after(client, catalogue, settings):
    limit(settings, search="1/m")
    client.get("/locations/")
    refused = client.get("/locations/", **EN)
    html = refused.content.decode()
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    assert '<html lang="en">' in html
    assert "<h1>Too many requests from your network</h1>" in html
    assert "Please wait 1 minute, then try again." in html
    assert "しばらく待ってから" in html  # one Japanese line, as on the other error pages
    assert 'href="/locations/"' in html  # the site's layout, from base.html


def test_an_address_far_over_its_limit_gets_the_short_429(client, catalogue, settings):
    limit(settings, search="1/m")
    client.get("/locations/")
    client.get("/locations/")  # the second: the page with the site's layout
    flood = client.get("/locations/", **EN)
    html = flood.content.decode()
    assert flood.status_code == 429 and int(flood["Retry-After"]) > 0
    assert '<html lang="en">' in html
    assert "Please wait 1 minute, then try again." in html
    assert 'href="/locations/"' not in html  # no navigation: cheap to render


def test_the_429_page_is_in_japanese_for_a_japanese_browser(client, catalogue, settings):
    limit(settings, geojson="1/m")
    client.get("/locations.geojson")
    refused = client.get("/locations.geojson", **JA)
    html = refused.content.decode()
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert '<html lang="ja">' in html
    assert "お使いのネットワークからのアクセスが多すぎます" in html
    assert "1 分ほど待ってから、もう一度お試しください。" in html
    assert "Too many requests" not in html


def test_the_api_answers_a_json_429(client, db, settings):
    limit(settings, api="1/m")
    client.get("/api/locations/")
    refused = client.get("/api/locations/")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "detail" in refused.json()
    assert int(refused["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_is_ignored_without_a_trusted_proxy(
    client, catalogue, settings
):
    limit(settings, search="2/m")
    address = steady_address()
    statuses = [
        client.get(
            "/locations/", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(client, catalogue, settings):
    limit(settings, search="1/m")
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    seen = steady_address("192.0.2.{}")

    def search(forwarded_for: str) -> int:
        return client.get("/locations/", HTTP_X_FORWARDED_FOR=forwarded_for, **proxy).status_code

    assert search(seen) == 200
    assert search("203.0.113.51") == 200  # another client behind the same load balancer
    # What the client wrote left of the proxy's entry changes nothing.
    assert search(f"1.2.3.4, {seen}") == 429


def test_ipv6_clients_are_counted_by_their_64(client, catalogue, settings):
    limit(settings, search="1/m")
    first = steady_address("2001:db8:1:{:x}::10")  # its /64: 2001:db8:1:n::
    same_64 = first.replace("::10", ":ffff::1")
    assert client.get("/locations/", REMOTE_ADDR=first).status_code == 200
    assert client.get("/locations/", REMOTE_ADDR=same_64).status_code == 429
    assert client.get("/locations/", REMOTE_ADDR="2001:db8:2:1::10").status_code == 200


def settings_in_a_fresh_process(tmp_path, **env) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; print(settings.RATE_LIMITS)"  # noqa: E501
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=production_env(tmp_path, DJANGO_SETTINGS_MODULE="scouting.settings", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_each_limit_can_be_set_from_the_environment(tmp_path):
    result = settings_in_a_fresh_process(tmp_path, RATE_LIMIT_SEARCH="300/m")
    assert result.returncode == 0, result.stderr
    assert "'search': '300/m'" in result.stdout
    assert "'geojson': '60/m'" in result.stdout


def test_a_malformed_limit_refuses_to_start(tmp_path):
    result = settings_in_a_fresh_process(tmp_path, RATE_LIMIT_GEOJSON="lots")
    assert result.returncode != 0
    assert 'RATE_LIMIT_GEOJSON must look like "120/m"' in result.stderr
