"""Client packages: a shortlist's link with an expiry and revocation, its opens, the viewers'
yes / maybe / no with comments, and what the owner sees of them."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from locations.models import ShareReply, Shortlist, Verdict
from locations.sharing import scene_favourites, tally_replies
from tests import factories
from tests.rate_windows import steady_address
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return factories.UserFactory(username="manager", email="manager@example.com")


@pytest.fixture
def manager_client(manager):
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def shortlist(manager):
    shortlist = factories.ShortlistFactory(owner=manager, title="Chase scenes")
    factories.ShortlistItemFactory(
        shortlist=shortlist,
        location=factories.LocationFactory(name="Shibuya Crossing"),
        top_choice_for="Sc. 12 chase",
    )
    factories.ShortlistItemFactory(
        shortlist=shortlist,
        location=factories.LocationFactory(name="Dotonbori"),
        top_choice_for="Sc. 12 chase",
    )
    return shortlist


def items(shortlist):
    return list(shortlist.items.all())


def reply_url(shortlist, item):
    return reverse("shortlists:reply", args=[shortlist.share_token, item.pk])


def answer(client, shortlist, item, verdict="yes", name="Aiko Director", comment="", **kw):
    data = {"verdict": verdict, "name": name, "comment": comment}
    return client.post(reply_url(shortlist, item), data, **kw)


def yesterday():
    return timezone.localdate() - dt.timedelta(days=1)


# --- The link: expiry, revocation, opens -------------------------------------------------


def test_a_live_link_opens_without_an_account_and_counts_the_visit(client, shortlist):
    response = client.get(shortlist.get_share_url())
    assert response.status_code == 200
    assert "Shibuya Crossing" in response.text
    shortlist.refresh_from_db()
    assert shortlist.share_open_count == 1
    assert shortlist.share_last_opened_at is not None


def test_the_owner_opening_their_own_link_is_not_counted(manager_client, shortlist):
    manager_client.get(shortlist.get_share_url())
    shortlist.refresh_from_db()
    assert shortlist.share_open_count == 0


def test_counting_a_visit_leaves_the_shortlists_recent_use_alone(client, shortlist):
    before = Shortlist.objects.get(pk=shortlist.pk).updated_at
    client.get(shortlist.get_share_url())
    assert Shortlist.objects.get(pk=shortlist.pk).updated_at == before


@pytest.mark.parametrize("suffix", ["", "package/"])
def test_a_link_is_live_until_the_end_of_its_last_day(client, shortlist, suffix):
    shortlist.share_expires_on = timezone.localdate()
    shortlist.save()
    assert client.get(shortlist.get_share_url() + suffix).status_code == 200
    shortlist.share_expires_on = yesterday()
    shortlist.save()
    assert client.get(shortlist.get_share_url() + suffix).status_code == 404


@pytest.mark.parametrize("suffix", ["", "package/"])
def test_a_revoked_link_is_a_404(manager_client, client, shortlist, suffix):
    response = manager_client.post(reverse("shortlists:revoke", args=[shortlist.pk]))
    assert response.status_code == 302
    assert client.get(shortlist.get_share_url() + suffix).status_code == 404


def test_an_open_page_cannot_answer_after_the_link_is_revoked(client, shortlist):
    client.get(shortlist.get_share_url())
    shortlist.revoke_share()
    item = items(shortlist)[0]
    assert answer(client, shortlist, item).status_code == 404
    htmx = answer(client, shortlist, item, headers={"HX-Request": "true"})
    assert htmx.status_code == 404
    assert "This link no longer works" in htmx.text
    assert not ShareReply.objects.exists()


def test_a_new_link_after_revoking_is_live_and_the_old_one_stays_dead(
    manager_client, client, shortlist
):
    old_url = shortlist.get_share_url()
    shortlist.revoke_share()
    manager_client.post(reverse("shortlists:regenerate", args=[shortlist.pk]))
    shortlist.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(shortlist.get_share_url()).status_code == 200


def test_the_owner_sets_and_clears_the_last_day(manager_client, shortlist):
    url = reverse("shortlists:share_settings", args=[shortlist.pk])
    day = timezone.localdate() + dt.timedelta(days=14)
    manager_client.post(url, {"share_expires_on": day.isoformat()})
    shortlist.refresh_from_db()
    assert shortlist.share_expires_on == day
    manager_client.post(url, {"share_expires_on": ""})
    shortlist.refresh_from_db()
    assert shortlist.share_expires_on is None


@pytest.mark.parametrize("value", [yesterday, lambda: "not-a-date", lambda: "2026-02-30"])
def test_a_last_day_in_the_past_or_not_a_date_is_refused(manager_client, shortlist, value):
    url = reverse("shortlists:share_settings", args=[shortlist.pk])
    response = manager_client.post(url, {"share_expires_on": str(value())}, follow=True)
    assert response.status_code == 200
    shortlist.refresh_from_db()
    assert shortlist.share_expires_on is None


def test_someone_elses_link_settings_are_a_404(client, shortlist):
    other = Client()
    other.force_login(factories.UserFactory())
    assert other.post(reverse("shortlists:revoke", args=[shortlist.pk])).status_code == 404
    settings_url = reverse("shortlists:share_settings", args=[shortlist.pk])
    assert other.post(settings_url, {"share_expires_on": ""}).status_code == 404
    shortlist.refresh_from_db()
    assert shortlist.share_is_live


def test_link_controls_need_a_post(manager_client, shortlist):
    assert manager_client.get(reverse("shortlists:revoke", args=[shortlist.pk])).status_code == 405


def test_the_owner_sees_opens_and_a_revoked_state(manager_client, client, shortlist):
    client.get(shortlist.get_share_url())
    client.get(shortlist.get_share_url())
    page = manager_client.get(shortlist.get_absolute_url()).text
    assert "Opened 2 times" in page
    shortlist.revoke_share()
    page = manager_client.get(shortlist.get_absolute_url()).text
    assert "This link is revoked" in page
    assert 'id="share-url"' not in page  # nothing left to copy


# --- Answers ---------------------------------------------------------------------------


def test_a_viewer_answers_and_the_owner_sees_it_newest_first(manager_client, client, shortlist):
    first, second = items(shortlist)
    answer(client, shortlist, first, "maybe", comment="Crowds at noon")
    response = answer(client, shortlist, second, "yes", name="Ken Producer", comment="Love it")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{second.pk}")
    page = manager_client.get(shortlist.get_absolute_url()).text
    replies = page.split('id="replies"')[1]
    assert replies.index("Ken Producer") < replies.index("Aiko Director")
    assert "Love it" in replies and "Crowds at noon" in replies


def test_an_htmx_answer_returns_the_places_answer_box(client, shortlist):
    item = items(shortlist)[0]
    response = answer(
        client, shortlist, item, "no", comment="Too busy", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="reply-{item.pk}"' in response.text
    assert "Too busy" in response.text
    # The viewer's own answer shows again after a reload; the name is remembered.
    page = client.get(shortlist.get_share_url()).text
    assert "Too busy" in page
    assert 'value="Aiko Director"' in page


def test_a_reply_never_shows_on_another_shortlist(manager, manager_client, client, shortlist):
    other = factories.ShortlistFactory(owner=manager, title="Temples")
    factories.ShortlistItemFactory(shortlist=other)
    answer(client, shortlist, items(shortlist)[0], comment="Only for chase scenes")
    assert "Only for chase scenes" in manager_client.get(shortlist.get_absolute_url()).text
    assert "Only for chase scenes" not in manager_client.get(other.get_absolute_url()).text
    # Nor through another link: an item of this shortlist under the other's token is a 404.
    stranger = Client()
    assert stranger.get(other.get_share_url()).text.count("Only for chase scenes") == 0
    response = answer(stranger, other, items(shortlist)[0])
    assert response.status_code == 404


def test_other_viewers_answers_stay_private(client, shortlist):
    answer(client, shortlist, items(shortlist)[0], comment="Secret thought")
    assert "Secret thought" not in Client().get(shortlist.get_share_url()).text


@pytest.mark.parametrize(
    "data",
    [
        {"verdict": "perhaps", "name": "Aiko"},
        {"verdict": "yes", "name": "   "},
        {"verdict": "yes", "name": "x" * 61},
        {"verdict": "yes", "name": "Aiko", "comment": "x" * 1001},
        {"verdict": "yes", "name": "Aiko\x00"},
        {},
    ],
)
def test_bad_answers_are_refused_with_an_error_and_save_nothing(client, shortlist, data):
    item = items(shortlist)[0]
    response = client.post(reply_url(shortlist, item), data, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "errorlist" in response.text
    assert not ShareReply.objects.exists()
    assert client.post(reply_url(shortlist, item), data).status_code == 302
    assert not ShareReply.objects.exists()


def test_an_unknown_item_or_token_is_a_404(client, shortlist):
    assert client.post(reverse("shortlists:reply", args=["nope", 1]), {}).status_code == 404
    assert (
        client.post(reverse("shortlists:reply", args=[shortlist.share_token, 999999])).status_code
        == 404
    )


def test_answering_needs_a_post(client, shortlist):
    assert client.get(reply_url(shortlist, items(shortlist)[0])).status_code == 405


def test_comments_are_plain_text_escaped_for_viewer_owner_and_email(
    manager_client, client, shortlist
):
    hostile = '<script>alert("x")</script><b>bold</b>'
    answer(client, shortlist, items(shortlist)[0], name="<i>Eve</i>", comment=hostile)
    for page in (
        manager_client.get(shortlist.get_absolute_url()).text,
        client.get(shortlist.get_share_url()).text,
    ):
        assert hostile not in page and "<i>Eve</i>" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    run_queued_tasks()
    (message,) = mail.outbox
    assert hostile in message.body  # plain text, as typed
    assert "\n" not in message.subject


def test_the_owner_gets_an_email_with_a_link_to_the_answers(client, shortlist, settings):
    settings.SITE_URL = "https://rokehan.example"
    answer(client, shortlist, items(shortlist)[0], "yes", comment="Perfect light")
    assert mail.outbox == []  # queued, never sent inside the request
    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["manager@example.com"]
    assert "Aiko Director" in message.subject and "Yes" in message.subject
    assert "Perfect light" in message.body
    assert f"https://rokehan.example{shortlist.get_absolute_url()}#replies" in message.body


def test_answers_are_rate_limited_per_address_with_a_friendly_429(client, shortlist, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "2/m"}
    item = items(shortlist)[0]
    address = {"REMOTE_ADDR": steady_address()}
    assert answer(client, shortlist, item, **address).status_code == 302
    assert answer(client, shortlist, item, **address).status_code == 302
    limited = answer(client, shortlist, item, **address)
    assert limited.status_code == 429
    assert "Too many requests from your network" in limited.text
    assert "Your answer was not sent" in limited.text and int(limited["Retry-After"]) > 0
    htmx = answer(client, shortlist, item, headers={"HX-Request": "true"}, **address)
    assert htmx.status_code == 429 and "Please wait" in htmx.text
    assert ShareReply.objects.count() == 2
    other_address = answer(client, shortlist, item, REMOTE_ADDR="203.0.113.7")
    assert other_address.status_code == 302


def test_the_owner_sees_a_tally_and_the_top_choice_per_scene(manager_client, client, shortlist):
    shibuya, dotonbori = items(shortlist)
    answer(client, shortlist, shibuya, "maybe", name="Aiko")
    answer(client, shortlist, dotonbori, "yes", name="Aiko")
    answer(client, shortlist, dotonbori, "yes", name="Ken")
    page = manager_client.get(shortlist.get_absolute_url()).text
    favourites = page.split("Top choice per scene")[1].split("</ul>")[0]
    assert "Sc. 12 chase" in favourites and "Dotonbori" in favourites
    assert "Shibuya" not in favourites
    assert "2 yes" in page


def test_a_viewers_latest_answer_on_a_place_is_the_one_counted(shortlist):
    item = items(shortlist)[0]
    ShareReply.objects.create(item=item, verdict=Verdict.YES, name="Aiko")
    ShareReply.objects.create(item=item, verdict=Verdict.NO, name="aiko ")  # changed mind
    ShareReply.objects.create(item=item, verdict=Verdict.MAYBE, name="Ken")
    tallies = tally_replies(list(ShareReply.objects.on_shortlist(shortlist)))
    assert (tallies[item.pk].yes, tallies[item.pk].maybe, tallies[item.pk].no) == (0, 1, 1)


def test_a_scene_tie_goes_to_the_owners_ranking(shortlist):
    first, second = items(shortlist)
    for item in (second, first):
        ShareReply.objects.create(item=item, verdict=Verdict.YES, name="Aiko")
    replies = list(ShareReply.objects.on_shortlist(shortlist))
    (choice,) = scene_favourites(items(shortlist), tally_replies(replies))
    assert choice.item == first and choice.scene == "Sc. 12 chase"


def test_a_scene_with_only_no_answers_has_no_favourite(shortlist):
    ShareReply.objects.create(item=items(shortlist)[0], verdict=Verdict.NO, name="Aiko")
    replies = list(ShareReply.objects.on_shortlist(shortlist))
    assert scene_favourites(items(shortlist), tally_replies(replies)) == []


def test_the_shared_page_query_count_is_bounded(client, shortlist, django_assert_max_num_queries):
    for _ in range(10):
        item = factories.ShortlistItemFactory(shortlist=shortlist)
        factories.PhotoFactory(location=item.location)
    answer(client, shortlist, items(shortlist)[0])
    # session, shortlist, items (+ places), location photos, studio photos, the open's
    # UPDATE, the viewer's own answers, session save
    with django_assert_max_num_queries(8):
        assert client.get(shortlist.get_share_url()).status_code == 200


# --- Private properties' photos ---------------------------------------------------------


@pytest.fixture
def private_place(shortlist):
    place = factories.LocationFactory(name="Machiya house", private_property=True)
    factories.PhotoFactory(location=place, caption="Inside the machiya")
    factories.ShortlistItemFactory(shortlist=shortlist, location=place)
    return place


def test_private_property_photos_show_only_through_a_live_link(client, shortlist, private_place):
    assert "Inside the machiya" not in client.get(private_place.get_absolute_url()).text
    assert "client packages only" in client.get(private_place.get_absolute_url()).text
    assert "Inside the machiya" not in client.get(reverse("locations:list")).text
    package = client.get(shortlist.get_share_url() + "package/").text
    assert "Inside the machiya" in package
    assert 'class="shortlist-thumb"' in client.get(shortlist.get_share_url()).text
    shortlist.revoke_share()
    assert client.get(shortlist.get_share_url() + "package/").status_code == 404


def test_private_property_photos_stay_off_public_tours(client, private_place):
    stop = factories.ItineraryStopFactory(location=private_place)
    page = client.get(stop.itinerary.get_absolute_url()).text
    assert "Machiya house" in page
    assert "Inside the machiya" not in page


def test_saving_a_note_with_htmx_keeps_the_places_tally(manager_client, client, shortlist):
    item = items(shortlist)[0]
    answer(client, shortlist, item, "yes")
    url = reverse("shortlists:item", args=[shortlist.pk, item.pk])
    response = manager_client.post(url, {"note": "Night only"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "1 yes" in response.text


def test_a_head_request_is_not_counted_as_an_open(client, shortlist):
    assert client.head(shortlist.get_share_url()).status_code == 200
    shortlist.refresh_from_db()
    assert shortlist.share_open_count == 0
