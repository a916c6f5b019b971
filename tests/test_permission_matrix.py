"""The permission matrix of docs/security.md, walked over every URL in the URLconf.

Each public route and each admin route is listed below with the status every role gets; a
route the matrix does not list fails `test_every_route_is_in_the_matrix`, so a new URL must be
added here (and to docs/security.md) before it ships. Pages a visitor may see are also checked
for what must never be on them: drafts and private contacts.
"""

import json
from operator import attrgetter
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from locations.models import (
    ChangeRequest,
    FilmCommission,
    ItineraryStatus,
    Job,
    JobKind,
    Shortlist,
    Status,
    Submission,
)
from locations.tasks import send_email
from locations.verification import make_token
from tests import factories

pytestmark = pytest.mark.django_db

VISITOR, USER_A, USER_B, FIXER, EDITOR = ROLES = ("visitor", "user_a", "user_b", "fixer", "editor")
NON_STAFF = (VISITOR, USER_A, USER_B)
LOGIN = "login"  # a 302 to the sign-in page

# Strings that only staff may ever read.
DRAFT_LOCATION = "Hidden Draft Place"
DRAFT_STUDIO = "Hidden Draft Studio"
DRAFT_TOUR = "Hidden Draft Tour"
SUBMITTED_LOCATION = "Hidden Submitted Place"
CONTACTS = {
    "published location": ("Kenji Contact", "+81 3-1111-2222", "kenji@private.example"),
    "draft location": ("Aiko Contact", "+81 3-3333-4444", "aiko@private.example"),
    "published studio": ("Studio Contact", "+81 3-5555-6666", "studio@private.example"),
    "draft studio": ("Draft Contact", "+81 3-7777-8888", "draftstudio@private.example"),
    "submitted location": ("Sora Submitter", "", "sora@private.example"),
}
SECRETS = (
    DRAFT_LOCATION,
    DRAFT_STUDIO,
    SUBMITTED_LOCATION,
    *[s for c in CONTACTS.values() for s in c if s],
)


def contact(key):
    name, phone, email = CONTACTS[key]
    return {"contact_name": name, "contact_phone": phone, "contact_email": email}


@pytest.fixture
def cat(fixer, editor):
    """One record of each kind in each status, two account holders, a shortlist with a link."""
    pub_loc = factories.LocationFactory(name="Public Place", **contact("published location"))
    draft_loc = factories.LocationFactory(
        name=DRAFT_LOCATION, status=Status.DRAFT, **contact("draft location")
    )
    # A visitor's submission, waiting in review.
    submitted_loc = factories.LocationFactory(
        name=SUBMITTED_LOCATION, status=Status.REVIEW, **contact("submitted location")
    )
    submission = Submission.objects.create(
        location=submitted_loc,
        submitter_name="Sora Submitter",
        submitter_email="sora@private.example",
        consent_at=timezone.now(),
        language="en",
    )
    tag = factories.TagFactory(name="night")
    pub_loc.tags.add(tag)
    draft_loc.tags.add(tag)
    photo = factories.PhotoFactory(location=pub_loc, caption="Crossing at dusk")
    pub_studio = factories.StudioFactory(name="Public Studio", **contact("published studio"))
    draft_studio = factories.StudioFactory(
        name=DRAFT_STUDIO, status=Status.REVIEW, **contact("draft studio")
    )
    stage = factories.SoundstageFactory(studio=pub_studio, name="Stage A")
    pub_tour = factories.ItineraryFactory(title="Public Tour")
    draft_tour = factories.ItineraryFactory(title=DRAFT_TOUR, status=ItineraryStatus.DRAFT)
    for tour in (pub_tour, draft_tour):
        factories.ItineraryStopFactory(itinerary=tour, location=pub_loc)
    # Places unpublished after they were put on a public tour or a shortlist.
    factories.ItineraryStopFactory(
        itinerary=pub_tour, location=draft_loc, start_time="11:00", end_time="12:00"
    )
    factories.ItineraryStopFactory(
        itinerary=pub_tour, location=None, studio=draft_studio, start_time="13:00", end_time="14:00"
    )
    # A background job and a queued task, for their admin pages.
    Job.objects.create(kind=JobKind.IMPORT_LOCATIONS, title="stations.csv")
    send_email.enqueue(to=["someone@example.com"], subject="Hello", body="A queued message.")
    user_a = factories.UserFactory(username="user_a")
    user_b = factories.UserFactory(username="user_b")
    shortlist = factories.ShortlistFactory(owner=user_a, title="A's night exteriors")
    item = factories.ShortlistItemFactory(shortlist=shortlist, location=pub_loc, note="A's note")
    factories.ShortlistItemFactory(shortlist=shortlist, location=None, studio=pub_studio)
    factories.ShortlistItemFactory(shortlist=shortlist, location=draft_loc)
    factories.ShortlistItemFactory(shortlist=shortlist, location=None, studio=draft_studio)
    change_request = ChangeRequest.objects.create(location=pub_loc, message="New gate code")
    commission = FilmCommission.objects.create(
        name="Sample Film Commission", prefecture=factories.prefecture("tokyo")
    )
    AccessAttempt.objects.create(
        username="someone",
        ip_address="192.0.2.1",
        user_agent="",
        path_info="/",
        failures_since_start=1,
    )
    AccessLog.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="", path_info="/"
    )
    AccessFailureLog.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="", path_info="/"
    )
    return SimpleNamespace(**locals())


def client_for(role, cat, **kwargs) -> Client:
    client = Client(**kwargs)
    user = {VISITOR: None, USER_A: cat.user_a, USER_B: cat.user_b, FIXER: cat.fixer}.get(
        role, cat.editor
    )
    if user is not None:
        client.force_login(user)
    return client


def same(status):
    return dict.fromkeys(ROLES, status)


EVERYONE = same(200)
STAFF_ONLY = {VISITOR: 404, USER_A: 404, USER_B: 404, FIXER: 200, EDITOR: 200}
ACCOUNT = {VISITOR: LOGIN, USER_A: 200, USER_B: 200, FIXER: 200, EDITOR: 200}
OWNER_ONLY = {VISITOR: LOGIN, USER_A: 200, USER_B: 404, FIXER: 404, EDITOR: 404}
POST_ONLY = {VISITOR: LOGIN, USER_A: 405, USER_B: 405, FIXER: 405, EDITOR: 405}
WRONG_TOKEN = "x" * 43
PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory


def u(name, *paths):
    """The URL of `name` with arguments read from the catalogue, e.g. u(name, "pub_tour.slug")."""
    return lambda c: reverse(
        name, args=[p if p == WRONG_TOKEN else attrgetter(p)(c) for p in paths]
    )


SHORTLIST, ITEM = ("shortlist.pk",), ("shortlist.pk", "item.pk")


def check_link(name, c):
    """A confirmation link of the published location, as e-mailed to its contact."""
    return reverse(name, args=[make_token(c.pub_loc)])


# (route, case, url, expected status per role) for GET.
PUBLIC_GET = [
    ("home", "home", u("home"), EVERYONE),
    ("healthz", "health", u("healthz"), EVERYONE),
    ("favicon.ico", "favicon", lambda c: "/favicon.ico", same(301)),
    ("login", "sign-in", u("login"), {**same(302), VISITOR: 200}),
    # The admin's sign-in, routed ahead of the admin so that its POSTs are rate-limited.
    (
        f"{settings.ADMIN_URL}login/",
        "admin sign-in",
        u("admin:login"),
        {**same(200), FIXER: 302, EDITOR: 302},
    ),
    ("logout", "sign-out needs POST", u("logout"), same(405)),
    ("set_language", "GET only redirects", u("set_language"), same(302)),
    ("locations:list", "list", u("locations:list"), EVERYONE),
    ("locations:detail", "published", u("locations:detail", "pub_loc.slug"), EVERYONE),
    ("locations:detail", "draft", u("locations:detail", "draft_loc.slug"), STAFF_ONLY),
    ("locations:geojson", "map", u("locations:geojson"), EVERYONE),
    ("locations:submit", "the public form", u("locations:submit"), EVERYONE),
    ("locations:detail", "submitted, in review",
     u("locations:detail", "submitted_loc.slug"), STAFF_ONLY),
    ("locations:submit_thanks", "thank-you page", u("locations:submit_thanks"), EVERYONE),
    ("studios:list", "list", u("studios:list"), EVERYONE),
    ("studios:compare", "compare", u("studios:compare"), EVERYONE),
    ("studios:detail", "published", u("studios:detail", "pub_studio.slug"), EVERYONE),
    ("studios:detail", "in review", u("studios:detail", "draft_studio.slug"), STAFF_ONLY),
    ("studios:geojson", "map", u("studios:geojson"), EVERYONE),
    ("incentives:calculator", "calculator", u("incentives:calculator"), EVERYONE),
    ("film_commissions:list", "directory", u("film_commissions:list"), EVERYONE),
    ("itineraries:list", "list", u("itineraries:list"), EVERYONE),
    ("itineraries:detail", "published", u("itineraries:detail", "pub_tour.slug"), EVERYONE),
    ("itineraries:detail", "draft", u("itineraries:detail", "draft_tour.slug"), STAFF_ONLY),
    ("itineraries:ics", "published", u("itineraries:ics", "pub_tour.slug"), EVERYONE),
    ("itineraries:ics", "draft", u("itineraries:ics", "draft_tour.slug"), STAFF_ONLY),
    ("itineraries:package", "published", u("itineraries:package", "pub_tour.slug"), EVERYONE),
    ("itineraries:package", "draft", u("itineraries:package", "draft_tour.slug"), STAFF_ONLY),
    ("itineraries:shared", "draft, token",
     u("itineraries:shared", "draft_tour.share_token"), EVERYONE),
    ("itineraries:shared", "wrong token", u("itineraries:shared", WRONG_TOKEN), same(404)),
    ("itineraries:shared_ics", "draft, token",
     u("itineraries:shared_ics", "draft_tour.share_token"), EVERYONE),
    ("itineraries:shared_ics", "wrong token", u("itineraries:shared_ics", WRONG_TOKEN), same(404)),
    ("itineraries:shared_package", "draft, token",
     u("itineraries:shared_package", "draft_tour.share_token"), EVERYONE),
    ("itineraries:shared_package", "wrong token",
     u("itineraries:shared_package", WRONG_TOKEN), same(404)),
    ("itineraries:file", "published",
     lambda c: reverse("itineraries:file", args=[c.pub_tour.slug, "gpx"]), EVERYONE),
    ("itineraries:file", "draft",
     lambda c: reverse("itineraries:file", args=[c.draft_tour.slug, "kml"]), STAFF_ONLY),
    ("itineraries:shared_file", "draft, token",
     lambda c: reverse("itineraries:shared_file", args=[c.draft_tour.share_token, "geojson"]),
     EVERYONE),
    ("itineraries:shared_file", "wrong token",
     lambda c: reverse("itineraries:shared_file", args=[WRONG_TOKEN, "kml"]), same(404)),
    ("shortlists:list", "own lists", u("shortlists:list"), ACCOUNT),
    ("shortlists:file", "A's list",
     lambda c: reverse("shortlists:file", args=[c.shortlist.pk, "kml"]), OWNER_ONLY),
    ("shortlists:shared_file", "token",
     lambda c: reverse("shortlists:shared_file", args=[c.shortlist.share_token, "gpx"]), EVERYONE),
    ("shortlists:shared_file", "wrong token",
     lambda c: reverse("shortlists:shared_file", args=[WRONG_TOKEN, "gpx"]), same(404)),
    ("shortlists:detail", "A's list", u("shortlists:detail", *SHORTLIST), OWNER_ONLY),
    ("shortlists:package", "A's list", u("shortlists:package", *SHORTLIST), OWNER_ONLY),
    ("shortlists:shared", "token", u("shortlists:shared", "shortlist.share_token"), EVERYONE),
    ("shortlists:shared", "wrong token", u("shortlists:shared", WRONG_TOKEN), same(404)),
    ("shortlists:shared_package", "token",
     u("shortlists:shared_package", "shortlist.share_token"), EVERYONE),
    ("shortlists:shared_package", "wrong token",
     u("shortlists:shared_package", WRONG_TOKEN), same(404)),
    ("shortlists:add", "needs POST", u("shortlists:add"), same(405)),
    ("shortlists:regenerate", "needs POST", u("shortlists:regenerate", *SHORTLIST), POST_ONLY),
    ("shortlists:delete", "needs POST", u("shortlists:delete", *SHORTLIST), POST_ONLY),
    ("shortlists:itinerary", "needs POST", u("shortlists:itinerary", *SHORTLIST), POST_ONLY),
    ("shortlists:item", "needs POST", u("shortlists:item", *ITEM), POST_ONLY),
    ("shortlists:move", "needs POST", u("shortlists:move", *ITEM), POST_ONLY),
    ("shortlists:remove", "needs POST", u("shortlists:remove", *ITEM), POST_ONLY),
    ("verification:check", "owner's link", lambda c: check_link("verification:check", c), EVERYONE),
    ("verification:check", "wrong token", u("verification:check", WRONG_TOKEN), same(400)),
    ("verification:confirm", "needs POST",
     lambda c: check_link("verification:confirm", c), same(405)),
    ("verification:changes", "needs POST",
     lambda c: check_link("verification:changes", c), same(405)),
    ("shortlists:share_settings", "needs POST",
     u("shortlists:share_settings", *SHORTLIST), POST_ONLY),
    ("shortlists:revoke", "needs POST", u("shortlists:revoke", *SHORTLIST), POST_ONLY),
    ("shortlists:reply", "needs POST",
     u("shortlists:reply", "shortlist.share_token", "item.pk"), same(405)),
    # The read-only API: published records only for everyone (it has no sign-in).
    ("api:locations", "published only", u("api:locations"), EVERYONE),
    ("api:location", "published", u("api:location", "pub_loc.slug"), EVERYONE),
    ("api:location", "draft", u("api:location", "draft_loc.slug"), same(404)),
    ("api:studios", "published only", u("api:studios"), EVERYONE),
    ("api:studio", "published", u("api:studio", "pub_studio.slug"), EVERYONE),
    ("api:studio", "in review", u("api:studio", "draft_studio.slug"), same(404)),
    ("api:film_commissions", "all", u("api:film_commissions"), EVERYONE),
    ("api:shortlist", "token", u("api:shortlist", "shortlist.share_token"), EVERYONE),
    ("api:shortlist", "wrong token", u("api:shortlist", WRONG_TOKEN), same(404)),
    ("api:schema", "schema", u("api:schema"), EVERYONE),
    ("api:docs", "Swagger UI", u("api:docs"), EVERYONE),
]  # fmt: skip

# The owner's confirmation link shows its holder the record's contact (their own), to check.
OWN_CONTACT = {("verification:check", "owner's link"): "published location"}

# Where staff must see the private contact of the record in the URL.
STAFF_SEE_CONTACT = {
    ("locations:detail", "published"): "published location",
    ("locations:detail", "draft"): "draft location",
    ("studios:detail", "published"): "published studio",
    ("studios:detail", "in review"): "draft studio",
}

# State-changing POSTs on A's shortlist: (route, url, data, expected status per role).
A_OWNS = {VISITOR: LOGIN, USER_A: 302, USER_B: 404, FIXER: 404, EDITOR: 404}
ANY_ACCOUNT = {VISITOR: LOGIN, USER_A: 302, USER_B: 302, FIXER: 302, EDITOR: 302}
# Tours are planned in the admin: A owns the list but is not staff, so A is refused too.
STAFF_OWNER = {**A_OWNS, USER_A: 403, USER_B: 403}
ADD_TO_A = lambda c: {"item_type": "location", "item": c.pub_loc.pk, "shortlist": c.shortlist.pk}  # noqa: E731
PUBLIC_POST = [
    ("shortlists:add", u("shortlists:add"), ADD_TO_A, ANY_ACCOUNT),
    ("shortlists:list", u("shortlists:list"), lambda c: {"title": "New list"}, ANY_ACCOUNT),
    ("shortlists:detail", u("shortlists:detail", *SHORTLIST), lambda c: {"title": "X"}, A_OWNS),
    ("shortlists:item", u("shortlists:item", *ITEM), lambda c: {"note": "changed"}, A_OWNS),
    ("shortlists:move", u("shortlists:move", *ITEM), lambda c: {"direction": "down"}, A_OWNS),
    ("shortlists:remove", u("shortlists:remove", *ITEM), lambda c: {}, A_OWNS),
    ("shortlists:regenerate", u("shortlists:regenerate", *SHORTLIST), lambda c: {}, A_OWNS),
    ("shortlists:delete", u("shortlists:delete", *SHORTLIST), lambda c: {}, A_OWNS),
    ("shortlists:itinerary", u("shortlists:itinerary", *SHORTLIST),
     lambda c: {"start_date": "2027-05-03"}, STAFF_OWNER),
    ("shortlists:share_settings", u("shortlists:share_settings", *SHORTLIST),
     lambda c: {"share_expires_on": "2099-01-01"}, A_OWNS),
    ("shortlists:revoke", u("shortlists:revoke", *SHORTLIST), lambda c: {}, A_OWNS),
    # Anyone with the link may answer (it changes no shortlist, note or token).
    ("shortlists:reply", u("shortlists:reply", "shortlist.share_token", "item.pk"),
     lambda c: {"verdict": "yes", "name": "Director"}, same(302)),
]  # fmt: skip


def assert_status(response, expected, url):
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert response["Location"].startswith(settings.LOGIN_URL), response["Location"]
    else:
        assert response.status_code == expected, (url, response.status_code)


def body(response) -> str:
    return b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode()


@pytest.mark.parametrize(
    "route,case,url,expected", PUBLIC_GET, ids=[f"{r[0]}-{r[1]}" for r in PUBLIC_GET]
)
def test_each_role_gets_the_public_page_the_matrix_says(cat, route, case, url, expected):
    url = url(cat)
    for role in ROLES:
        response = client_for(role, cat).get(url)
        assert_status(response, expected[role], f"{role} {url}")
        if response.status_code != 200:
            continue
        text = body(response)
        if role in NON_STAFF:
            own = CONTACTS.get(OWN_CONTACT.get((route, case)), ())
            leaked = [s for s in SECRETS if s in text and s not in own]
            assert not leaked, f"{role} reads {leaked} on {url}"
            if "shared" not in route:  # a private link shows its draft tour by design
                assert DRAFT_TOUR not in text, f"{role} reads the draft tour on {url}"
        elif (route, case) in STAFF_SEE_CONTACT:
            for value in CONTACTS[STAFF_SEE_CONTACT[route, case]]:
                assert value in text, f"{role} misses {value} on {url}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route,url,data,expected", PUBLIC_POST, ids=[r[0] for r in PUBLIC_POST])
def test_each_role_may_change_only_what_the_matrix_says(cat, role, route, url, data, expected):
    before = (Shortlist.objects.get(pk=cat.shortlist.pk).title, cat.item.note)
    response = client_for(role, cat).post(url(cat), data(cat))
    assert_status(response, expected[role], f"{role} POST {route}")
    if role != USER_A:
        shortlist = Shortlist.objects.filter(pk=cat.shortlist.pk).first()
        assert shortlist is not None, "someone else deleted A's shortlist"
        assert shortlist.share_token == cat.shortlist.share_token
        assert shortlist.share_is_live and shortlist.share_expires_on is None
        assert (shortlist.title, shortlist.items.get(pk=cat.item.pk).note) == before
        assert shortlist.items.count() == 4


def test_visitors_lists_maps_and_counts_hold_published_records_only(cat):
    for role in NON_STAFF:
        client = client_for(role, cat)
        for name in ("locations:geojson", "studios:geojson"):
            features = json.loads(client.get(reverse(name)).content)["features"]
            names = {f["properties"]["name"] for f in features}
            assert names == {"Public Place"} or names == {"Public Studio"}, (role, names)
            assert not any(s in json.dumps(features) for s in SECRETS)
    for role in NON_STAFF:
        home = client_for(role, cat).get(reverse("home"))
        assert (home.context["location_count"], home.context["studio_count"]) == (1, 1)
    # Staff see drafts in lists and on the maps, marked as such (never their contacts on maps).
    staff = client_for(FIXER, cat)
    assert DRAFT_LOCATION in staff.get(reverse("locations:list")).content.decode()
    staff_map = staff.get(reverse("locations:geojson")).content.decode()
    assert DRAFT_LOCATION in staff_map and CONTACTS["draft location"][1] not in staff_map


def test_a_regenerated_share_link_stops_working(cat):
    old_shortlist, old_tour = cat.shortlist.share_token, cat.draft_tour.share_token
    client_for(USER_A, cat).post(reverse("shortlists:regenerate", args=[cat.shortlist.pk]))
    cat.draft_tour.regenerate_share_token()
    client = Client()
    assert client.get(reverse("shortlists:shared", args=[old_shortlist])).status_code == 404
    assert client.get(reverse("itineraries:shared", args=[old_tour])).status_code == 404
    cat.shortlist.refresh_from_db()
    assert client.get(cat.shortlist.get_share_url()).status_code == 200


# --- The admin --------------------------------------------------------------------------

# Model permissions per staff role, from docs/security.md (v view, a add, c change, d delete).
CATALOGUE = {FIXER: "vac", EDITOR: "vacd"}
ADMIN_PERMS = {
    "locations.location": CATALOGUE,
    "locations.studio": CATALOGUE,
    "locations.soundstage": CATALOGUE,
    "locations.photo": CATALOGUE,
    "locations.tag": CATALOGUE,
    "locations.itinerary": CATALOGUE,
    "locations.filmcommission": CATALOGUE,
    # Owners write them through their link; staff read and resolve them (editors delete).
    "locations.changerequest": {FIXER: "vc", EDITOR: "vcd"},
    "locations.category": {FIXER: "v", EDITOR: "vac"},
    "locations.region": {FIXER: "v", EDITOR: "v"},
    "locations.prefecture": {FIXER: "v", EDITOR: "v"},
    "locations.referencestage": {FIXER: "v", EDITOR: "vac"},
    "locations.incentiveprogramme": {FIXER: "v", EDITOR: "vacd"},
    "locations.incentivethreshold": {FIXER: "v", EDITOR: "vacd"},
    "locations.applicationwindow": {FIXER: "v", EDITOR: "vacd"},
    "locations.job": {FIXER: "v", EDITOR: "v"},
    "django_tasks_database.dbtaskresult": {FIXER: "", EDITOR: ""},
    # The review queue: decided by actions (publish_location), never added/changed/deleted.
    "locations.submission": {FIXER: "v", EDITOR: "v"},
    "auth.user": {FIXER: "", EDITOR: ""},
    "auth.group": {FIXER: "", EDITOR: ""},
    "axes.accessattempt": {FIXER: "", EDITOR: ""},
    "axes.accesslog": {FIXER: "", EDITOR: ""},
    "axes.accessfailurelog": {FIXER: "", EDITOR: ""},
}
# What each kind of model admin URL needs.
NEEDS = {
    "changelist": "v",
    "change": "v",
    "history": "v",
    "simple_history": "v",
    "export": "v",
    "add": "a",
    "import": "ac",
    "add_photos": "c",
    "photo_gps": "c",
    "delete": "d",
    "password_change": "c",
    "confirm_import": "v",  # then the import rights of the job's kind (POST only)
}
# With no photo to offer GPS from, the GPS page sends staff back to the change form.
ALLOWED_STATUS = {"photo_gps": 302, "confirm_import": 405}
# The admin site's own pages, for staff (everyone else is sent to the admin login).
SITE_PAGES = {
    "index": 200,
    "login": 302,  # staff are already in
    "logout": 405,  # POST only
    "password_change": 200,
    "password_change_done": 200,
    "jsi18n": 200,
    "autocomplete": 403,  # without its parameters
    "view_on_site": 302,
}


def admin_routes():
    """Every named admin URL: (name, model label or None, kind)."""
    routes = []
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLPattern) and pattern.name:
            routes.append((pattern.name, None, pattern.name))
        elif isinstance(pattern, URLResolver):
            model = next(
                (
                    m
                    for m in admin.site._registry
                    if pattern.pattern.describe().startswith(
                        f"'{m._meta.app_label}/{m._meta.model_name}/'"
                    )
                ),
                None,
            )
            for sub in pattern.url_patterns:
                if model is not None and sub.name:
                    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
                    routes.append(
                        (sub.name, model._meta.label_lower, sub.name.removeprefix(prefix))
                    )
    return routes


def admin_url(name, label, kind, cat):
    if label is None:
        if kind == "app_list":
            return reverse("admin:app_list", args=["locations"])
        if kind == "view_on_site":
            from django.contrib.contenttypes.models import ContentType

            ct = ContentType.objects.get_for_model(cat.pub_loc)
            return reverse("admin:view_on_site", args=[ct.pk, cat.pub_loc.pk])
        return reverse(f"admin:{name}")
    model = admin.site.get_model_admin(_model(label)).model
    obj = {"locations.location": cat.pub_loc, "auth.user": cat.user_b}.get(label)
    obj = obj or model._default_manager.order_by("pk").first()
    if kind in ("changelist", "add", "import", "export"):
        return reverse(f"admin:{name}")
    if kind == "simple_history":
        return reverse(f"admin:{name}", args=[obj.pk, obj.history.first().history_id])
    return reverse(f"admin:{name}", args=[obj.pk])


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


ADMIN_ROUTES = admin_routes()


@pytest.mark.parametrize("name,label,kind", ADMIN_ROUTES, ids=[r[0] for r in ADMIN_ROUTES])
def test_each_role_gets_the_admin_page_the_matrix_says(cat, name, label, kind):
    url = admin_url(name, label, kind, cat)
    admin_login = reverse("admin:login")
    for role in ROLES:
        response = client_for(role, cat).get(url)
        if role in NON_STAFF:
            expected = {"login": 200}.get(kind, "admin login")
            if expected == "admin login":
                assert response.status_code == 302, (role, url)
                # The admin sends non-staff from its logout to its index, and on to sign-in.
                target = reverse("admin:index") if kind == "logout" else admin_login
                assert response["Location"].startswith(target), (role, url)
                continue
        elif label is None:
            expected = 200 if kind == "app_list" else SITE_PAGES[kind]
        else:
            allowed = all(p in ADMIN_PERMS[label][role] for p in NEEDS[kind])
            expected = ALLOWED_STATUS.get(kind, 200) if allowed else 403
        assert response.status_code == expected, (role, url, response.status_code)
        if role in NON_STAFF and response.status_code == 200:
            assert not any(s in response.content.decode() for s in SECRETS)


def test_every_route_is_in_the_matrix():
    """A new URL fails here until its row is added to the matrix above."""
    covered = {r[0] for r in PUBLIC_GET} | {r[0] for r in PUBLIC_POST}
    found = set()

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue  # walked model by model in admin_routes()
                walk(p.url_patterns, p.namespace or namespace)
            elif p.name:
                found.add(f"{namespace}:{p.name}" if namespace else p.name)
            elif str(p.pattern) != "^media/(?P<path>.*)$":  # development media
                found.add(str(p.pattern))

    walk(get_resolver().url_patterns, None)
    assert found - covered == set(), "add these routes to the permission matrix"
    admin_models = {r[1] for r in ADMIN_ROUTES if r[1]}
    assert admin_models == set(ADMIN_PERMS), "add these admin models to ADMIN_PERMS"
    assert {r[2] for r in ADMIN_ROUTES if r[1]} <= set(NEEDS)
    assert {r[2] for r in ADMIN_ROUTES if not r[1]} <= set(SITE_PAGES) | {"app_list"}


# --- Fixers and editors -----------------------------------------------------------------


def test_fixers_have_no_delete_action_and_cannot_delete_by_posting_it(cat):
    url = reverse("admin:locations_location_changelist")
    fixer, editor = client_for(FIXER, cat), client_for(EDITOR, cat)
    actions = dict(fixer.get(url).context["action_form"].fields["action"].choices)
    assert "delete_selected" not in actions and "publish" not in actions
    assert {"delete_selected", "publish"} <= set(
        dict(editor.get(url).context["action_form"].fields["action"].choices)
    )
    fixer.post(
        url, {"action": "delete_selected", "_selected_action": [cat.pub_loc.pk], "post": "yes"}
    )
    assert type(cat.pub_loc).objects.filter(pk=cat.pub_loc.pk).exists()
    assert (
        fixer.post(
            reverse("admin:locations_location_delete", args=[cat.draft_loc.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert type(cat.draft_loc).objects.filter(pk=cat.draft_loc.pk).exists()


def test_fixers_cannot_publish_and_editors_can(cat):
    url = reverse("admin:locations_location_changelist")
    data = {"action": "publish", "_selected_action": [cat.draft_loc.pk]}
    client_for(FIXER, cat).post(url, data)
    cat.draft_loc.refresh_from_db()
    assert cat.draft_loc.status == Status.DRAFT
    client_for(EDITOR, cat).post(url, data)
    cat.draft_loc.refresh_from_db()
    assert cat.draft_loc.status == Status.PUBLISHED


def test_fixers_cannot_manage_users_or_groups(cat):
    fixer = client_for(FIXER, cat)
    group = Group.objects.get(name="Fixers")
    assert fixer.post(reverse("admin:auth_user_add"), {"username": "x"}).status_code == 403
    assert (
        fixer.post(
            reverse("admin:auth_group_change", args=[group.pk]),
            {"name": "Fixers", "permissions": []},
        ).status_code
        == 403
    )
    assert group.permissions.exists()


# --- CSRF -------------------------------------------------------------------------------

CSRF_POSTS = [
    (USER_A, u("shortlists:add"), lambda c: {"item_type": "location", "item": c.pub_loc.pk}),
    (USER_A, u("shortlists:list"), lambda c: {"title": "New"}),
    (USER_A, u("shortlists:detail", *SHORTLIST), lambda c: {"title": "Renamed"}),
    (USER_A, u("shortlists:item", *ITEM), lambda c: {"note": "changed"}),
    (USER_A, u("shortlists:move", *ITEM), lambda c: {"direction": "down"}),
    (USER_A, u("shortlists:remove", *ITEM), lambda c: {}),
    (USER_A, u("shortlists:regenerate", *SHORTLIST), lambda c: {}),
    (USER_A, u("shortlists:delete", *SHORTLIST), lambda c: {}),
    (USER_A, u("shortlists:itinerary", *SHORTLIST), lambda c: {"start_date": "2027-05-03"}),
    (VISITOR, u("set_language"), lambda c: {"language": "ja", "next": "/"}),
    (VISITOR, u("login"), lambda c: {"username": "user_a", "password": PASSWORD}),
    (USER_A, u("logout"), lambda c: {}),
    (VISITOR, u("admin:login"), lambda c: {"username": "editor", "password": PASSWORD}),
    (EDITOR, u("admin:logout"), lambda c: {}),
    (EDITOR, u("admin:locations_location_add"), lambda c: {"name": "Forged"}),
    (EDITOR, u("admin:locations_location_change", "pub_loc.pk"), lambda c: {"name": "Forged"}),
    (EDITOR, u("admin:locations_location_delete", "pub_loc.pk"), lambda c: {"post": "yes"}),
    (EDITOR, u("admin:locations_location_changelist"),
     lambda c: {"action": "unpublish", "_selected_action": [c.pub_loc.pk]}),
    (EDITOR, u("admin:locations_location_import"), lambda c: {}),
    (EDITOR, u("admin:locations_location_add_photos", "pub_loc.pk"), lambda c: {}),
    (EDITOR, u("admin:locations_photo_delete", "photo.pk"), lambda c: {"post": "yes"}),
    (EDITOR, u("admin:auth_user_add"), lambda c: {"username": "x"}),
    (EDITOR, u("admin:password_change"), lambda c: {}),
]  # fmt: skip


@pytest.mark.parametrize("role,url,data", CSRF_POSTS, ids=lambda v: "" if callable(v) else v)
def test_every_state_changing_post_is_refused_without_a_csrf_token(cat, role, url, data):
    url = url(cat)
    response = client_for(role, cat, enforce_csrf_checks=True).post(url, data(cat))
    assert response.status_code == 403, url
    assert "CSRF" in response.content.decode() or "csrf" in response.content.decode()
    cat.pub_loc.refresh_from_db()
    assert (cat.pub_loc.name, cat.pub_loc.status) == ("Public Place", Status.PUBLISHED)
    assert Shortlist.objects.get(pk=cat.shortlist.pk).title == cat.shortlist.title
