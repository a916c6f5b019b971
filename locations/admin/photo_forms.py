"""The admin's photo forms: a photo's own form, the inline's cover rule, and "Add photos"
(several files at once, all checked before any is stored)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from locations.models import Photo
from locations.photos.images import ACCEPT_ATTRIBUTE, prepare_photo, prepare_photos


class PhotoForm(forms.ModelForm):
    """A photo's form (the inline rows and the photo page): a new file is validated and
    cleaned by locations.photos before it is saved."""

    image = forms.FileField(
        label=_("image"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_("JPEG, PNG, WebP or HEIC; the photo's location data is removed."),
    )

    class Meta:
        model = Photo
        fields = ("image", "location", "studio", "caption", "credit", "order", "is_cover")

    prepared = None  # the PreparedPhoto of a new upload, once clean

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is None or "image" not in self.changed_data:
            return upload
        self.prepared = prepare_photo(upload)
        return self.prepared.content


class PhotoInlineFormSet(forms.BaseInlineFormSet):
    """Ticking a new cover unticks the old one; ticking two new covers is an error."""

    def clean(self):
        super().clean()
        covers = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_cover") and form not in self.deleted_forms
        ]
        if len(covers) <= 1:
            return
        newly_ticked = [form for form in covers if "is_cover" in form.changed_data]
        if len(newly_ticked) != 1:
            raise ValidationError(
                _("Tick one photo as the cover (%(count)d are ticked)."),
                code="several_covers",
                params={"count": len(covers)},
            )
        for form in covers:
            if form is not newly_ticked[0]:
                form.cleaned_data["is_cover"] = False
                form.instance.is_cover = False

    @property
    def cover_form(self):
        """The form whose photo will be the cover, if one is ticked."""
        return next(
            (
                form
                for form in self.forms
                if form.cleaned_data.get("is_cover") and form not in self.deleted_forms
            ),
            None,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple> (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class PhotoUploadForm(forms.Form):
    """Many photos of one place at once; all are checked before any is stored."""

    images = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=Photo._meta.get_field("caption").max_length,
        required=False,
        help_text=_("For all of these photos (edit each one afterwards if they differ)."),
    )
    credit = forms.CharField(
        label=_("Credit"), max_length=Photo._meta.get_field("credit").max_length, required=False
    )
    first_is_cover = forms.BooleanField(
        label=_("Make the first of these photos the cover"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_mb = settings.PHOTO_MAX_UPLOAD_BYTES / (1024 * 1024)
        field = self.fields["images"]
        field.help_text = _(
            "Choose up to %(files)d files at a time: JPEG, PNG, WebP or HEIC, each at most "
            "%(mb)s MB. GPS data, camera details and comments are removed from the files."
        ) % {"files": settings.PHOTO_MAX_FILES_PER_REQUEST, "mb": f"{limit_mb:g}"}
        field.widget.attrs.update(
            {
                "data-max-files": settings.PHOTO_MAX_FILES_PER_REQUEST,
                "data-max-bytes": settings.PHOTO_MAX_UPLOAD_BYTES,
                "data-too-many": _("Choose at most %(files)d files at a time.")
                % {"files": settings.PHOTO_MAX_FILES_PER_REQUEST},
            }
        )
        self.prepared = []

    def clean_images(self):
        uploads = self.cleaned_data["images"]
        if len(uploads) > settings.PHOTO_MAX_FILES_PER_REQUEST:
            raise ValidationError(
                _("Choose at most %(max)d files at a time (you chose %(count)d)."),
                code="too_many_files",
                params={"max": settings.PHOTO_MAX_FILES_PER_REQUEST, "count": len(uploads)},
            )
        try:
            self.prepared = prepare_photos(uploads)
        except ValidationError as error:
            raise ValidationError(
                [
                    *error.error_list,
                    ValidationError(_("Nothing was saved: add the photos again without these.")),
                ]
            ) from None
        return uploads
