"""The "Something changed" form of an owner's confirmation page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from locations.models import ChangeRequest


class ChangeRequestForm(forms.Form):
    """Plain text, length-limited: what is no longer right (shown to editors as text)."""

    message = forms.CharField(
        label=_("What has changed?"),
        max_length=ChangeRequest.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": ChangeRequest.MAX_LENGTH}),
        help_text=_(
            "For example: new opening hours, a new fee, filming no longer allowed, a new "
            "contact person. Up to 2,000 characters; Japanese or English."
        ),
        error_messages={"required": _("Tell us what has changed, or use “Still correct”.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)  # the label is a question
