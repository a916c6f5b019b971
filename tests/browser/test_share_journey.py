"""A location manager shares a shortlist with an expiry; a director without an account
answers yes / maybe / no with comments on a phone; the manager reads the answers, revokes
the link, and the director's open page and a reload both find it gone."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path("test-output/screenshots")
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct-horse-battery-staple"  # UserFactory's password

# Real public places with their real coordinates; the machiya stands for a private home
# (its name says it is a sample).
PLACES = [
    (
        "Shibuya Scramble Crossing",
        "渋谷スクランブル交差点",
        "tokyo",
        "street",
        "35.659500",
        "139.700400",
    ),
    ("Dotonbori", "道頓堀", "osaka", "street", "34.668700", "135.501300"),
    (
        "Sample machiya (private home)",
        "サンプル町家",
        "kyoto",
        "building",
        "35.003700",
        "135.775700",
    ),
]


@pytest.fixture
def shortlist(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the photos load in the browser
    settings.MAP_TILE_URL = ""
    manager = factories.UserFactory(username="manager", email="manager@example.com")
    shortlist = factories.ShortlistFactory(owner=manager, title="Night chase — Sc. 12")
    for rank, (name, name_ja, pref, cat, lat, lng) in enumerate(PLACES, start=1):
        place = factories.LocationFactory(
            name=name,
            name_ja=name_ja,
            prefecture=factories.prefecture(pref),
            category=factories.category(cat),
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            private_property=name.startswith("Sample machiya"),
        )
        factories.PhotoFactory(location=place, caption=f"Sample photo of {name}")
        factories.ShortlistItemFactory(
            shortlist=shortlist, location=place, rank=rank, top_choice_for="Sc. 12 chase"
        )
    return shortlist


def new_phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.problems.append(m.text),
    )
    return context, page


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width}px)"


def answer(page, place, verdict, comment, name=None):
    item = page.locator(".shortlist-item", has_text=place)
    details = item.locator("details.reply-details")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()  # "Change your answer"
    item.get_by_label(verdict, exact=True).check()
    if name:
        item.get_by_label("Your name").fill(name)
    item.get_by_label("Comment").fill(comment)
    item.get_by_role("button", name="Send answer").click()
    return item


def test_a_director_answers_on_a_phone_and_the_manager_reads_it(live_server, browser, shortlist):
    manager_context, manager = new_phone(browser)
    manager.goto(live_server.url + "/accounts/login/?next=" + shortlist.get_absolute_url())
    manager.get_by_label("Username").fill("manager")
    manager.get_by_label("Password").fill(PASSWORD)
    manager.get_by_role("button", name="Sign in").click()
    expect(manager).to_have_url(live_server.url + shortlist.get_absolute_url())

    # Share for two weeks.
    last_day = timezone.localdate() + dt.timedelta(days=14)
    manager.get_by_label("Link works until").fill(last_day.isoformat())
    manager.get_by_role("button", name="Save the last day").click()
    expect(manager.locator(".messages, [role=status]").first).to_be_visible()
    share_url = manager.locator("#share-url").input_value()
    assert share_url.endswith(shortlist.get_share_url())
    assert_fits_the_phone(manager)
    shoot(manager, "share-01-manager-shares")

    # The director, on a phone, without an account.
    director_context, director = new_phone(browser)
    director.goto(share_url)
    expect(director.get_by_role("heading", name="Night chase — Sc. 12")).to_be_visible()
    # The private home's photo shows through the live link.
    expect(
        director.locator(".shortlist-item", has_text="Sample machiya").locator("img")
    ).to_be_visible()
    item = answer(director, "Shibuya", "Yes", "Perfect at 2 a.m. <b>really</b>", "Aiko Director")
    expect(item.locator(".reply-mine")).to_contain_text("Perfect at 2 a.m. <b>really</b>")
    # The name is kept for the next place.
    item = director.locator(".shortlist-item", has_text="Dotonbori")
    expect(item.get_by_label("Your name")).to_have_value("Aiko Director")
    answer(director, "Dotonbori", "Maybe", "Too many signs?")
    expect(item.locator(".reply-mine")).to_contain_text("Maybe")
    answer(director, "Sample machiya", "No", "Too small for the rig.")
    expect(director.locator(".reply-mine")).to_have_count(3)
    assert_fits_the_phone(director)
    shoot(director, "share-02-director-answers")

    # The manager sees the answers, newest first, and the top choice for the scene.
    manager.reload()
    replies = manager.locator("#replies .replies li")
    expect(replies).to_have_count(3)
    expect(replies.first).to_contain_text("Too small for the rig.")
    expect(replies.last).to_contain_text("Perfect at 2 a.m. <b>really</b>")
    expect(manager.locator(".favourites")).to_contain_text("Shibuya Scramble Crossing")
    expect(manager.locator(".share-stats")).to_contain_text("Opened 1 time")
    assert_fits_the_phone(manager)
    shoot(manager, "share-03-manager-reads")

    # Revoked: the director's open page cannot answer any more, and a reload is a 404.
    manager.get_by_role("button", name="Revoke the link now").click()
    expect(manager.locator(".share-state-off")).to_contain_text("revoked")
    answer(director, "Dotonbori", "Yes", "Changed my mind")
    expect(director.locator(".reply-gone")).to_contain_text("This link no longer works")
    shoot(director, "share-04-open-page-after-revoke")
    response = director.goto(share_url)
    assert response.status == 404
    expect(director.get_by_role("heading", name="We could not find that page")).to_be_visible()

    assert director.problems == [] and manager.problems == []
    director_context.close()
    manager_context.close()


def test_the_api_docs_page_runs_under_the_csp(live_server, browser):
    context, page = new_phone(browser)
    page.goto(live_server.url + "/api/")
    expect(page.get_by_text("Rokehan API").first).to_be_visible()
    expect(page.get_by_text("/api/locations/", exact=True).first).to_be_visible()
    assert page.problems == []
    context.close()
