"""Concurrent edits: the second of two people saving the same record is told, not ignored."""

import pytest
from django import forms

from locations.concurrency import VERSION_FIELD, OptimisticLockMixin
from locations.models import Location, Soundstage
from tests import factories


class LocationForm(OptimisticLockMixin, forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "description", "category", "prefecture"]


class StageForm(OptimisticLockMixin, forms.ModelForm):
    class Meta:
        model = Soundstage
        fields = ["name", "length_m", "width_m"]


def opened(form_class, instance):
    """What a browser would send back: the form as rendered, before anyone types."""
    form = form_class(instance=instance)
    return {name: form[name].value() for name in form.fields}


def reloaded(model, pk):
    return model.objects.get(pk=pk)


@pytest.mark.django_db
def test_the_second_of_two_forms_opened_on_the_same_record_is_refused():
    alice = factories.UserFactory(username="alice")
    place = factories.LocationFactory(description="Original.")
    alice_sees = opened(LocationForm, reloaded(Location, place.pk))
    bob_sees = opened(LocationForm, reloaded(Location, place.pk))

    first = LocationForm(
        {**alice_sees, "description": "Alice's notes."}, instance=reloaded(Location, place.pk)
    )
    assert first.is_valid(), first.errors
    first.instance.updated_by = alice  # as the admin's save_model records it
    first.save()

    second = LocationForm(
        {**bob_sees, "description": "Bob's notes."}, instance=reloaded(Location, place.pk)
    )

    assert not second.is_valid()
    [error] = second.non_field_errors()
    assert error.startswith("This record was changed by alice at ")
    assert error.endswith(" since you opened it; reload to see their changes.")
    assert reloaded(Location, place.pk).description == "Alice's notes."


@pytest.mark.django_db
def test_after_reloading_the_second_person_can_save():
    place = factories.LocationFactory()
    stale = opened(LocationForm, reloaded(Location, place.pk))
    LocationForm({**stale, "description": "First."}, instance=reloaded(Location, place.pk)).save()

    fresh = opened(LocationForm, reloaded(Location, place.pk))
    form = LocationForm({**fresh, "description": "Second."}, instance=reloaded(Location, place.pk))

    assert form.is_valid(), form.errors
    form.save()
    assert reloaded(Location, place.pk).description == "Second."


@pytest.mark.django_db
def test_one_person_saving_twice_in_a_row_is_not_refused():
    place = factories.LocationFactory()
    form = LocationForm(
        {**opened(LocationForm, place), "description": "Once."},
        instance=reloaded(Location, place.pk),
    )
    form.save()

    again = LocationForm(
        {**opened(LocationForm, form.instance), "description": "Twice."},
        instance=reloaded(Location, place.pk),
    )

    assert again.is_valid(), again.errors


@pytest.mark.django_db
def test_a_form_without_the_version_it_was_opened_at_is_refused():
    place = factories.LocationFactory()
    data = {**opened(LocationForm, place), VERSION_FIELD: ""}

    form = LocationForm(data, instance=reloaded(Location, place.pk))

    assert not form.is_valid()
    assert form.has_error("__all__", code="stale")


@pytest.mark.django_db
def test_saving_a_record_deleted_meanwhile_is_refused():
    place = factories.LocationFactory()
    data = opened(LocationForm, place)
    instance = reloaded(Location, place.pk)
    Location.objects.filter(pk=place.pk).delete()

    form = LocationForm(data, instance=instance)

    assert not form.is_valid()
    assert form.non_field_errors() == ["This record was deleted since you opened it."]


@pytest.mark.django_db
def test_adding_a_record_needs_no_version():
    data = {
        "name": "New place",
        "description": "",
        "category": factories.category().pk,
        "prefecture": factories.prefecture().pk,
    }

    form = LocationForm(data)

    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_stage_edited_twice_names_the_first_editor_from_its_history():
    carol = factories.UserFactory(username="carol")
    stage = factories.SoundstageFactory()
    carol_sees = opened(StageForm, reloaded(Soundstage, stage.pk))
    dan_sees = opened(StageForm, reloaded(Soundstage, stage.pk))

    first = StageForm({**carol_sees, "length_m": "31"}, instance=reloaded(Soundstage, stage.pk))
    first.instance._history_user = carol  # as django-simple-history's middleware records it
    first.save()
    second = StageForm({**dan_sees, "length_m": "29"}, instance=reloaded(Soundstage, stage.pk))

    assert not second.is_valid()
    assert "changed by carol at " in second.non_field_errors()[0]


@pytest.mark.django_db
@pytest.mark.urls("tests.browser.admin_urls")
def test_in_the_admin_the_second_fixer_to_save_is_told(client, fixer):
    other = factories.UserFactory(username="fixer_b", is_staff=True)
    other.groups.set(fixer.groups.all())
    place = factories.LocationFactory(name="Kamo River")
    url = f"/csp-admin/locations/location/{place.pk}/change/"

    def open_form(user):
        client.force_login(user)
        form = client.get(url).context["adminform"].form
        assert VERSION_FIELD in form.fields  # rendered as a hidden input by the admin
        return {
            "name": form["name"].value(),
            "slug": form["slug"].value(),
            "category": form["category"].value(),
            "prefecture": form["prefecture"].value(),
            "status": form["status"].value(),
            VERSION_FIELD: form[VERSION_FIELD].value(),
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        }

    fixer_form, other_form = open_form(fixer), open_form(other)
    client.force_login(fixer)
    assert client.post(url, {**fixer_form, "name": "Kamo River (Demachiyanagi)"}).status_code == 302

    client.force_login(other)
    response = client.post(url, {**other_form, "name": "Kamogawa"})

    assert response.status_code == 200
    assert "This record was changed by fixer at " in response.content.decode()
    assert reloaded(Location, place.pk).name == "Kamo River (Demachiyanagi)"
