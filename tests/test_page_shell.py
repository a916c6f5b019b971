"""The page around a body (locations.shell): rendered once per process for anonymous visitors,
it must be exactly the page Django renders for each of them, with their own CSRF token, path
and messages."""

import re

import pytest
from django.contrib import messages
from django.shortcuts import render
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from locations.shell import ShellLeak, _forget_shells, _ShellRequest, render_page
from tests import factories

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
# A body with what escaping must leave alone (safe) or escape (a plain string).
BODY = '<section id="results"><a href="/x?a=1&amp;b=2">Tōkyō «東京»</a></section>'
PLAIN = 'Tom & "Jerry" <b>'

PAGES = [
    ("/", "locations/home.html", "home"),
    ('/locations/?q=<b>"x"&region=kanto&nocache=1', "locations/location_list.html", "catalogue"),
    ("/studios/?units=ft&min_area=500", "studios/list.html", "catalogue"),
]


def masked(html: str) -> str:
    """The page with its CSRF token masked: Django masks a new one for every render."""
    return TOKEN.sub(r"\1…\2", html)


@pytest.fixture
def place(db):
    return factories.LocationFactory(name="Kinkaku-ji", name_ja="金閣寺")


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize(("url", "template", "name"), PAGES)
def test_the_page_around_is_the_page_django_renders_for_each_visitor(
    client, place, url, template, name, language
):
    for n, body in enumerate([mark_safe(BODY), PLAIN, mark_safe(BODY)]):  # noqa: S308
        # Each time a request of its own (another path), the page around from the first.
        request = client.get(f"{url}&n={n}" if "?" in url else f"{url}?n={n}").wsgi_request
        with translation.override(language):
            shared = render_page(request, template, {name: body})
            own = render(request, template, {name: body})
        html = shared.content.decode()
        assert masked(html) == masked(own.content.decode())
        assert f'<html lang="{language}">' in html
        assert shared.status_code == own.status_code == 200
        assert shared["Content-Type"] == own["Content-Type"]
    # The path the language switcher returns to is the last request's own, escaped.
    assert f'name="next" value="{escape(request.get_full_path())}"' in html
    assert "rokehan-slot" not in html


def test_each_visitor_gets_a_csrf_token_the_language_switcher_accepts(db):
    # Two visitors: the second one's page comes from the page around stored for the first.
    for query in ("q=temple", "q=castle"):
        browser = Client(enforce_csrf_checks=True)
        html = browser.get(f"/locations/?{query}").content.decode()
        assert f'name="next" value="/locations/?{query}"' in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        answer = browser.post(
            reverse("set_language"),
            {"language": "en", "next": f"/locations/?{query}", "csrfmiddlewaretoken": token},
        )
        assert answer.status_code == 302
        assert answer["Location"] == f"/locations/?{query}"
    refused = browser.post(reverse("set_language"), {"language": "ja", "next": "/"})
    assert refused.status_code == 403


def test_a_visitors_path_is_escaped_in_the_switcher(client, db):
    html = client.get('/studios/?units=ft&q="><script>x</script>').content.decode()
    assert "<script>x</script>" not in html
    assert 'name="next" value="/studios/?units=ft&amp;q=%22%3E%3Cscript%3Ex%3C/script%3E"' in html


def test_a_visitors_message_is_theirs_alone(client, place):
    request = client.get("/locations/").wsgi_request
    messages.info(request, "Thank you — ありがとうございます")
    html = render_page(request, "locations/location_list.html", {"catalogue": ""})
    assert "Thank you — ありがとうございます" in html.content.decode()
    for other in (Client(), client):  # another visitor, and this one's next page
        html = other.get("/locations/?q=temple").content.decode()
        assert "ありがとうございます" not in html
        assert '<ul class="messages"' not in html


def test_a_signed_in_user_gets_the_page_of_their_own(fixer_client, place):
    shortlists = f'href="{reverse("shortlists:list")}"'
    visitor = Client()
    assert shortlists not in visitor.get("/locations/").content.decode()
    assert shortlists in fixer_client.get("/locations/").content.decode()
    assert shortlists not in visitor.get("/locations/").content.decode()


def test_a_page_template_cannot_show_what_differs_between_visitors(client, db):
    request = _ShellRequest(client.get("/").wsgi_request)
    with pytest.raises(ShellLeak, match="request.GET"):
        request.GET  # noqa: B018
    with pytest.raises(ShellLeak, match="request.COOKIES"):
        request.COOKIES  # noqa: B018
    with pytest.raises(ShellLeak, match="csp_nonce"):
        str(request.csp_nonce)
    assert request.get_full_path().startswith("rokehan-slot-")


@pytest.mark.parametrize(("language", "first", "second"), [("en", 0, 1), ("ja", 1, 0)])
def test_each_detail_page_has_its_own_title_and_description(db, language, first, second):
    names = [("Kinkaku-ji", "金閣寺"), ("Himeji Castle", "姫路城")]
    places = [
        factories.LocationFactory(name=en, name_ja=ja, description=f"About {en} & more.")
        for en, ja in names
    ]
    studios = [
        factories.StudioFactory(name=f"{en} Studios", name_ja=f"{ja}スタジオ") for en, ja in names
    ]
    visitor = Client(HTTP_ACCEPT_LANGUAGE=language)
    for (en, ja), place, studio in zip(names, places, studios, strict=True):
        shown = (en, ja)
        html = visitor.get(place.get_absolute_url()).content.decode()
        assert f"<title>{shown[first]} ({shown[second]}) — Rokehan</title>" in html
        if language == "en":
            assert f'<meta name="description" content="About {en} &amp; more.">' in html
        html = visitor.get(studio.get_absolute_url()).content.decode()
        studio_names = (f"{en} Studios", f"{ja}スタジオ")
        assert f"<title>{studio_names[first]} — " in html
        assert f'<meta name="description" content="{studio_names[first]}' in html


@pytest.mark.parametrize("url", ["/", "/locations/?q=temple", "/studios/?units=ft"])
def test_the_page_around_is_rendered_once_for_many_visitors(fixer_client, place, url):
    # The tests above would pass if render_page simply called render(): this one would not.
    # Start with no shell stored, whatever this worker rendered before (without relying on
    # an autouse fixture's setting change to forget them).
    _forget_shells()
    first, second = Client().get(url), Client().get(f"{url}&page=1" if "?" in url else url)
    assert "base.html" in [template.name for template in first.templates]
    assert "base.html" not in [template.name for template in second.templates]
    assert second.status_code == 200
    # A signed-in user's page is their own, rendered each time.
    signed_in = fixer_client.get(url)
    assert "base.html" in [template.name for template in signed_in.templates]
