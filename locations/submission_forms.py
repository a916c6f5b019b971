"""The public "suggest a place" form: what an owner or a scout tells us about a place.

Every photo is validated and cleaned (locations.photos.images.prepare_photo) while the form
is cleaned, before anything is stored; the view then saves the place, its submission and
its photos in one transaction (locations.submissions).
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from locations.models import Category, Location, Prefecture
from locations.photos.images import ACCEPT_ATTRIBUTE, PreparedPhoto, prepare_photos
from locations.readings import suggest_readings

# Markup has no place in a plain-text description; refusing it tells a person why, and a
# bot's payload never reaches an editor's screen (everything is escaped anyway).
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
# Hiragana, katakana and CJK ideographs: text written in Japanese.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
LATIN = re.compile(r"[A-Za-z]")
PLAIN_TEXT_FIELDS = (
    "name",
    "name_ja",
    "municipality",
    "description",
    "contact_name",
)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotoFilesField(forms.FileField):
    """Zero or more files from one <input type=file multiple>."""

    widget = MultiplePhotoInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        return [super(PhotoFilesField, self).clean(f, initial) for f in files]


class LocalNameChoiceField(forms.ModelChoiceField):
    """Prefectures and categories by their name in the page's language."""

    def label_from_instance(self, obj):
        return obj.local_name


class SubmissionForm(forms.ModelForm):
    """A place as its owner or a scout describes it, with photos and a way to reach them."""

    prefecture = LocalNameChoiceField(
        label=_("Prefecture"), queryset=Prefecture.objects.all(), empty_label=_("Choose…")
    )
    category = LocalNameChoiceField(
        label=_("Kind of place"),
        queryset=Category.objects.order_by("name"),
        empty_label=_("Choose…"),
    )
    photos = PhotoFilesField(label=_("Choose photos"), required=False)
    consent = forms.BooleanField(
        label=_("Rokehan’s editors may contact me about this place by e-mail."),
        error_messages={"required": _("Please agree to be contacted: editors check every place.")},
    )
    # A honeypot: hidden from people by CSS (static/css/submit.css), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Location
        fields = (
            "name",
            "name_ja",
            "prefecture",
            "municipality",
            "category",
            "latitude",
            "longitude",
            "description",
            "contact_name",
            "contact_email",
        )
        labels = {
            "name": _("Name in English"),
            "name_ja": _("Name in Japanese"),
            "municipality": _("City, ward, town or village"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "description": _("What makes it good for filming"),
            "contact_name": _("Your name"),
            "contact_email": _("Your e-mail address"),
        }
        help_texts = {
            "name": _(
                "As a visitor would say it, e.g. Kinkaku-ji. One of the two names is enough."
            ),
            "name_ja": _("e.g. 金閣寺"),
            "municipality": _("e.g. Kyoto, Kita-ku"),
            "latitude": _("Optional. Decimal degrees, e.g. 35.039370."),
            "longitude": _("Optional. Decimal degrees, e.g. 135.729243."),
            "description": _(
                "What it looks like, when it is at its best, who to ask, what crews should "
                "know. English or Japanese."
            ),
            "contact_name": _("Shown to Rokehan’s editors only, never on the site."),
            "contact_email": _("We send you a confirmation and tell you when the place is live."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared: list[PreparedPhoto] = []
        for name in ("description", "contact_name", "contact_email"):
            self.fields[name].required = True
        self.fields["name"].required = False
        self.fields["description"].max_length = 5000
        self.fields["description"].widget.attrs.update({"rows": 6, "maxlength": 5000})
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "step": "any"})
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        max_photos = settings.SUBMISSION_MAX_PHOTOS
        photos = self.fields["photos"]
        photos.help_text = _(
            "Up to %(files)d photos: JPEG, PNG, WebP or HEIC, each at most %(each)s, "
            "%(total)s in all. Location data and camera details are removed from the files."
        ) % {
            "files": max_photos,
            "each": filesizeformat(settings.PHOTO_MAX_UPLOAD_BYTES),
            "total": filesizeformat(settings.SUBMISSION_MAX_UPLOAD_BYTES),
        }
        photos.widget.attrs.update(
            {
                "accept": ACCEPT_ATTRIBUTE,
                "data-max-files": max_photos,
                "data-max-bytes": settings.PHOTO_MAX_UPLOAD_BYTES,
                "data-max-total-bytes": settings.SUBMISSION_MAX_UPLOAD_BYTES,
                "data-too-many": _("Choose at most %(files)d photos.") % {"files": max_photos},
                "data-too-large": _(
                    "These photos are too large: at most %(limit)s in all, %(each)s each."
                )
                % {
                    "limit": filesizeformat(settings.SUBMISSION_MAX_UPLOAD_BYTES),
                    "each": filesizeformat(settings.PHOTO_MAX_UPLOAD_BYTES),
                },
            }
        )

    def _clean_plain_text(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        if value and MARKUP.search(value):
            raise ValidationError(
                _("Please write plain text: HTML tags such as <script> are not accepted."),
                code="markup",
            )
        return value

    def clean_name(self):
        return self._clean_plain_text("name")

    def clean_name_ja(self):
        return self._clean_plain_text("name_ja")

    def clean_municipality(self):
        return self._clean_plain_text("municipality")

    def clean_description(self):
        return self._clean_plain_text("description")

    def clean_contact_name(self):
        return self._clean_plain_text("contact_name")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(
                _("This form looks automated and was not sent. Leave the hidden field empty."),
                code="honeypot",
            )
        return ""

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        if len(uploads) > settings.SUBMISSION_MAX_PHOTOS:
            raise ValidationError(
                _("Choose at most %(max)d photos (you chose %(count)d)."),
                code="too_many_files",
                params={"max": settings.SUBMISSION_MAX_PHOTOS, "count": len(uploads)},
            )
        total = sum(upload.size for upload in uploads)
        if total > settings.SUBMISSION_MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("These photos are %(size)s together: at most %(limit)s can be sent."),
                code="too_large_together",
                params={
                    "size": filesizeformat(total),
                    "limit": filesizeformat(settings.SUBMISSION_MAX_UPLOAD_BYTES),
                },
            )
        self.prepared = prepare_photos(uploads)
        return uploads

    def clean(self):
        cleaned = super().clean()
        name, name_ja = cleaned.get("name"), cleaned.get("name_ja")
        named = name or name_ja or self.has_error("name") or self.has_error("name_ja")
        if not named:
            self.add_error("name", _("Give the place a name, in English or Japanese."))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error(
                "latitude" if latitude is None else "longitude",
                _("Give both latitude and longitude, or leave both empty."),
            )
        return cleaned

    def _post_clean(self):
        # Fill what the model needs before its own validation (names, readings): an English
        # name from the Japanese one's romaji, for the editors to check.
        name_ja = self.cleaned_data.get("name_ja")
        if name_ja and not self.has_error("name_ja"):
            reading = suggest_readings(name_ja)
            self.instance.name_kana, self.instance.name_romaji = reading.kana, reading.romaji
            if not self.cleaned_data.get("name"):
                self.cleaned_data["name"] = reading.romaji or name_ja
        description = self.cleaned_data.get("description", "")
        super()._post_clean()
        if description and written_in_japanese(description):
            # Japanese pages show description_ja; English ones fall back to it.
            self.instance.description, self.instance.description_ja = "", description

    def discard_photos(self) -> None:
        """Close the cleaned photos of a form that will not be saved."""
        for item in self.prepared:
            item.content.close()
        self.prepared = []


def written_in_japanese(text: str) -> bool:
    """Mostly Japanese: a kanji name inside an English sentence does not make it Japanese
    (a Japanese character carries about as much as three Latin letters)."""
    japanese = len(JAPANESE.findall(text))
    return japanese > 0 and japanese * 3 >= len(LATIN.findall(text))
