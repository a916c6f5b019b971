"""The review queue in the admin: fixers see it, editors approve (the place is published) or
reject with a reason; the submitter is e-mailed in the language they wrote in."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from locations.models import Decision, Location, Status, Submission
from locations.submissions import DecisionRefused, approve, reject
from tests import factories
from tests.tasks import run_queued_tasks
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:locations_submission_changelist")


def submitted(name="Enoshima Sea Candle", *, language="en", email="haruka@example.com", **place):
    place = factories.LocationFactory(
        name=name,
        status=Status.REVIEW,
        contact_name="Haruka Sample",
        contact_email=email,
        **place,
    )
    return Submission.objects.create(
        location=place,
        submitter_name="Haruka Sample",
        submitter_email=email,
        consent_at=timezone.now(),
        language=language,
    )


def act(client, action, submissions, **extra):
    data = {"action": action, "_selected_action": [s.pk for s in submissions], **extra}
    return client.post(CHANGELIST, data)


def test_the_admin_index_counts_the_waiting_submissions(fixer_client, editor_client):
    for client in (fixer_client, editor_client):
        assert (
            "No submitted places are waiting" in client.get(reverse("admin:index")).content.decode()
        )
    submitted("One")
    submitted("Two")
    decided = submitted("Decided")
    decided.decision, decided.decided_at = Decision.APPROVED, timezone.now()
    decided.save()
    index = fixer_client.get(reverse("admin:index")).content.decode()
    assert "2 submitted places are waiting for review." in index
    assert f'href="{CHANGELIST}?decision__exact=pending"' in index


def test_the_queue_lists_waiting_submissions_first_in_few_queries(
    fixer_client, django_assert_max_num_queries
):
    older = submitted("Older")
    done = submitted("Done")
    done.decision, done.decided_at, done.reason = Decision.REJECTED, timezone.now(), "Closed"
    done.save()
    for n in range(30):
        submitted(f"Place {n}")
    # session, user, count, rows (place, prefecture, category and photo count joined), filters
    with django_assert_max_num_queries(8):
        response = fixer_client.get(CHANGELIST)
    rows = list(response.context["cl"].result_list)
    assert len(rows) == 32 and rows[-1] == done and older in rows[:31]


def test_fixers_see_the_queue_but_cannot_decide(fixer_client, fixer):
    submission = submitted()
    page = fixer_client.get(CHANGELIST)
    assert page.status_code == 200 and "Enoshima Sea Candle" in page.content.decode()
    assert page.context["action_form"] is None  # no action a fixer may take
    act(fixer_client, "approve_selected", [submission])
    submission.refresh_from_db()
    assert submission.is_pending and submission.location.status == Status.REVIEW
    change = fixer_client.get(reverse("admin:locations_submission_change", args=[submission.pk]))
    assert "only editors approve" in change.content.decode()
    with pytest.raises(DecisionRefused):
        approve(submission, user=fixer)
    run_queued_tasks()
    assert mail.outbox == []


def test_an_editor_approves_and_the_place_goes_public(client, editor_client, editor):
    submission = submitted()
    change = editor_client.get(reverse("admin:locations_submission_change", args=[submission.pk]))
    assert "Approve and publish" in change.content.decode()
    response = act(editor_client, "approve_selected", [submission])
    assert response.status_code == 302
    submission.refresh_from_db()
    place = submission.location
    assert place.status == Status.PUBLISHED and place.updated_by == editor
    assert (submission.decision, submission.decided_by) == (Decision.APPROVED, editor)
    assert submission.decided_at is not None

    assert client.get(place.get_absolute_url()).status_code == 200
    assert (
        "Sea Candle" in client.get(reverse("locations:list"), {"q": "sea candle"}).content.decode()
    )
    features = json.loads(client.get(reverse("locations:geojson")).content)["features"]
    assert [f["properties"]["name"] for f in features] == ["Enoshima Sea Candle"]

    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["haruka@example.com"]
    assert message.subject == "Published on Rokehan: Enoshima Sea Candle"
    assert f"http://127.0.0.1:8000{place.get_absolute_url()}" in message.body


def test_an_editor_rejects_with_a_reason_that_is_e_mailed_in_japanese(editor_client, editor):
    submission = submitted("Old Pier", name_ja="旧桟橋", language="ja")
    confirm = act(editor_client, "reject_selected", [submission])
    assert confirm.status_code == 200
    assert "Reason for the submitter" in confirm.content.decode()
    submission.refresh_from_db()
    assert submission.is_pending  # nothing happens until the reason is given

    missing = act(editor_client, "reject_selected", [submission], apply="1", reason="  ")
    assert missing.status_code == 200 and "Please write a reason." in missing.content.decode()
    submission.refresh_from_db()
    assert submission.is_pending

    reason = "The pier is closed to the public & to filming until 2028."
    act(editor_client, "reject_selected", [submission], apply="1", reason=reason)
    submission.refresh_from_db()
    assert (submission.decision, submission.reason) == (Decision.REJECTED, reason)
    assert submission.location.status == Status.DRAFT  # kept, not deleted
    assert Location.objects.filter(pk=submission.location.pk).exists()

    run_queued_tasks()
    (message,) = mail.outbox
    assert reason in message.body  # as written: plain text, no &amp;
    assert message.subject == "ご提案について：旧桟橋"  # the place's name in their language
    assert "掲載しないことに" in message.body


def test_a_decided_submission_is_not_decided_twice(editor):
    submission = submitted()
    approve(submission, user=editor)
    with pytest.raises(DecisionRefused):
        reject(submission, user=editor, reason="Changed my mind")
    with pytest.raises(DecisionRefused):
        reject(submitted("Other"), user=editor, reason="")
    run_queued_tasks()
    assert len(mail.outbox) == 1


def test_submissions_are_neither_added_changed_nor_deleted_in_the_admin(editor_client):
    submission = submitted()
    assert editor_client.get(reverse("admin:locations_submission_add")).status_code == 403
    delete = reverse("admin:locations_submission_delete", args=[submission.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=submission.pk).exists()
    # Deleting the (spam) place deletes its submission.
    submission.location.delete()
    assert not Submission.objects.exists()
