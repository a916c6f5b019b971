"""The owner's one-click link: a GET that changes nothing (mail scanners fetch links), a
"Still correct" POST that sets verified_on and shows at once on the cached public page, a
"Something changed" form that reaches the editors, and friendly pages for bad links."""

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from locations.models import ChangeRequest, Location, Status
from locations.models.verification import japan_today
from locations.verification import CONFIRMED_REASON, make_token, record_for_token
from tests import factories
from tests.rate_windows import steady_address
from tests.tasks import run_queued_tasks
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)
from tests.verification_helpers import check_url, due_location, old_token, shown

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("japanese_catalogue", "restore_language"),
]


def confirm_url(record):
    return reverse("verification:confirm", kwargs={"token": make_token(record)})


def changes_url(record):
    return reverse("verification:changes", kwargs={"token": make_token(record)})


def test_the_link_shows_the_record_and_changes_nothing(client):
    location = due_location(filming_hours="9:00–16:00 on weekdays", contact_phone="075 000 0000")
    for method in (client.get, client.head):
        response = method(check_url(location))
        assert response.status_code == 200
    html = client.get(check_url(location)).content.decode()
    assert "Kamo Riverbank" in html and "鴨川河川敷" in html
    assert "9:00–16:00 on weekdays" in html  # the filming notes visitors read
    assert "owner@kamo.example.jp" in html  # so the owner can correct their own contact
    assert "Still correct" in html and "Something changed" in html
    assert 'name="csrfmiddlewaretoken"' in html
    location.refresh_from_db()
    assert location.verified_on != japan_today()
    assert not ChangeRequest.objects.exists()


def test_the_page_is_private(client):
    response = client.get(check_url(due_location()))
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_studio_link_shows_its_stages(client):
    studio = factories.StudioFactory(contact_email="office@studio.example.jp")
    studio.stages.create(name="Stage 3", length_m=30, width_m=20, height_m=12)
    html = client.get(check_url(studio)).content.decode()
    assert "Stage 3" in html and "30 × 20" in html and "600" in html


def test_still_correct_sets_the_date_in_japan_clears_the_round_and_says_so(client):
    location = due_location(verification_requests_sent=2, verification_flagged_at=timezone.now())
    response = client.post(confirm_url(location), follow=True)
    # Back on the same record's page. The token is compared by what it names: it is signed
    # with the time, so one made a second later differs (this test failed on a tick).
    match = resolve(response.redirect_chain[-1][0])
    assert match.view_name == "verification:check"
    assert record_for_token(match.kwargs["token"]) == location
    location.refresh_from_db()
    assert location.verified_on == japan_today()
    assert location.verification_requests_sent == 0
    assert location.verification_last_sent_at is None
    assert location.verification_flagged_at is None
    assert location.status == Status.PUBLISHED
    assert f"Checked on {shown(japan_today())}" in response.content.decode()
    assert "Thank you" in response.content.decode()
    latest = location.history.first()
    assert latest.history_change_reason == CONFIRMED_REASON
    assert latest.verified_on == japan_today()


def test_a_confirmation_shows_at_once_on_the_page_visitors_share(client):
    location = due_location(verified_on=None)
    visitor = Client()
    assert "Not checked yet" in visitor.get(location.get_absolute_url()).content.decode()
    assert "Not checked yet" in visitor.get(location.get_absolute_url()).content.decode()  # cached
    client.post(confirm_url(location))
    html = visitor.get(location.get_absolute_url()).content.decode()
    assert f"Checked on {shown(japan_today())}" in html
    assert "Not checked yet" not in html


def test_a_studio_is_confirmed_the_same_way(client):
    studio = factories.StudioFactory(contact_email="office@studio.example.jp")
    client.post(confirm_url(studio))
    studio.refresh_from_db()
    assert studio.verified_on == japan_today()
    assert (
        f"Checked on {shown(japan_today())}"
        in client.get(studio.get_absolute_url()).content.decode()
    )


def test_something_changed_reaches_the_editors(client, settings):
    settings.VERIFICATION_EDITORS_EMAIL = "editors@rokehan.example"
    location = due_location(verification_flagged_at=timezone.now())
    response = client.post(
        changes_url(location), {"message": "Closed on Mondays from April <b>2027</b>."}, follow=True
    )
    assert "Our editors have your message" in response.content.decode()
    change = ChangeRequest.objects.get()
    assert change.location == location and change.is_open
    assert change.message == "Closed on Mondays from April <b>2027</b>."
    assert change.sent_to == "owner@kamo.example.jp"
    location.refresh_from_db()
    assert location.verification_flagged_at is None  # they answered
    assert location.verified_on != japan_today()  # but did not confirm
    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["editors@rokehan.example"]
    assert "Kamo Riverbank" in message.subject
    assert "Closed on Mondays from April <b>2027</b>." in message.body  # plain text, as written
    assert reverse("admin:locations_changerequest_change", args=[change.pk]) in message.body


def test_without_an_editors_address_the_request_waits_in_the_admin(client, settings):
    settings.VERIFICATION_EDITORS_EMAIL = ""
    client.post(changes_url(due_location()), {"message": "New fee: ¥80,000/day"})
    run_queued_tasks()
    assert ChangeRequest.objects.get().message == "New fee: ¥80,000/day"
    assert mail.outbox == []


@pytest.mark.parametrize("message", ["", "   ", "x" * 2001])
def test_an_empty_or_too_long_message_is_a_form_error_and_saves_nothing(client, message):
    response = client.post(changes_url(due_location()), {"message": message})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_tampered_link_is_a_friendly_400(client):
    location = due_location()
    token = make_token(location)
    forged = signing.dumps({"k": "location", "id": location.pk + 1, "e": "x"}, salt="other")
    for bad in (token[:-2] + "xx", "not-a-token", forged):
        for url in (
            reverse("verification:check", kwargs={"token": bad}),
            reverse("verification:confirm", kwargs={"token": bad}),
        ):
            response = client.get(url) if url.endswith(f"{bad}/") else client.post(url)
            assert response.status_code == 400, url
            assert "This confirmation link is not valid" in response.content.decode()
    location.refresh_from_db()
    assert location.verified_on != japan_today()


def test_an_expired_link_says_so(client, settings):
    settings.VERIFICATION_LINK_DAYS = 60
    location = due_location()
    token = old_token(location, days=61)
    response = client.post(reverse("verification:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()
    location.refresh_from_db()
    assert location.verified_on != japan_today()
    still_valid = old_token(location, days=59)
    assert (
        client.get(reverse("verification:check", kwargs={"token": still_valid})).status_code == 200
    )


def test_a_link_sent_to_a_former_contact_stops_working(client):
    location = due_location()
    url = check_url(location)
    location.contact_email = "new-manager@kamo.example.jp"
    location.save()
    assert client.get(url).status_code == 400
    assert client.get(check_url(location)).status_code == 200


def test_a_link_to_a_record_that_is_gone_is_a_404(client):
    location = due_location()
    url = check_url(location)
    Location.objects.filter(pk=location.pk).delete()
    assert client.get(url).status_code == 404


def test_the_buttons_are_posts_with_csrf(client):
    location = due_location()
    assert client.get(confirm_url(location)).status_code == 405
    assert client.get(changes_url(location)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(confirm_url(location)).status_code == 403
    location.refresh_from_db()
    assert location.verified_on != japan_today()


def test_many_posts_from_one_address_are_refused(client):
    location = due_location()
    address = steady_address(period=3600)
    for _ in range(20):
        assert client.post(confirm_url(location), REMOTE_ADDR=address).status_code == 302
    response = client.post(confirm_url(location), REMOTE_ADDR=address)
    assert response.status_code == 429
    assert "Too many requests from your network" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_the_page_is_in_japanese_for_japanese_browsers(client):
    html = client.get(check_url(due_location()), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "掲載内容" in html
