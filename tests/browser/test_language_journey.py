"""Switching language in a real browser: the page stays where it is, filters included."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.translations import japanese_catalogue  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]


@pytest.fixture
def places():
    factories.LocationFactory(
        name="Kinkaku-ji",
        name_ja="金閣寺",
        prefecture=factories.prefecture("kyoto"),
        category=factories.category("temple"),
    )
    factories.LocationFactory(name="Omoide Yokocho", name_ja="")


def test_switching_language_after_filtering_keeps_the_filtered_page(live_server, page, places):
    page.goto(f"{live_server.url}/locations/")
    # htmx swaps the results and pushes the filtered address without reloading the page.
    page.get_by_label("Kansai").check()
    expect(page).to_have_url(f"{live_server.url}/locations/?region=kansai&sort=name")

    page.locator("#language-select").select_option("ja")

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page).to_have_url(f"{live_server.url}/locations/?region=kansai&sort=name")
    expect(page.locator(".card-title a")).to_have_text(["金閣寺"])
    expect(page.get_by_role("heading", level=1)).to_have_text("ロケ地")

    # The choice sticks (a cookie) and Japanese falls back to English where there is no
    # Japanese name.
    page.goto(f"{live_server.url}/locations/")
    expect(page.locator(".card-title a")).to_have_text(["金閣寺", "Omoide Yokocho"])

    page.locator("#language-select").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Filming locations")


def test_without_javascript_the_change_button_switches(live_server, browser, places):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/studios/?units=ft")
    page.locator("#language-select").select_option("ja")
    page.get_by_role("button", name="Change").click()

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page).to_have_url(f"{live_server.url}/studios/?units=ft")
    context.close()
