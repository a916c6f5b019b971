"""An owner's journey on a phone: the e-mailed link, the record's facts, "Still correct" —
and the date on the page visitors see; then a studio owner in Japanese who reports a change."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from locations.models import ChangeRequest
from locations.models.verification import japan_today
from tests import factories
from tests.tasks import run_queued_tasks
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)
from tests.verification_helpers import due_location, shown

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("japanese_catalogue", "restore_language"),
]

PHONE = {"width": 390, "height": 844}


def link_in_mail(live_server) -> str:
    """The path of the link in the one e-mail the worker sent, on the live server."""
    call_command("request_verification", verbosity=0)
    run_queued_tasks()
    (message,) = mail.outbox
    mail.outbox.clear()
    path = re.search(r"https?://\S+?(/check/\S+/)", message.body).group(1)
    return live_server.url + path


def test_an_owner_confirms_from_a_phone(live_server, browser, screenshot_dir):
    location = due_location(filming_hours="9:00–16:00 on weekdays")
    url = link_in_mail(live_server)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Is this record still correct?")
    expect(page.get_by_text("9:00–16:00 on weekdays")).to_be_visible()
    page.screenshot(path=screenshot_dir / "verification-phone.png", full_page=True)

    page.get_by_role("button", name="Still correct").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    expect(page.get_by_test_id("checked-on")).to_contain_text(f"Checked on {shown(japan_today())}")

    page.get_by_role("link", name="See the page as visitors see it").click()
    expect(page).to_have_url(live_server.url + location.get_absolute_url())
    expect(page.get_by_test_id("checked-on")).to_contain_text(f"Checked on {shown(japan_today())}")
    context.close()


def test_a_studio_owner_reports_a_change_in_japanese(live_server, browser):
    studio = factories.StudioFactory(
        name="Sample Studio Ōizumi", contact_email="office@studio.example.jp", verified_on=None
    )
    url = link_in_mail(live_server)
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("掲載内容は今も正しいですか？")

    page.get_by_role("button", name="編集担当に送る").click()  # empty: told what to do
    expect(page.locator(".errorlist")).to_be_visible()
    page.get_by_label("何が変わりましたか？").fill("第2ステージは改装中です（2027年3月まで）。")
    page.get_by_role("button", name="編集担当に送る").click()
    expect(page.get_by_role("status")).to_contain_text("ありがとうございました")

    change = ChangeRequest.objects.get()
    assert change.studio == studio
    assert change.message == "第2ステージは改装中です（2027年3月まで）。"
    context.close()
