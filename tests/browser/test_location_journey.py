"""A location manager's journey through the catalogue, in Debian's Chromium.

There is no internet here: map tiles fail to load (their requests are aborted), and the maps
must still draw their markers. Console errors fail the tests, except those tile failures;
CSP violations show up there too.
"""

import io
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests import factories
from tests.rate_windows import wait_for_a_steady_window

# Every test here commits its data (transactional_db, see conftest.reference_data).
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TILE_HOST = urlsplit(settings.MAP_TILE_URL).netloc


def sample_jpeg(name: str, sky, ground) -> SimpleUploadedFile:
    """A 1200×800 JPEG made with Pillow: a sky over a ground, visibly a placeholder."""
    image = Image.new("RGB", (1200, 800), sky)
    ImageDraw.Draw(image).rectangle([0, 520, 1200, 800], fill=ground)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def catalogue():
    """Real public places at their real coordinates (test photos are plain colour blocks)."""
    neon = factories.TagFactory(name="neon")
    period = factories.TagFactory(name="period drama")

    def place(name, name_ja, pref, cat, lat, lng, tags=(), **kwargs):
        location = factories.LocationFactory(
            name=name,
            name_ja=name_ja,
            prefecture=factories.prefecture(pref),
            category=factories.category(cat),
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            **kwargs,
        )
        location.tags.set(tags)
        return location

    kinkakuji = place(
        "Kinkaku-ji",
        "金閣寺",
        "kyoto",
        "temple",
        "35.039370",
        "135.729243",
        [period],
        municipality="Kita-ku",
        description="The Golden Pavilion, a Zen temple in north Kyoto.",
        permit_authority="Temple office",
        permit_lead_days=20,
        power="none",
        nearest_station="Kitaoji",
        station_walk_minutes=25,
        drones="no",
        restrictions="No filming inside the pavilion.",
        best_time_of_day="Early morning",
        featured=True,
    )
    factories.PhotoFactory(
        location=kinkakuji,
        image=sample_jpeg("a.jpg", (122, 160, 196), (64, 96, 60)),
        caption="Test photo: pond and pavilion",
        is_cover=True,
    )
    factories.PhotoFactory(
        location=kinkakuji,
        image=sample_jpeg("b.jpg", (200, 170, 120), (90, 70, 50)),
        caption="Test photo: garden path",
    )
    place(
        "Fushimi Inari Taisha",
        "伏見稲荷大社",
        "kyoto",
        "shrine",
        "34.967140",
        "135.772672",
        [period],
        municipality="Fushimi-ku",
    )
    place(
        "Dotonbori",
        "道頓堀",
        "osaka",
        "street",
        "34.668723",
        "135.501295",
        [neon],
        municipality="Chuo-ku",
    )
    place(
        "Shibuya Crossing",
        "渋谷スクランブル交差点",
        "tokyo",
        "street",
        "35.659482",
        "139.700531",
        [neon],
        municipality="Shibuya",
    )
    factories.StudioFactory(
        name="Sample Studio Kyoto",
        name_ja="サンプル撮影所",
        prefecture=factories.prefecture("kyoto"),
        latitude=Decimal("35.0160"),
        longitude=Decimal("135.7100"),
    )
    place(
        "Otaru Canal",
        "小樽運河",
        "hokkaido",
        "waterfront",
        "43.199167",
        "140.994167",
        municipality="Otaru",
    )
    return kinkakuji


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions on `page` (tile failures aside)."""
    errors = []

    def on_console(message):
        if message.type == "error" and TILE_HOST not in (message.location.get("url") or ""):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(autouse=True)
def no_tiles(context):
    """No internet here: every tile request fails, as it would offline."""
    context.route(f"**://{TILE_HOST}/**", lambda route: route.abort())


def card_titles(page):
    return page.locator("#results .card-title a")


def assert_no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_filter_by_region_open_a_result_and_see_its_map(
    live_server, page, catalogue, console_errors, screenshot_dir
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/locations/")
    expect(card_titles(page)).to_have_count(5)
    results_map = page.locator("#results .map")
    expect(results_map).to_have_attribute("data-loaded", "1")
    expect(results_map).to_have_attribute("data-markers", "5")
    page.screenshot(path=screenshot_dir / "locations-list-desktop.png", full_page=True)

    # Filter through the form: htmx swaps the results in without reloading the page.
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Kansai").check()
    expect(page).to_have_url(f"{live_server.url}/locations/?region=kansai&sort=name")
    expect(card_titles(page)).to_have_text(["Dotonbori", "Fushimi Inari Taisha", "Kinkaku-ji"])
    assert page.evaluate("window.__sameDocument") is True
    expect(page.locator("#results .result-count")).to_contain_text("3 places")
    expect(page.locator("#results .chip-remove")).to_have_text(["Remove filter: Kansai"])
    expect(page.locator("#filter-count")).to_have_text("1 active")
    expect(page.locator("#results .map")).to_have_attribute("data-markers", "3")
    page.screenshot(path=screenshot_dir / "locations-list-kansai.png", full_page=True)

    # Open a result: the detail page and its map, centred on the place.
    page.get_by_role("link", name="Kinkaku-ji").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinkaku-ji")
    detail_map = page.locator(".detail-aside .map")
    expect(detail_map).to_have_attribute("data-loaded", "1")
    markers = int(detail_map.get_attribute("data-markers"))
    assert markers == 2  # the place and Fushimi Inari, 9 km away
    expect(page.locator(".leaflet-marker-icon.marker-current")).to_have_count(1)
    expect(page.get_by_text("20 business days", exact=True)).to_be_visible()
    expect(page.locator(".nearby-list")).to_contain_text("Sample Studio Kyoto")
    expect(page.locator(".nearby-list")).to_contain_text("3.1 km")
    page.screenshot(path=screenshot_dir / "location-detail-desktop.png", full_page=True)

    # The gallery opens full screen, arrows move, Esc closes and gives focus back.
    page.locator("[data-gallery-item]").first.click()
    viewer = page.locator("dialog.lightbox")
    expect(viewer).to_be_visible()
    expect(viewer.locator(".lightbox-counter")).to_have_text("1 / 2")
    page.screenshot(path=screenshot_dir / "location-gallery-viewer.png")
    page.keyboard.press("ArrowRight")
    expect(viewer.locator(".lightbox-counter")).to_have_text("2 / 2")
    expect(viewer.locator(".lightbox-caption")).to_contain_text("garden path")
    page.keyboard.press("ArrowRight")
    expect(viewer.locator(".lightbox-counter")).to_have_text("1 / 2")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('[data-gallery-item]')")

    assert console_errors == []


def test_the_back_button_restores_the_previous_results(
    live_server, page, catalogue, console_errors
):
    page.goto(f"{live_server.url}/locations/")
    page.get_by_label("Hokkaido", exact=True).check()
    expect(card_titles(page)).to_have_text(["Otaru Canal"])
    page.go_back()
    expect(card_titles(page)).to_have_count(5)
    # The map comes back alive, not as a copy of dead markup.
    expect(page.locator("#results .map")).to_have_attribute("data-markers", "5")
    expect(page.locator("#results .map")).to_have_attribute("data-loaded", "1")
    page.locator("#results .leaflet-marker-icon:not(.marker-cluster)").first.click()
    expect(page.locator("#results .leaflet-popup")).to_be_visible()
    assert console_errors == []


def test_sorting_and_removing_a_chip_update_the_results(live_server, page, catalogue):
    page.goto(f"{live_server.url}/locations/?tag=neon&tag=period-drama")
    expect(card_titles(page)).to_have_count(4)
    page.get_by_label("Sort by").select_option("-updated")
    expect(page).to_have_url(re.compile(r"sort=-updated"))
    page.get_by_role("link", name="Remove filter: #neon").click()
    # Fushimi Inari was saved after Kinkaku-ji: the latest change comes first.
    expect(card_titles(page)).to_have_text(["Fushimi Inari Taisha", "Kinkaku-ji"])
    expect(page).to_have_url(re.compile(r"\?tag=period-drama&sort=-updated$"))


def test_searching_near_a_point_lists_the_nearest_first_with_distances(
    live_server, page, catalogue, console_errors
):
    page.goto(f"{live_server.url}/locations/")
    page.get_by_label("Near (latitude, longitude)").fill("35.0116,135.7681")
    page.get_by_label("Within (km)").fill("60")
    page.get_by_role("button", name="Show places").click()
    expect(card_titles(page)).to_have_text(["Kinkaku-ji", "Fushimi Inari Taisha", "Dotonbori"])
    expect(page.locator("#results .card-distance").first).to_have_text("4.7 km away")
    expect(page.get_by_label("Sort by")).to_have_value("distance")
    assert console_errors == []


def test_a_bad_point_shows_the_error_not_a_crash(live_server, page, catalogue):
    page.goto(f"{live_server.url}/locations/")
    page.get_by_label("Near (latitude, longitude)").fill("nan,nan")
    page.get_by_role("button", name="Show places").click()
    expect(page.locator("#results .form-errors")).to_contain_text("latitude,longitude")
    expect(card_titles(page)).to_have_count(0)


def test_over_the_search_limit_the_results_say_when_to_try_again(
    live_server, page, catalogue, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "1/m"}
    page.goto(f"{live_server.url}/locations/")
    # The browser is at 127.0.0.1, like the test client: in a window that has time left (the
    # page's load may have fallen in the last one), the client uses up the limit, so the
    # browser's next search is over it however long its page took to load.
    wait_for_a_steady_window()
    assert Client().get("/locations/").status_code in (200, 429)
    page.get_by_label("Sort by").select_option("-updated")
    # htmx swaps the 429's short message in where the results were (static/js/site.js).
    expect(page.locator("#results .rate-limited")).to_contain_text(
        "Too many requests from your network. Please wait 1 minute, then try again."
    )


@pytest.mark.parametrize("path", ["/", "/locations/", "/locations/kinkaku-ji/"])
def test_phone_pages_do_not_scroll_sideways(live_server, browser, catalogue, screenshot_dir, path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    context.route(f"**://{TILE_HOST}/**", lambda route: route.abort())
    phone = context.new_page()
    errors = []
    phone.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and TILE_HOST not in (m.location.get("url") or "")
            else None
        ),
    )
    phone.goto(f"{live_server.url}{path}")
    map_element = phone.locator(".map").first
    expect(map_element).to_have_attribute("data-loaded", "1")
    assert int(map_element.get_attribute("data-markers")) >= 1
    assert_no_sideways_scroll(phone)
    name = path.strip("/").replace("/", "-") or "home"
    phone.screenshot(path=screenshot_dir / f"phone-{name}.png", full_page=True)
    assert errors == []
    context.close()


def test_the_home_page_map_draws_everything(live_server, page, catalogue, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url)
    home_map = page.locator(".map")
    expect(home_map).to_have_attribute("data-loaded", "1")
    # Five places (studio markers join once /studios.geojson serves them).
    assert int(home_map.get_attribute("data-markers")) >= 5
    page.screenshot(path=screenshot_dir / "home-desktop.png", full_page=True)
    page.get_by_label("Search locations").fill("京都")
    page.get_by_role("button", name="Search").click()
    expect(card_titles(page)).to_have_text(["Fushimi Inari Taisha", "Kinkaku-ji"])


def test_everything_works_with_javascript_off(live_server, browser, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/locations/")
    page.get_by_label("Kansai").check()
    page.get_by_role("button", name="Show places").click()
    expect(card_titles(page)).to_have_count(3)
    assert "region=kansai" in page.url
    page.get_by_role("link", name="Kinkaku-ji").click()
    # The gallery is plain links to the full photos.
    href = page.locator("[data-gallery-item]").first.get_attribute("href")
    assert page.request.get(f"{live_server.url}{href}").ok
    context.close()


def test_keyboard_filtering_and_pagination_keep_the_filters(live_server, page, catalogue, settings):
    settings.LOCATIONS_PER_PAGE = 2
    page.goto(f"{live_server.url}/locations/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Kansai").focus()
    page.keyboard.press("Space")
    expect(page.locator("#results .result-count")).to_contain_text("3 places")
    expect(card_titles(page)).to_have_text(["Dotonbori", "Fushimi Inari Taisha"])
    page.get_by_role("link", name="Next").click()
    # The page links carry the canonical query: the default sort is left out.
    expect(page).to_have_url(re.compile(r"\?region=kansai&page=2$"))
    expect(card_titles(page)).to_have_text(["Kinkaku-ji"])
    assert page.evaluate("window.__sameDocument") is True
