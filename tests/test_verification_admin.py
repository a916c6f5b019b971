"""Editors find stale records in the admin ("Checked" filter and column), see where a
record's confirmation round stands, mark records checked, and resolve owners' messages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from locations.models import ChangeRequest, Location, Studio
from locations.models.verification import japan_today
from locations.verification import CHECKED_BY_EDITOR_REASON
from tests import factories
from tests.verification_helpers import long_ago

pytestmark = pytest.mark.django_db


def changelist(model_name: str) -> str:
    return reverse(f"admin:locations_{model_name}_changelist")


@pytest.fixture
def records():
    """One of each kind for each model: fresh, stale, never, flagged, with a change request."""
    made = {}
    for factory in (factories.LocationFactory, factories.StudioFactory):
        name = factory._meta.model._meta.model_name
        made[name] = {
            "recent": factory(name=f"{name} recent", verified_on=japan_today()),
            "stale": factory(name=f"{name} stale", verified_on=long_ago(7)),
            "never": factory(name=f"{name} never", verified_on=None),
            "flagged": factory(
                name=f"{name} flagged",
                verified_on=long_ago(13),
                verification_requests_sent=2,
                verification_flagged_at=timezone.now(),
            ),
        }
        changed = factory(name=f"{name} changes", verified_on=long_ago(8))
        ChangeRequest.objects.create(**{name: changed}, message="New fees")
        made[name]["changes"] = changed
    return made


def listed(response) -> set[str]:
    return {obj.name for obj in response.context["cl"].result_list}


@pytest.mark.parametrize("model_name", ["location", "studio"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("recent", {"recent"}),
        ("stale", {"stale", "flagged", "changes"}),
        ("never", {"never"}),
        ("flagged", {"flagged"}),
        ("changes", {"changes"}),
    ],
)
def test_the_checked_filter(editor_client, records, model_name, value, expected):
    response = editor_client.get(changelist(model_name), {"checked": value})
    assert listed(response) == {f"{model_name} {kind}" for kind in expected}


@pytest.mark.parametrize("model_name", ["location", "studio"])
def test_the_filter_and_column_are_on_the_changelist(fixer_client, records, model_name):
    html = fixer_client.get(changelist(model_name)).content.decode()
    assert "Over 6 months ago" in html and "Flagged for editors" in html
    assert "⚑ flagged" in html and "checked-never" in html and "checked-stale" in html


def test_the_changelist_column_costs_no_query_per_row(editor_client, django_assert_max_num_queries):
    for n in range(30):
        factories.LocationFactory(name=f"Place {n}", verified_on=long_ago(n % 12))
    # Session, user, permissions, the counts, the page and the filters' choices: 10 with
    # 30 rows, as with one (the column reads the row's own fields).
    with django_assert_max_num_queries(10):
        response = editor_client.get(changelist("location"))
    assert len(response.context["cl"].result_list) == 30


@pytest.mark.parametrize("model_name", ["location", "studio"])
def test_the_change_form_shows_the_round(fixer_client, records, model_name):
    record = records[model_name]["flagged"]
    url = reverse(f"admin:locations_{model_name}_change", args=[record.pk])
    html = fixer_client.get(url).content.decode()
    assert "Flagged for editors" in html
    assert "Confirmation e-mails sent" in html
    assert 'name="verified_on"' in html  # editable: an editor who phoned the owner sets it
    assert 'name="verification_flagged_at"' not in html  # the round is read-only


def test_an_editor_marks_records_checked_today(editor_client, editor, records):
    picked = [records["location"]["flagged"], records["location"]["never"]]
    response = editor_client.post(
        changelist("location"),
        {"action": "mark_checked", "_selected_action": [r.pk for r in picked]},
        follow=True,
    )
    assert "2 records marked as checked today." in response.content.decode()
    for record in picked:
        record.refresh_from_db()
        assert record.verified_on == japan_today()
        assert record.verification_flagged_at is None
        latest = record.history.first()
        assert latest.history_change_reason == CHECKED_BY_EDITOR_REASON
        assert latest.history_user == editor
        assert record.updated_by == editor


def test_owners_change_requests_are_listed_and_resolved(editor_client, editor, records):
    url = reverse("admin:locations_changerequest_changelist")
    html = editor_client.get(url, {"status": "open"}).content.decode()
    assert "New fees" in html and "location changes" in html and "studio changes" in html
    change = ChangeRequest.objects.get(location=records["location"]["changes"])
    editor_client.post(url, {"action": "mark_resolved", "_selected_action": [change.pk]})
    change.refresh_from_db()
    assert change.resolved_by == editor and change.resolved_at is not None
    assert ChangeRequest.objects.open().count() == 1
    assert editor_client.get(reverse("admin:locations_changerequest_add")).status_code == 403


def test_fixers_can_read_change_requests(fixer_client, records):
    change = ChangeRequest.objects.first()
    url = reverse("admin:locations_changerequest_change", args=[change.pk])
    assert "New fees" in fixer_client.get(url).content.decode()


def test_the_record_links_to_its_open_change_requests(fixer_client, records):
    record = records["studio"]["changes"]
    html = fixer_client.get(
        reverse("admin:locations_studio_change", args=[record.pk])
    ).content.decode()
    assert f"studio__id__exact={record.pk}&amp;status=open" in html


def test_a_stale_record_is_stale_a_day_past_the_threshold():
    record = factories.LocationFactory(verified_on=long_ago(6))
    assert Location.objects.checked_recently().filter(pk=record.pk).exists()
    Location.objects.filter(pk=record.pk).update(
        verified_on=long_ago(6) - datetime.timedelta(days=1)
    )
    assert Location.objects.checked_long_ago().filter(pk=record.pk).exists()
    assert not Studio.objects.verification_due().exists()
