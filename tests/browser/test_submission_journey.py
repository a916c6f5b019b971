"""A scout on a phone suggests a place with a photo, in Debian's Chromium; an editor then
publishes it and visitors find it."""

import io
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from locations.models import Decision, Location, Status
from locations.submissions import approve
from tests import factories
from tests.tasks import run_queued_tasks

# Uploaded photos are served by the live server (their cards link to thumbnails).
pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.browser.media_urls")]

PHONE = {"width": 390, "height": 844}
TILE_HOST = urlsplit(settings.MAP_TILE_URL).netloc


def sample_jpeg(path):
    """A 1200×800 JPEG made with Pillow: a sky over a sea, visibly a placeholder."""
    image = Image.new("RGB", (1200, 800), (120, 170, 220))
    ImageDraw.Draw(image).rectangle([0, 480, 1200, 800], fill=(30, 90, 140))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    # No internet here: map tiles are refused, and their failures are not the page's errors.
    context.route(f"**://{TILE_HOST}/**", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and TILE_HOST not in (m.location.get("url") or "")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide"


def test_a_scout_on_a_phone_suggests_a_place_with_a_photo(
    live_server, phone, tmp_path, screenshot_dir
):
    page, errors = phone
    editor = factories.UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))

    page.goto(f"{live_server.url}/locations/")
    page.get_by_role("link", name="Missing a place you know? Suggest a location").click()
    expect(page).to_have_url(f"{live_server.url}/locations/submit/")
    expect(page.get_by_role("heading", name="Suggest a filming location")).to_be_visible()
    # The honeypot is in the form but not on screen.
    assert page.locator("input[name=website]").count() == 1
    expect(page.locator("input[name=website]")).not_to_be_in_viewport()

    page.get_by_label("Name in English").fill("Enoshima Sea Candle")
    page.get_by_label("Name in Japanese").fill("江の島シーキャンドル")
    page.get_by_label("Kind of place").select_option(label="Waterfront")
    page.get_by_label("Prefecture").select_option(label="Kanagawa")
    page.get_by_label("City, ward, town or village").fill("Fujisawa")
    page.get_by_label("Latitude").fill("35.299600")
    page.get_by_label("Longitude").fill("139.480200")
    page.get_by_label("What makes it good for filming").fill(
        "Lighthouse on the island; sunset behind Mt Fuji on clear winter days."
    )
    page.get_by_label("Choose photos").set_input_files(sample_jpeg(tmp_path / "IMG_2041.jpg"))
    page.get_by_label("Your name").fill("Haruka Sample")
    page.get_by_label("Your e-mail address").fill("haruka@example.com")
    # Sending without the consent box: the form says why, nothing is saved.
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".form-errors").first).to_contain_text("Nothing was saved yet")
    expect(page.locator(".form-errors").first).to_contain_text("choose them again")
    expect(page.locator(".field-consent .errorlist")).to_contain_text("Please agree")
    assert Location.objects.count() == 0
    assert_no_sideways_scroll(page)
    page.screenshot(path=screenshot_dir / "phone-submit-errors.png", full_page=True)

    # Browsers forget chosen files: choose the photo again, agree and send.
    page.get_by_label("Choose photos").set_input_files(sample_jpeg(tmp_path / "IMG_2041.jpg"))
    page.get_by_label("Rokehan’s editors may contact me about this place by e-mail.").check()
    page.get_by_role("button", name="Send for review").click()
    expect(page).to_have_url(f"{live_server.url}/locations/submit/thanks/")
    expect(page.locator("main")).to_contain_text("“Enoshima Sea Candle” is now with Rokehan")
    assert_no_sideways_scroll(page)
    page.screenshot(path=screenshot_dir / "phone-submit-thanks.png", full_page=True)

    place = Location.objects.get()
    assert place.status == Status.REVIEW and place.photos.count() == 1
    assert place.submission.decision == Decision.PENDING

    # Not on the site until an editor publishes it.
    page.goto(f"{live_server.url}/locations/?q=enoshima")
    expect(page.locator("main")).not_to_contain_text("Enoshima Sea Candle")
    approve(place.submission, user=editor)
    run_queued_tasks()
    page.goto(f"{live_server.url}/locations/?q=enoshima")
    expect(page.locator("main")).to_contain_text("Enoshima Sea Candle")
    # The one refused POST answered 400 (Chromium reports it); nothing else went wrong.
    assert [e for e in errors if "status of 400" not in e] == []
    assert len(errors) == 1
