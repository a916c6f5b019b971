"""A producer's journey through the studios in Chromium: filter in feet, open a studio, tick two
stages, compare them drawn to scale; then the same pages on a phone, and with JavaScript off."""

import re
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from locations.models import Prefecture, Soundstage
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def reference_data():
    """Regions, prefectures and reference stages, as migration 0002 ships them.

    A transactional test flushes the database when it ends, and `serialized_rollback` cannot
    restore it here: Playwright's greenlet gives Django a fresh connection object without the
    serialized copy. So each journey reloads the reference data itself (idempotent).
    """
    if not Prefecture.objects.exists():
        import_module("locations.migrations.0002_reference_data").load(django_apps, None)


@pytest.fixture(autouse=True)
def no_map_tiles(settings):
    """No tile server in tests: the maps still draw their markers."""
    settings.MAP_TILE_URL = ""


@pytest.fixture
def studios():
    """Two studios with large floors (published figures) and a small sample studio."""
    toho = factories.StudioFactory(
        name="Toho Studios", name_ja="東宝スタジオ", slug="toho-studios", is_sample=False
    )
    for name in ("Stage 8", "Stage 9"):
        Soundstage.objects.create(
            studio=toho,
            name=name,
            length_m=Decimal("41.4"),
            width_m=Decimal("32"),
            area_m2=Decimal("1325"),
            source="Japanese Wikipedia, 東宝スタジオ",
            verified_on="2026-11-24",
        )
    kadokawa = factories.StudioFactory(
        name="Kadokawa Daiei Studio",
        name_ja="角川大映スタジオ",
        is_sample=False,
        latitude=Decimal("35.646000"),
        longitude=Decimal("139.560000"),
    )
    Soundstage.objects.create(
        studio=kadokawa,
        name="Stage G",
        length_m=Decimal("40.3"),
        width_m=Decimal("25"),
        height_m=Decimal("10.5"),
        area_m2=Decimal("1007"),
        source="https://chofu.keizai.biz/headline/778/",
        verified_on="2026-11-24",
    )
    small = factories.StudioFactory(
        name="Small Sample Studio",
        latitude=Decimal("34.7"),
        longitude=Decimal("135.5"),
        prefecture=factories.prefecture("osaka"),
    )
    factories.SoundstageFactory(studio=small, name="Insert stage", length_m=20, width_m=15)
    return toho


def _watch_console(page) -> list[str]:
    """Collect console errors and uncaught exceptions (a missing favicon is not ours)."""
    errors = []
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "favicon" not in msg.location.get("url", "")
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width} px)"


def test_a_producer_compares_two_stages_found_in_feet(page, live_server, studios):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    errors = _watch_console(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(live_server.url + "/studios/")
    expect(page.locator(".studio-cards .card")).to_have_count(3)
    page.get_by_role("link", name="feet").click()
    expect(page.get_by_text("Set length at least (ft)")).to_be_visible()

    # 131.2 ft is 39.99 m: the 41.4 m and 40.3 m floors fit, the 20 m one does not.
    page.get_by_label("Set length at least").fill("131.2")
    page.get_by_role("button", name="Show studios").click()
    cards = page.locator(".studio-cards .card")
    expect(cards).to_have_count(2)
    expect(page).to_have_url(re.compile(r"min_length=131\.2"))  # the URL is shareable
    assert "units=ft" in page.url
    expect(cards.first).to_contain_text("Toho Studios")
    expect(cards.first).to_contain_text("135.8 × 105 ft")
    expect(page.locator(".chips")).to_contain_text("Length ≥ 131.2 ft")
    expect(page.locator(".map")).to_have_attribute("data-loaded", "1")
    expect(page.locator(".map")).to_have_attribute("data-markers", "2")
    page.screenshot(path=SCREENSHOTS / "studios-list-feet.png", full_page=True)

    page.get_by_role("link", name="Toho Studios").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toho Studios")
    expect(page.locator(".stage-table")).to_contain_text("14,262 sq ft")
    page.get_by_label("Compare Stage 8").check()
    page.get_by_label("Compare Stage 9").press("Space")  # keyboard works too
    expect(page.get_by_label("Compare Stage 9")).to_be_checked()
    page.screenshot(path=SCREENSHOTS / "studio-detail.png", full_page=True)
    page.get_by_role("button", name="Compare ticked stages").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Compare stages")
    floors = page.locator("svg rect.plan-floor")
    expect(floors).to_have_count(4)  # two ticked stages, Pinewood's 007 Stage, Korda's Studio 5
    widths = [float(floors.nth(i).get_attribute("width")) for i in range(4)]
    assert widths[0] == widths[1]
    assert widths[0] / widths[2] == pytest.approx(41.4 / 114, abs=0.001)
    expect(page.locator(".compare-table")).to_contain_text("Pinewood Studios")
    page.screenshot(path=SCREENSHOTS / "stage-compare.png", full_page=True)

    # Back to the list for one more studio: its page remembers the two stages already ticked.
    page.goto(live_server.url + "/studios/kadokawa-daiei-studio/")
    expect(page.locator(".chosen-elsewhere input:checked")).to_have_count(2)
    expect(page.locator(".stage-table")).to_contain_text("132.2 × 82 × 34.4 ft")
    assert errors == []


def test_the_studio_pages_fit_a_phone(browser, live_server, studios):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    errors = _watch_console(page)
    stage_ids = "&".join(f"stage={s.pk}" for s in studios.stages.all())
    for name, path in [
        ("phone-studios", "/studios/?min_area=1000"),
        ("phone-studio", "/studios/toho-studios/?units=ft"),
        ("phone-compare", f"/studios/compare/?{stage_ids}"),
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        _no_sideways_scroll(page)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()
    assert errors == []


def test_filtering_works_without_javascript(browser, live_server, studios):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/studios/")
    page.get_by_label("Floor area at least").fill("1100")
    page.get_by_role("button", name="Show studios").click()
    expect(page).to_have_url(re.compile(r"min_area=1100"))
    expect(page.locator(".studio-cards .card")).to_have_count(1)
    expect(page.locator(".result-count")).to_contain_text("1 studio")
    context.close()
