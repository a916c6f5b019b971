"""Forms for shortlists and tours (the shortlist pages and the itinerary admin's actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from locations.models import Location, Shortlist, ShortlistItem, Studio
from locations.permits import FIRST_DATE, LAST_DATE, validate_calendar_date

# The date picker offers only the days a tour can have (locations.permits' calendar).
TOUR_DAY_PICKER = forms.DateInput(
    attrs={"type": "date", "min": FIRST_DATE.isoformat(), "max": LAST_DATE.isoformat()}
)

PLACE_MODELS = {"location": Location, "studio": Studio}


class AddToShortlistForm(forms.Form):
    """`item_type` + `item` (a pk) and, optionally, which of the user's shortlists."""

    item_type = forms.ChoiceField(choices=[("location", _("Location")), ("studio", _("Studio"))])
    item = forms.IntegerField(min_value=1)
    shortlist = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        item_type, pk = data.get("item_type"), data.get("item")
        if item_type and pk:
            model = PLACE_MODELS[item_type]
            place = model.objects.visible_to(self.user).filter(pk=pk).first()
            if place is None:
                raise forms.ValidationError(_("That place does not exist."), code="no_place")
            data["place"] = place
        if data.get("shortlist"):
            shortlist = Shortlist.objects.owned_by(self.user).filter(pk=data["shortlist"]).first()
            if shortlist is None:
                self.add_error("shortlist", _("That shortlist is not yours."))
            data["shortlist_obj"] = shortlist
        return data


class ShortlistForm(forms.ModelForm):
    class Meta:
        model = Shortlist
        fields = ["title", "brief"]
        widgets = {"brief": forms.Textarea(attrs={"rows": 3})}


class ShortlistItemForm(forms.ModelForm):
    class Meta:
        model = ShortlistItem
        fields = ["top_choice_for", "note"]
        widgets = {
            "top_choice_for": forms.TextInput(attrs={"placeholder": _("e.g. Sc. 12 chase")}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each item's form sits on the same page: unique ids keep labels pointing right.
        self.auto_id = f"id_item{self.instance.pk}_%s"


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class StartDateForm(forms.Form):
    """The first day of a tour planned from a shortlist."""

    start_date = forms.DateField(
        label=_("First day"), widget=TOUR_DAY_PICKER, validators=[validate_calendar_date]
    )


class DuplicateItineraryForm(forms.Form):
    """The admin's "duplicate as a template" action: a new first day, optionally."""

    start_date = forms.DateField(
        label=_("New first day"),
        required=False,
        widget=TOUR_DAY_PICKER,
        validators=[validate_calendar_date],
        help_text=_("Every date moves by the same number of days. Leave empty to keep the dates."),
    )
