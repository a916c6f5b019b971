"""The fixers' admin: every page as a Fixers member, adding records with inlines, the workflow."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.concurrency import VERSION_FIELD, version_token
from locations.models import (
    Category,
    Location,
    Photo,
    Prefecture,
    ReferenceStage,
    Region,
    Soundstage,
    Status,
    Studio,
    Tag,
)
from tests import factories

pytestmark = pytest.mark.django_db

# Model name → can a Fixers member add it?
FIXER_CAN_ADD = {
    "region": False,
    "prefecture": False,
    "category": False,
    "referencestage": False,
    "tag": True,
    "location": True,
    "photo": True,
    "studio": True,
    "soundstage": True,
}


def url(model_name, view, *args):
    return reverse(f"admin:locations_{model_name}_{view}", args=args)


@pytest.fixture
def catalogue(db):
    """One record of every model in the admin."""
    location = factories.LocationFactory(name="Kinkaku-ji", name_ja="金閣寺", status=Status.DRAFT)
    location.tags.add(factories.TagFactory(name="gold"))
    stage = factories.SoundstageFactory()
    photo = factories.PhotoFactory(location=location)
    return {
        "region": Region.objects.first(),
        "prefecture": Prefecture.objects.first(),
        "category": Category.objects.first(),
        "referencestage": ReferenceStage.objects.first(),
        "tag": Tag.objects.get(name="gold"),
        "location": location,
        "photo": photo,
        "studio": stage.studio,
        "soundstage": stage,
    }


def location_post_data(**overrides):
    """A complete add/change form for a location, with an empty photo formset."""
    data = {
        "name": "Kinkaku-ji",
        "name_ja": "金閣寺",
        "name_kana": "",
        "name_romaji": "",
        "category": factories.category("temple").pk,
        "prefecture": factories.prefecture("kyoto").pk,
        "municipality": "Kyoto",
        "latitude": "35.039370",
        "longitude": "135.729243",
        "description": "The Golden Pavilion.",
        "status": Status.DRAFT,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def change_data(client, model_name, obj, **overrides):
    """The change form as the browser would send it back, with `overrides` applied."""
    response = client.get(url(model_name, "change", obj.pk))
    assert response.status_code == 200
    data = {}
    forms = [(response.context["adminform"].form, "")]
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        initial = formset.formset.forms[: formset.formset.initial_form_count()]
        forms += [(form, f"{form.prefix}-") for form in initial]
        data[f"{management.prefix}-TOTAL_FORMS"] = str(len(initial))
    for form, prefix in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[prefix + name] = "on" if value is True else value
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_every_catalogue_model_is_in_the_admin():
    registered = {
        m._meta.model_name for m in admin.site._registry if m._meta.app_label == "locations"
    }
    assert registered >= set(FIXER_CAN_ADD)


@pytest.mark.parametrize("model_name", sorted(FIXER_CAN_ADD))
def test_every_admin_page_loads_for_a_fixer(fixer_client, catalogue, model_name):
    obj = catalogue[model_name]
    assert fixer_client.get(url(model_name, "changelist")).status_code == 200
    add = fixer_client.get(url(model_name, "add"))
    assert add.status_code == (200 if FIXER_CAN_ADD[model_name] else 403)
    assert fixer_client.get(url(model_name, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model_name", ["location", "studio", "soundstage"])
def test_history_is_visible_to_a_fixer(fixer_client, catalogue, model_name):
    response = fixer_client.get(url(model_name, "history", catalogue[model_name].pk))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 1  # the "created" record


@pytest.mark.parametrize("model_name", ["location", "studio"])
def test_import_and_export_pages_load_for_a_fixer(fixer_client, catalogue, model_name):
    assert fixer_client.get(url(model_name, "import")).status_code == 200
    assert fixer_client.get(url(model_name, "export")).status_code == 200


def test_a_fixer_adds_a_location_with_a_photo(fixer_client, fixer):
    data = location_post_data(
        **{
            "status": Status.REVIEW,
            "tags": [factories.TagFactory(name="pavilion").pk],
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": factories.uploaded_jpeg("kinkakuji.jpg", width=120, height=80),
            "photos-0-caption": "The pavilion from the pond",
            "photos-0-credit": "Sample photo",
            "photos-0-order": "0",
        }
    )
    response = fixer_client.post(url("location", "add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    location = Location.objects.get(name="Kinkaku-ji")
    assert (location.status, location.created_by, location.updated_by) == (
        Status.REVIEW,
        fixer,
        fixer,
    )
    assert [t.name for t in location.tags.all()] == ["pavilion"]
    photo = location.photos.get()
    assert (photo.caption, photo.width, photo.height) == ("The pavilion from the pond", 120, 80)
    assert "kinkakuji" not in photo.image.name  # stored under an unguessable name
    assert location.history.first().history_user == fixer


def test_saving_suggests_readings_when_they_are_empty(fixer_client):
    fixer_client.post(url("location", "add"), location_post_data())
    location = Location.objects.get(name="Kinkaku-ji")
    assert (location.name_kana, location.name_romaji) == ("きんかくじ", "Kinkakuji")


def test_readings_a_fixer_wrote_are_kept(fixer_client):
    data = location_post_data(name_ja="太秦", name_kana="うずまさ", name_romaji="Uzumasa")
    fixer_client.post(url("location", "add"), data)
    location = Location.objects.get(name="Kinkaku-ji")
    assert (location.name_kana, location.name_romaji) == ("うずまさ", "Uzumasa")


def test_the_reading_fields_say_they_are_suggestions(fixer_client):
    response = fixer_client.get(url("location", "add"))
    assert "suggested from the Japanese name" in response.content.decode()


def test_a_location_outside_japan_is_a_form_error_not_a_500(fixer_client):
    response = fixer_client.post(url("location", "add"), location_post_data(latitude="50.1"))
    assert response.status_code == 200
    assert "inside Japan" in response.content.decode()
    assert not Location.objects.exists()


def test_coordinates_in_another_prefecture_are_saved_with_a_warning(fixer_client):
    # Sapporo's coordinates on a place in Kyoto: a copied row, as the importer notes it.
    data = location_post_data(latitude="43.062096", longitude="141.354376")
    response = fixer_client.post(url("location", "add"), data, follow=True)
    location = Location.objects.get(name="Kinkaku-ji")  # kept as entered
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == ["43.062096, 141.354376 lie in Hokkaido, not Kyoto: check the coordinates"]
    # Corrected, the warning goes.
    data = change_data(fixer_client, "location", location, latitude="35.03937")
    data["longitude"] = "135.729243"
    response = fixer_client.post(url("location", "change", location.pk), data, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_studio_in_another_prefecture_gets_the_same_warning(fixer_client, catalogue):
    studio = catalogue["studio"]
    data = change_data(fixer_client, "studio", studio, latitude="26.212401", longitude="127.680932")
    response = fixer_client.post(url("studio", "change", studio.pk), data, follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and "lie in Okinawa, not" in warnings[0], warnings
    studio.refresh_from_db()
    assert str(studio.latitude) == "26.212401"


def test_a_fixer_adds_a_studio_with_two_stages(fixer_client, fixer):
    data = {
        "name": "Sample Studio North",
        "name_ja": "サンプル北スタジオ",
        "prefecture": factories.prefecture("tokyo").pk,
        "status": Status.DRAFT,
        "is_sample": "on",
        "stages-TOTAL_FORMS": "2",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-name": "Stage 1",
        "stages-0-length_m": "40",
        "stages-0-width_m": "25",
        "stages-0-height_m": "12",
        "stages-0-soundproofed": "on",
        "stages-0-order": "0",
        "stages-1-name": "Stage 2",
        "stages-1-length_m": "30",
        "stages-1-width_m": "20",
        "stages-1-area_m2": "550",
        "stages-1-tank": "on",
        "stages-1-order": "1",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = fixer_client.post(url("studio", "add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    studio = Studio.objects.get(name="Sample Studio North")
    assert studio.created_by == fixer
    areas = {s.name: s.floor_area_m2 for s in studio.stages.all()}
    assert areas == {"Stage 1": Decimal("1000"), "Stage 2": Decimal("550")}
    # The inline's saves keep the studio's stored stats, which its list row shows.
    assert (studio.stage_count, studio.largest_stage_m2) == (2, Decimal("1000"))
    row = _changelist_row(fixer_client, studio)
    assert '<td class="field-stage_count">2</td>' in row
    assert '<td class="field-largest_stage">1,000</td>' in row


def _changelist_row(client, studio) -> str:
    html = client.get(url("studio", "changelist")).content.decode()
    rows = html[html.index("<tbody>") :]
    start = rows.index(f'href="{url("studio", "change", studio.pk)}"')
    return rows[start : rows.index("</tr>", start)]


def test_deleting_a_stage_in_the_admin_updates_its_studio_row(editor_client):
    studio = factories.StudioFactory(name="Sample Studio South")
    big = factories.stage(studio, "Big", "40", "30")
    factories.stage(studio, "Small", "20", "10")
    assert '<td class="field-largest_stage">1,200</td>' in _changelist_row(editor_client, studio)
    response = editor_client.post(url("soundstage", "delete", big.pk), {"post": "yes"})
    assert response.status_code == 302
    row = _changelist_row(editor_client, studio)
    assert '<td class="field-stage_count">1</td>' in row
    assert '<td class="field-largest_stage">200</td>' in row


def test_the_stage_inline_shows_the_area_used(fixer_client):
    stage = factories.SoundstageFactory(length_m=Decimal("40"), width_m=Decimal("25"))
    factories.SoundstageFactory(studio=stage.studio, area_m2=Decimal("900"))
    content = fixer_client.get(url("studio", "change", stage.studio.pk)).content.decode()
    assert "1,000.0 m² (length × width)" in content
    assert "900.0 m² (entered)" in content


@pytest.mark.parametrize("model_name", ["location", "studio", "soundstage", "photo", "tag"])
def test_fixers_cannot_delete(fixer_client, catalogue, model_name):
    obj = catalogue[model_name]
    delete_url = url(model_name, "delete", obj.pk)
    assert fixer_client.get(delete_url).status_code == 403
    assert fixer_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model_name", ["location", "studio", "soundstage", "photo", "tag"])
def test_fixers_get_no_delete_action_or_link(fixer_client, catalogue, model_name):
    changelist = fixer_client.get(url(model_name, "changelist"))
    action_form = changelist.context["action_form"]
    actions = [name for name, _ in action_form.fields["action"].choices] if action_form else []
    assert "delete_selected" not in actions
    change = fixer_client.get(url(model_name, "change", catalogue[model_name].pk))
    assert url(model_name, "delete", catalogue[model_name].pk) not in change.content.decode()


def test_fixers_cannot_delete_through_the_action(fixer_client, catalogue):
    location = catalogue["location"]
    fixer_client.post(
        url("location", "changelist"),
        {"action": "delete_selected", "_selected_action": [location.pk], "post": "yes"},
    )
    assert Location.objects.filter(pk=location.pk).exists()


def test_fixers_cannot_delete_stages_or_photos_through_the_inlines(fixer_client, catalogue):
    stage = catalogue["soundstage"]
    data = change_data(fixer_client, "studio", stage.studio, **{"stages-0-DELETE": "on"})
    response = fixer_client.post(url("studio", "change", stage.studio.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Soundstage.objects.filter(pk=stage.pk).exists()


def test_fixers_are_not_offered_publish(fixer_client, catalogue):
    response = fixer_client.get(url("location", "changelist"))
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "submit_for_review" in actions
    assert "publish" not in actions
    assert "unpublish" not in actions
    form = fixer_client.get(url("location", "add")).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]


def test_fixers_cannot_publish_with_the_action(fixer_client, catalogue):
    location = catalogue["location"]
    fixer_client.post(
        url("location", "changelist"), {"action": "publish", "_selected_action": [location.pk]}
    )
    location.refresh_from_db()
    assert location.status == Status.DRAFT


def test_fixers_cannot_publish_with_the_form(fixer_client, catalogue):
    location = catalogue["location"]
    data = change_data(fixer_client, "location", location, status=Status.PUBLISHED)
    response = fixer_client.post(url("location", "change", location.pk), data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    location.refresh_from_db()
    assert location.status == Status.DRAFT


def test_fixers_cannot_publish_by_reverting_to_a_published_version(fixer_client, catalogue):
    location = catalogue["location"]
    location.status = Status.PUBLISHED
    location.save()
    published_version = location.history.first()
    location.status = Status.DRAFT
    location.save()
    revert_url = url("location", "simple_history", location.pk, published_version.history_id)
    page = fixer_client.get(revert_url)
    assert "status" not in page.context["adminform"].form.fields  # shown read-only
    data = change_data(fixer_client, "location", location)
    data.pop("status")
    response = fixer_client.post(revert_url, data)
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.status == Status.REVIEW


def test_fixers_submit_drafts_for_review(fixer_client, catalogue, fixer):
    location = catalogue["location"]
    fixer_client.post(
        url("location", "changelist"),
        {"action": "submit_for_review", "_selected_action": [location.pk]},
    )
    location.refresh_from_db()
    assert (location.status, location.updated_by) == (Status.REVIEW, fixer)


def test_a_fixer_editing_a_published_location_keeps_it_published(fixer_client, catalogue):
    location = catalogue["location"]
    Location.objects.filter(pk=location.pk).update(status=Status.PUBLISHED)
    data = change_data(fixer_client, "location", location, description="Fixed a typo.")
    assert "status" not in data  # read-only for fixers once published
    response = fixer_client.post(url("location", "change", location.pk), data)
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.status, location.description) == (Status.PUBLISHED, "Fixed a typo.")


def test_editors_can_publish_and_unpublish(editor_client, catalogue):
    location, studio = catalogue["location"], catalogue["studio"]
    Studio.objects.filter(pk=studio.pk).update(status=Status.REVIEW)
    for model_name, obj in (("location", location), ("studio", studio)):
        editor_client.post(
            url(model_name, "changelist"), {"action": "publish", "_selected_action": [obj.pk]}
        )
        obj.refresh_from_db()
        assert obj.status == Status.PUBLISHED
    editor_client.post(
        url("location", "changelist"), {"action": "unpublish", "_selected_action": [location.pk]}
    )
    location.refresh_from_db()
    assert location.status == Status.DRAFT


def test_editors_can_publish_with_the_form(editor_client, catalogue):
    location = catalogue["location"]
    data = change_data(editor_client, "location", location, status=Status.PUBLISHED)
    assert editor_client.post(url("location", "change", location.pk), data).status_code == 302
    location.refresh_from_db()
    assert location.status == Status.PUBLISHED


def test_editors_can_delete(editor_client, catalogue):
    tag = catalogue["tag"]
    response = editor_client.post(url("tag", "delete", tag.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=tag.pk).exists()


def test_a_stale_form_does_not_overwrite_a_newer_save(client, fixer, editor, catalogue):
    location = catalogue["location"]
    client.force_login(fixer)
    stale = change_data(client, "location", location, description="Fixer's version")
    client.force_login(editor)
    fresh = change_data(client, "location", location, description="Editor's version")
    assert client.post(url("location", "change", location.pk), fresh).status_code == 302
    client.force_login(fixer)
    response = client.post(url("location", "change", location.pk), stale)
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    location.refresh_from_db()
    assert location.description == "Editor's version"


def test_saving_twice_from_fresh_forms_is_fine(fixer_client, catalogue):
    location = catalogue["location"]
    for text in ("First", "Second"):
        data = change_data(fixer_client, "location", location, description=text)
        assert fixer_client.post(url("location", "change", location.pk), data).status_code == 302
    location.refresh_from_db()
    assert location.description == "Second"


def test_the_location_form_shows_every_field(fixer_client):
    form_fields = {
        f
        for _, options in admin.site._registry[Location].get_fieldsets(None)
        for line in options["fields"]
        for f in (line if isinstance(line, tuple) else (line,))
    }
    editable = {f.name for f in Location._meta.get_fields() if getattr(f, "editable", False)}
    editable -= {"id", "search_text"}
    assert editable <= form_fields


@pytest.mark.parametrize(
    "query", ["金閣寺", "きんかくじ", "キンカクジ", "kinkaku", "ＫＩＮＫＡＫＵ"]
)
def test_the_location_list_searches_both_scripts_and_readings(fixer_client, query):
    factories.LocationFactory(name="Kinkaku-ji", name_ja="金閣寺", name_kana="きんかくじ")
    factories.LocationFactory(name="Tokyo Tower", name_ja="東京タワー")
    response = fixer_client.get(url("location", "changelist"), {"q": query})
    assert [loc.name for loc in response.context["cl"].result_list] == ["Kinkaku-ji"]


def test_the_location_list_shows_photo_counts(fixer_client, catalogue):
    factories.PhotoFactory(location=catalogue["location"])
    response = fixer_client.get(url("location", "changelist"))
    (row,) = response.context["cl"].result_list
    assert row.n_photos == 2


@pytest.mark.parametrize("rows", [1, 30])
def test_the_location_list_needs_a_fixed_number_of_queries(
    fixer_client, django_assert_max_num_queries, rows
):
    locations = factories.LocationFactory.create_batch(rows)
    for location in locations:
        factories.PhotoFactory(location=location)
    # session, user, user and group permissions, the region/prefecture/category filter
    # choices, filtered count, total count, the rows (joins + photo-count subquery)
    with django_assert_max_num_queries(10):
        assert fixer_client.get(url("location", "changelist")).status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_the_studio_list_needs_a_fixed_number_of_queries(
    fixer_client, django_assert_max_num_queries, rows
):
    factories.SoundstageFactory.create_batch(rows)
    # session, user, user and group permissions, the region filter choices, filtered
    # count, total count, the rows (join + stage-stats and photo-count subqueries)
    with django_assert_max_num_queries(8):
        assert fixer_client.get(url("studio", "changelist")).status_code == 200


def test_prefecture_and_tag_autocomplete_answer_fixers(fixer_client):
    factories.TagFactory(name="ネオン")
    autocomplete = reverse("admin:autocomplete")
    params = {"app_label": "locations", "model_name": "location"}
    pref = fixer_client.get(autocomplete, {**params, "field_name": "prefecture", "term": "京都府"})
    assert [r["text"] for r in pref.json()["results"]] == ["Kyoto (京都府)"]
    tag = fixer_client.get(autocomplete, {**params, "field_name": "tags", "term": "ﾈｵﾝ"})
    assert [r["text"] for r in tag.json()["results"]] == ["ネオン"]


def test_reference_data_is_read_only_even_for_editors(editor_client):
    kyoto = factories.prefecture("kyoto")
    response = editor_client.post(url("prefecture", "change", kyoto.pk), {"name_en": "Kioto"})
    assert response.status_code == 403
    kyoto.refresh_from_db()
    assert kyoto.name_en == "Kyoto"


def test_the_photo_list_shows_thumbnails_not_originals(fixer_client, catalogue):
    photo = catalogue["photo"]
    content = fixer_client.get(url("photo", "changelist")).content.decode()
    assert f'src="{photo.card_480.url}"' in content
    assert photo.image.url not in content
    assert Photo.objects.count() == 1


def test_a_photo_needs_exactly_one_owner(fixer_client, catalogue):
    data = {"image": factories.uploaded_jpeg(), "caption": "Orphan", "order": "0"}
    response = fixer_client.post(url("photo", "add"), data)
    assert response.status_code == 200
    assert "one location or one studio" in response.content.decode()
    assert Photo.objects.count() == 1


def test_a_studio_page_costs_the_same_queries_for_2_or_12_stages(fixer_client):
    # Each stage row's edit-conflict version comes from the formset's own query.
    queries = {}
    for n in (2, 12):
        studio = factories.StudioFactory()
        factories.SoundstageFactory.create_batch(n, studio=studio)
        fixer_client.get(url("studio", "change", studio.pk))  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = fixer_client.get(url("studio", "change", studio.pk))
        queries[n] = len(captured)
        stage_forms = response.context["inline_admin_formsets"][0].formset.forms
        for form in stage_forms[:n]:
            assert form.initial[VERSION_FIELD] == version_token(form.instance.updated_at)
    assert queries[12] == queries[2]
