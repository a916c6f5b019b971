"""A producer follows the demo tour on a phone; a fixer turns a shortlist into a draft tour."""

import datetime as dt
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import expect
from pypdf import PdfReader

from locations.demo.tour import load_tour
from locations.models import Itinerary, ItineraryStatus
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path("test-output/screenshots")
PHONE = {"width": 390, "height": 844}
MON = dt.date(2027, 4, 5)

# Real public places with their real coordinates (the demo catalogue has the same ones).
PLACES = [
    (
        "Shibuya Scramble Crossing",
        "渋谷スクランブル交差点",
        "tokyo",
        "street",
        "35.659500",
        "139.700400",
    ),
    ("Senso-ji", "浅草寺", "tokyo", "temple", "35.714800", "139.796700"),
    ("Tokyo Tower", "東京タワー", "tokyo", "urban", "35.658600", "139.745400"),
    ("Kinkaku-ji", "金閣寺", "kyoto", "temple", "35.039370", "135.729243"),
    ("Fushimi Inari Taisha", "伏見稲荷大社", "kyoto", "shrine", "34.967100", "135.772700"),
    ("Arashiyama Bamboo Grove", "嵐山竹林の小径", "kyoto", "nature", "35.017000", "135.671500"),
    ("Dotonbori", "道頓堀", "osaka", "street", "34.668700", "135.501300"),
    ("Osaka Castle", "大阪城", "osaka", "castle", "34.687300", "135.525900"),
    ("Himeji Castle", "姫路城", "hyogo", "castle", "34.839400", "134.693900"),
]
STUDIOS = [
    ("Toho Studios", "東宝スタジオ", "35.642000", "139.613000"),
    ("Kadokawa Daiei Studio", "角川大映スタジオ", "35.647000", "139.549000"),
    ("Toei Tokyo Studio", "東映東京撮影所", "35.745000", "139.635000"),
]


def placeholder_jpeg(text: str, hue: int) -> bytes:
    """A labelled placeholder photo (made with Pillow, captioned as a placeholder)."""
    image = Image.new("RGB", (800, 600), (40 + hue % 120, 70 + hue % 90, 110))
    draw = ImageDraw.Draw(image)
    draw.text((32, 520), text, fill=(255, 255, 255), font=ImageFont.load_default(size=36))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def demo_catalogue():
    for n, (name, name_ja, pref, cat, lat, lng) in enumerate(PLACES):
        location = factories.LocationFactory(
            name=name,
            name_ja=name_ja,
            prefecture=factories.prefecture(pref),
            category=factories.category(cat),
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            permit_authority="Site office and police road-use permission (道路使用許可)",
            permit_lead_days=10,
        )
        for k in range(2):
            factories.PhotoFactory(
                location=location,
                image=SimpleUploadedFile(
                    "p.jpg", placeholder_jpeg(name, n * 37 + k * 60), content_type="image/jpeg"
                ),
                caption=f"{name}: placeholder photo {k + 1}",
                order=k,
            )
    for name, name_ja, lat, lng in STUDIOS:
        factories.StudioFactory(
            name=name, name_ja=name_ja, latitude=Decimal(lat), longitude=Decimal(lng)
        )


@pytest.fixture
def demo_tour(settings):
    # No tile server in tests: maps draw the route on a plain background, with no requests out.
    settings.MAP_TILE_URL = ""
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    demo_catalogue()
    tour = load_tour(start_date=MON)
    # Plan one journey too tightly so that the warning shows: Chofu → Tokyo Tower in 10 min.
    tower = tour.stops.get(location__name="Tokyo Tower")
    tower.start_time = dt.time(16, 10)
    tower.save()
    return tour


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    # Name the address behind a "Failed to load resource" console error.
    page.on(
        "response",
        lambda r: r.status >= 400 and page.console_errors.append(f"{r.status} {r.url}"),
    )
    yield page
    context.close()


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width}px)"


def test_a_producer_follows_the_tour_on_a_phone(live_server, demo_tour, phone):
    page = phone
    page.goto(live_server.url + "/itineraries/")
    assert_fits_the_phone(page)
    shoot(page, "tour-01-list")
    page.get_by_role("link", name=demo_tour.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(demo_tour.title)
    assert_fits_the_phone(page)
    expect(page.locator(".day")).to_have_count(7)
    # Every day's route map is drawn, with a numbered marker per located stop.
    maps = page.locator(".route-map")
    expect(maps.first).to_have_attribute("data-loaded", "1")
    for i in range(maps.count()):
        expect(maps.nth(i)).to_have_attribute("data-loaded", "1")
    assert page.locator(".route-marker").count() >= 15
    shoot(page, "tour-02-day-1")

    # The tight journey is flagged where it happens, and summarised at the top.
    expect(page.locator(".tour-warning")).to_contain_text("less time than the travel estimate")
    warning = page.locator(".leg-warning")
    expect(warning).to_have_count(1)
    warning.scroll_into_view_if_needed()
    expect(warning).to_contain_text("Only 10 min planned")
    page.evaluate("window.scrollBy(0, -250)")
    shoot(page, "tour-03-tight-leg")

    # The day chips jump to a day; the shinkansen to Kyoto is on day 4.
    page.locator(".day-nav a").nth(3).click()
    day4 = page.locator("#day-4")
    expect(day4).to_be_in_viewport()
    expect(day4.locator(".leg").first).to_contain_text("Shinkansen")
    shoot(page, "tour-04-day-4")

    # The calendar file imports: one event per stop, in Tokyo time.
    ics_url = page.get_by_role("link", name="Add to calendar").get_attribute("href")
    response = page.request.get(live_server.url + ics_url)
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).events
    assert len(events) == demo_tour.stops.count()
    assert {str(e.start.tzinfo) for e in events} == {"Asia/Tokyo"}

    # The scout package reads on the phone and prints to a PDF with its Japanese text.
    page.get_by_role("link", name="Scout package").click()
    expect(page.locator(".package-place")).to_have_count(len(PLACES) + len(STUDIOS))
    assert_fits_the_phone(page)
    shoot(page, "tour-05-package")
    page.locator("#place-2").scroll_into_view_if_needed()
    shoot(page, "tour-06-package-place")
    pdf = page.pdf(format="A4", print_background=True)
    (SCREENSHOTS / "tour-package.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    # A cover, the schedule, the index and a page or more per place.
    assert len(reader.pages) >= 3 + len(PLACES) + len(STUDIOS)
    # Fonts map some kanji to their radical code points (NFKC folds them back); lines wrap
    # anywhere in Japanese, so compare without white space.
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    text = "".join(text.split())
    for words in ("ロケハン資料", "浅草寺", "金閣寺", "道路使用許可", "HimejiCastle"):
        assert words in text
    assert page.console_errors == []


def test_a_fixer_shortlists_places_and_makes_a_draft_tour(live_server, demo_tour, phone, fixer):
    page = phone
    page.goto(live_server.url + demo_tour.get_absolute_url())
    assert page.locator("button.shortlist-button").count() == 0  # guests see no shortlist tools

    page.goto(live_server.url + "/accounts/login/?next=" + demo_tour.get_absolute_url())
    assert_fits_the_phone(page)
    page.get_by_label("Username").fill("fixer")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + demo_tour.get_absolute_url())

    # Shortlist three places from the tour: each button turns into a link without a reload.
    for name in ("Kinkaku-ji", "Senso-ji", "Osaka Castle"):
        stop = page.locator(".stop", has=page.get_by_role("link", name=name, exact=True))
        stop.locator("button.shortlist-button").click()
        expect(stop.locator("a.shortlist-button.is-added")).to_be_visible()
    shoot(page, "shortlist-01-added")

    page.get_by_role("link", name="Shortlists", exact=True).click()
    page.get_by_role("link", name="My shortlist", exact=True).click()
    items = page.locator(".shortlist-item")
    expect(items).to_have_count(3)
    # Osaka Castle to the top, with a note.
    for position in (1, 0):
        items.filter(has_text="Osaka Castle").get_by_role(
            "button", name="Move Osaka Castle up"
        ).click()
        expect(items.nth(position)).to_contain_text("Osaka Castle")
    first = page.locator(".shortlist-item").first
    first.locator("summary").click()
    first.get_by_label("Top choice for").fill("Sc. 30 castle siege")
    first.get_by_label("Note").fill("The keep from the west moat at dusk.")
    first.get_by_role("button", name="Save note").click()
    expect(page.locator(".shortlist-item").first).to_contain_text("Sc. 30 castle siege")
    assert_fits_the_phone(page)
    shoot(page, "shortlist-02-ranked")

    # The read-only link works for someone without an account.
    share_url = page.locator("#share-url").input_value()
    other = page.context.browser.new_context(viewport=PHONE)
    guest = other.new_page()
    guest.goto(share_url)
    expect(guest.locator(".shortlist-item").first).to_contain_text("Sc. 30 castle siege")
    assert guest.locator("form").filter(has_text="Save note").count() == 0
    shoot(guest, "shortlist-03-shared")
    other.close()

    # Staff turn the shortlist into a draft tour and land on it in the admin.
    page.get_by_label("First day").fill("2027-05-10")
    page.get_by_role("button", name="Make a draft itinerary").click()
    expect(page.locator("#content h2, #content h1").first).to_be_visible()
    assert "/admin/locations/itinerary/" in page.url
    draft = Itinerary.objects.get(status=ItineraryStatus.DRAFT)
    assert [s.name for s in draft.stops.all()] == ["Senso-ji", "Kinkaku-ji", "Osaka Castle"]
    shoot(page, "shortlist-04-draft-in-admin")
    assert page.console_errors == []
