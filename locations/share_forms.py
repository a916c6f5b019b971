"""Forms of client packages: the owner's link settings and a viewer's answer on a place."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from locations.models import ShareReply, Shortlist, Verdict


class ShareSettingsForm(forms.ModelForm):
    """When the shortlist's link stops working (empty: never)."""

    class Meta:
        model = Shortlist
        fields = ["share_expires_on"]
        widgets = {"share_expires_on": forms.DateInput(attrs={"type": "date"})}

    def clean_share_expires_on(self):
        day = self.cleaned_data["share_expires_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(
                _("Choose today or a later day; to stop the link now, revoke it."), code="past"
            )
        return day


class ReplyForm(forms.ModelForm):
    """A viewer's yes / maybe / no on one place, under a name they type, with a comment.

    Plain text: whatever is typed is stored as it is and escaped wherever it is shown."""

    class Meta:
        model = ShareReply
        fields = ["verdict", "name", "comment"]
        labels = {"verdict": _("Your answer"), "name": _("Your name")}
        help_texts = {"name": _("Shown only to the person who shared this list.")}
        widgets = {
            "verdict": forms.RadioSelect(attrs={"class": "verdict-choice"}),
            "name": forms.TextInput(attrs={"autocomplete": "name", "placeholder": _("e.g. Aiko")}),
            "comment": forms.Textarea(
                attrs={"rows": 2, "placeholder": _("Why? What would you shoot here?")}
            ),
        }

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["verdict"].choices = Verdict.choices
        # Each place has its own form on the page: ids must not repeat.
        self.auto_id = f"id_reply{item.pk}_%s"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Type your name."), code="required")
        return name
