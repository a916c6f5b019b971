"""factory_boy factories over the real models (regions, prefectures, categories: migrations)."""

import datetime
import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from locations import models
from locations.photos.thumbnails import generate_thumbnails


def jpeg_bytes(width=64, height=48, color=(180, 90, 40), **save_kwargs) -> bytes:
    """A real JPEG made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", **save_kwargs)
    return buffer.getvalue()


def uploaded_jpeg(name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery-staple")


def prefecture(slug="tokyo"):
    return models.Prefecture.objects.get(slug=slug)


def category(slug="street"):
    return models.Category.objects.get(slug=slug)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Location

    name = factory.Sequence(lambda n: f"Sample Place {n}")
    name_ja = factory.Sequence(lambda n: f"サンプル地点{n}")
    category = factory.LazyFunction(category)
    prefecture = factory.LazyFunction(prefecture)
    municipality = "Shibuya"
    latitude = Decimal("35.659500")
    longitude = Decimal("139.700400")
    description = "A sample place for tests."
    status = models.Status.PUBLISHED


class StudioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Studio

    name = factory.Sequence(lambda n: f"Sample Studio {n}")
    name_ja = factory.Sequence(lambda n: f"サンプルスタジオ{n}")
    prefecture = factory.LazyFunction(prefecture)
    latitude = Decimal("35.640000")
    longitude = Decimal("139.600000")
    status = models.Status.PUBLISHED
    is_sample = True


class SoundstageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Soundstage

    studio = factory.SubFactory(StudioFactory)
    name = factory.Sequence(lambda n: f"Stage {n}")
    length_m = Decimal("30")
    width_m = Decimal("20")
    height_m = Decimal("10")
    is_sample = True


def stage(studio, name, length, width, height=None, **kwargs):
    """A stage with sizes given as text or numbers (None = not published)."""
    return SoundstageFactory(
        studio=studio,
        name=name,
        length_m=None if length is None else Decimal(length),
        width_m=None if width is None else Decimal(width),
        height_m=None if height is None else Decimal(height),
        **kwargs,
    )


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo row with a small JPEG and its thumbnails (not through the upload service:
    tests of validation and cleaning use locations.photos.services.add_photo)."""

    class Meta:
        model = models.Photo
        skip_postgeneration_save = True

    location = factory.SubFactory(LocationFactory)
    image = factory.LazyFunction(uploaded_jpeg)
    caption = "Sample photo"

    @factory.post_generation
    def thumbnails(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            generate_thumbnails(obj)


class ItineraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Itinerary

    title = factory.Sequence(lambda n: f"Sample tour {n}")
    start_date = datetime.date(2027, 4, 5)  # a Monday
    end_date = datetime.date(2027, 4, 11)
    status = models.ItineraryStatus.PUBLISHED


class ItineraryStopFactory(factory.django.DjangoModelFactory):
    """A stop at a new location on the tour's first day, 09:00–10:00."""

    class Meta:
        model = models.ItineraryStop

    itinerary = factory.SubFactory(ItineraryFactory)
    date = factory.LazyAttribute(lambda stop: stop.itinerary.start_date)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(10, 0)
    location = factory.SubFactory(LocationFactory)


class ShortlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Shortlist

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Sample shortlist {n}")


class ShortlistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ShortlistItem

    shortlist = factory.SubFactory(ShortlistFactory)
    location = factory.SubFactory(LocationFactory)
    rank = factory.Sequence(lambda n: n + 1)
