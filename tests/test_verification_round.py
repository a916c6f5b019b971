"""`manage.py request_verification` over time: the request, one reminder, then a flag for
editors; nothing sent twice on a re-run, nothing at all on --dry-run, and no record ever
deleted or unpublished. The e-mails are sent by the real worker and their links work."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from locations.models import ChangeRequest, Location, Status, Studio
from locations.models.verification import japan_today
from locations.verification_round import run_round
from tests import factories
from tests.tasks import run_queued_tasks
from tests.verification_helpers import due_location, long_ago

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def command(*args) -> str:
    out = io.StringIO()
    call_command("request_verification", *args, stdout=out)
    return out.getvalue()


def sent() -> list:
    """The messages the worker sent since the last call."""
    run_queued_tasks()
    messages = list(mail.outbox)
    mail.outbox.clear()
    return messages


def test_the_schedule_request_reminder_flag_and_nothing_twice(settings):
    settings.VERIFICATION_REMINDER_DAYS = 14
    location = due_location()
    assert "1 requests" in command()
    start = timezone.now()
    (request,) = sent()
    assert request.to == ["owner@kamo.example.jp"]
    location.refresh_from_db()
    assert location.verification_requests_sent == 1

    command()  # the same day again
    run_round(now=start + 13 * DAY)  # not yet time for the reminder
    assert sent() == []

    result = run_round(now=start + 14 * DAY)
    assert result.reminded == [location]
    (reminder,) = sent()
    assert "Reminder:" in reminder.subject and "再送" in reminder.subject
    assert "have not heard back" in reminder.body
    run_round(now=start + 15 * DAY)
    assert sent() == []

    run_round(now=start + 27 * DAY)
    location.refresh_from_db()
    assert location.verification_flagged_at is None
    result = run_round(now=start + 28 * DAY)
    assert result.flagged == [location]
    run_round(now=start + 60 * DAY)
    assert sent() == []  # flagged, and left for the editors: no more e-mails

    location.refresh_from_db()
    assert location.verification_flagged_at is not None
    assert location.status == Status.PUBLISHED
    assert Location.objects.filter(pk=location.pk).exists()
    assert Location.objects.verification_flagged().get() == location


def test_dry_run_sends_and_changes_nothing():
    location = due_location()
    output = command("--dry-run")
    assert "Dry run" in output and "1 requests" in output
    assert sent() == []
    location.refresh_from_db()
    assert location.verification_requests_sent == 0
    assert location.verification_last_sent_at is None


def test_only_published_due_records_with_an_address_are_asked():
    asked = due_location(name="Asked")
    due_location(name="Draft", status=Status.DRAFT, contact_email="draft@example.jp")
    due_location(name="Fresh", verified_on=japan_today() - 30 * DAY, contact_email="f@example.jp")
    due_location(name="Nobody", contact_email="")
    never = due_location(name="Never checked", verified_on=None, contact_email="n@example.jp")
    studio = factories.StudioFactory(contact_email="office@studio.example.jp", verified_on=None)
    output = command()
    assert {m.to[0] for m in sent()} == {
        asked.contact_email,
        never.contact_email,
        studio.contact_email,
    }
    assert "1 published records are due but have no contact e-mail" in output


def test_the_request_names_the_record_in_both_languages_and_its_link_works():
    location = due_location()
    command()
    (message,) = sent()
    assert "Kamo Riverbank" in message.subject and "鴨川河川敷" in message.subject
    assert "Suzuki Hanako" in message.body
    assert "鴨川河川敷" in message.body and "Kamo Riverbank" in message.body
    assert "Still correct" in message.body
    (link,) = set(re.findall(r"http://testserver\S+|http://127\.0\.0\.1:8000\S+", message.body))
    assert link.startswith("http://127.0.0.1:8000/check/")
    path = link.removeprefix("http://127.0.0.1:8000")
    owner = Client()
    assert "Kamo Riverbank" in owner.get(path).content.decode()
    owner.post(path + "confirm/")
    location.refresh_from_db()
    assert location.verified_on == japan_today()
    assert location.verification_requests_sent == 0


def test_links_in_e_mails_use_the_site_url(settings):
    settings.SITE_URL = "https://rokehan.example"
    due_location()
    command()
    (message,) = sent()
    assert "https://rokehan.example/check/" in message.body


def test_a_confirmed_record_starts_again_only_when_stale():
    location = due_location()
    command()
    Client().post(re.search(r"/check/\S+/", sent()[0].body).group(0) + "confirm/")
    run_round(now=timezone.now() + 100 * DAY)
    assert sent() == []
    location.refresh_from_db()
    assert location.verified_on == japan_today() and not location.verification_is_stale


def test_an_editor_checking_the_record_closes_the_round():
    location = due_location()
    command()
    sent()
    Location.objects.filter(pk=location.pk).update(verified_on=japan_today())
    result = run_round(now=timezone.now() + 30 * DAY)
    assert result.cleared == 1 and result.reminded == []
    location.refresh_from_db()
    assert location.verification_requests_sent == 0


def test_an_open_change_request_pauses_the_round():
    location = due_location()
    command()
    sent()
    ChangeRequest.objects.create(location=location, message="New gate code")
    assert run_round(now=timezone.now() + 30 * DAY).reminded == []
    assert run_round(now=timezone.now() + 60 * DAY).flagged == []
    ChangeRequest.objects.update(resolved_at=timezone.now())
    assert run_round(now=timezone.now() + 30 * DAY).reminded == [location]


def test_editors_get_one_summary_of_the_flagged_records(settings):
    settings.VERIFICATION_EDITORS_EMAIL = "editors@rokehan.example"
    location = due_location(
        verification_requests_sent=2, verification_last_sent_at=timezone.now() - 20 * DAY
    )
    studio = factories.StudioFactory(
        contact_email="office@studio.example.jp",
        verified_on=long_ago(9),
        verification_requests_sent=2,
        verification_last_sent_at=timezone.now() - 20 * DAY,
    )
    command()
    (summary,) = sent()
    assert summary.to == ["editors@rokehan.example"]
    assert "2 records need an editor" in summary.subject
    assert f"/admin/locations/location/{location.pk}/change/" in summary.body
    assert f"/admin/locations/studio/{studio.pk}/change/" in summary.body
    assert Studio.objects.verification_flagged().get() == studio


def test_nothing_is_ever_deleted_or_unpublished():
    records = [due_location(name=f"Place {n}", contact_email=f"p{n}@example.jp") for n in range(3)]
    start = timezone.now()
    for days in (0, 14, 28, 42, 400):
        run_round(now=start + days * DAY)
    assert Location.objects.published().count() == len(records)
    assert Location.objects.verification_flagged().count() == len(records)
