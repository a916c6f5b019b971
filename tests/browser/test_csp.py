"""The Content-Security-Policy and the other security headers, and the admin working under them.

Chromium reports every blocked inline script, inline style or eval on the console as
"… violates the following Content Security Policy directive …"; a test fails on any such
message and on any uncaught JavaScript error (an admin widget that broke silently).
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from locations.models import Location, Tag
from tests import factories

PASSWORD = "correct-horse-battery-staple"  # UserFactory's password


@pytest.fixture
def problems(context):
    """Every CSP violation and uncaught error in any page of the browser context (popups too)."""
    found = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", on_console)
    context.on("weberror", lambda error: found.append(f"JavaScript error: {error.error}"))
    return found


def admin_url(live_server, path=""):
    return f"{live_server.url}/{settings.ADMIN_URL}{path}"


def log_in_through_the_form(page, live_server, username):
    """Sign in on the admin's login page, as a person would (django-axes sees the attempt)."""
    page.goto(admin_url(live_server, "login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(admin_url(live_server))


def staff_user(username, group):
    user = factories.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def visit_every_registered_model(page, live_server, user):
    """The real admin: each model's list, add form and first change form the user may see."""
    for model in admin.site._registry:
        opts = model._meta
        base = admin_url(live_server, f"{opts.app_label}/{opts.model_name}/")
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        page.goto(base)
        if user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            page.goto(base + "add/")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            page.goto(base + f"{first.pk}/change/")
            page.goto(base + f"{first.pk}/history/")


@pytest.mark.browser
@pytest.mark.urls("tests.browser.admin_urls")
@pytest.mark.django_db(transaction=True)
def test_a_fixer_uses_the_admin_without_a_csp_violation(live_server, page, problems):
    fixer = staff_user("fixer", "Fixers")
    place = factories.LocationFactory(name="Kinkakuji", name_ja="金閣寺")
    factories.TagFactory(name="neon")

    log_in_through_the_form(page, live_server, "fixer")
    visit_every_registered_model(page, live_server, fixer)

    # The list: filters, search and the date hierarchy.
    page.goto(f"{live_server.url}/csp-admin/locations/location/?q=kinkaku")
    expect(page.locator("#result_list")).to_contain_text("Kinkakuji")
    page.goto(f"{live_server.url}/csp-admin/locations/location/{place.pk}/change/")
    page.goto(f"{live_server.url}/csp-admin/locations/location/{place.pk}/history/")

    # The add form: prepopulated slug, autocomplete, calendar, inline rows, a popup.
    page.goto(f"{live_server.url}/csp-admin/locations/location/add/")
    page.locator("#id_name").fill("Fushimi Inari")
    page.locator("#id_name").blur()
    expect(page.locator("#id_slug")).to_have_value("fushimi-inari")
    page.locator("#id_category").select_option(label="Shrine")
    page.locator("#id_prefecture").select_option(value=str(factories.prefecture("kyoto").pk))

    page.locator(".field-tags .select2-selection").click()
    page.locator(".select2-search__field").fill("neo")
    page.locator(".select2-results__option", has_text="neon").click()

    with page.expect_popup() as popup_info:
        page.locator("#add_id_tags").click()
    popup = popup_info.value
    popup.locator("#id_name").fill("torii")
    # Listen before clicking: a fast save closes the popup before a later wait could start.
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#id_tags option:checked")).to_have_count(2)

    page.locator(".field-verified_on .datetimeshortcuts a", has_text="Today").click()
    expect(page.locator("#id_verified_on")).not_to_have_value("")
    rows = page.locator("#photos-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator("#photos-group .add-row a").click()
    expect(rows).to_have_count(before + 1)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = Location.objects.get(slug="fushimi-inari")
    assert set(saved.tags.values_list("name", flat=True)) == {"neon", "torii"}
    assert Tag.objects.filter(name="torii").exists()

    # A stacked inline: a studio with its stages.
    page.goto(f"{live_server.url}/csp-admin/locations/studio/add/")
    page.locator("#stages-group .add-row a").click()

    assert problems == []


@pytest.mark.browser
@pytest.mark.urls("tests.browser.admin_urls")
@pytest.mark.django_db(transaction=True)
def test_an_editor_deletes_through_the_confirmation_pages_without_a_csp_violation(
    live_server, page, problems
):
    staff_user("editor", "Editors")
    doomed = factories.LocationFactory(name="Doomed")
    also_doomed = factories.LocationFactory(name="Also doomed")

    log_in_through_the_form(page, live_server, "editor")
    page.goto(f"{live_server.url}/csp-admin/locations/location/{doomed.pk}/delete/")
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # The changelist's "delete selected" action and its confirmation page.
    page.goto(f"{live_server.url}/csp-admin/locations/location/")
    page.locator(f"input.action-select[value='{also_doomed.pk}']").check()
    page.locator("select[name=action]").select_option("delete_selected")
    page.locator("button[name=index]").click()
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    assert not Location.objects.filter(pk__in=[doomed.pk, also_doomed.pk]).exists()
    assert problems == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_superuser_manages_users_without_a_csp_violation(live_server, page, problems):
    root = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    other = factories.UserFactory(username="someone")

    log_in_through_the_form(page, live_server, "root")
    visit_every_registered_model(page, live_server, root)
    page.goto(admin_url(live_server, "auth/user/add/"))
    page.goto(admin_url(live_server, f"auth/user/{other.pk}/password/"))

    # The user form's two-box group picker and its "add another group" popup.
    page.goto(admin_url(live_server, f"auth/user/{other.pk}/change/"))
    expect(page.locator("#id_groups_from")).to_be_visible()
    with page.expect_popup() as popup_info:
        page.locator("#add_id_groups").click()
    popup = popup_info.value
    popup.locator("#id_name").fill("Location managers")
    # Listen before clicking: a fast save closes the popup before a later wait could start.
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#id_groups_to option")).to_have_count(1)

    page.goto(admin_url(live_server, f"auth/user/{other.pk}/delete/"))
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert problems == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_public_pages_run_without_a_csp_violation(live_server, page, problems):
    place = factories.LocationFactory(name="Kinkakuji", name_ja="金閣寺")
    studio = factories.SoundstageFactory().studio

    for path in [
        "/",
        "/locations/",
        "/locations/?q=kyoto",
        place.get_absolute_url(),
        "/studios/",
        "/studios/compare/",
        studio.get_absolute_url(),
        "/no-such-page/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # The language switcher submits itself (site.js) and comes back.
    page.goto(live_server.url + "/")
    page.locator("#language-select").select_option("ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    assert problems == []


# transaction=True: this folder's autouse fixture commits data (transactional_db), and
# pytest-django must order these tests after the rolled-back ones, whose reference data the
# final flush would otherwise remove.
@pytest.mark.django_db(transaction=True)
def test_a_public_page_sends_the_security_headers(client):
    response = client.get("/")

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = dict(
        (directive.split(" ", 1) + [""])[:2]
        for directive in (part.strip() for part in response["Content-Security-Policy"].split(";"))
        if directive
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db(transaction=True)
def test_the_admin_sends_the_same_strict_policy(client):
    response = client.get(f"/{settings.ADMIN_URL}login/")

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
