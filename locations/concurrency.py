"""Optimistic locking: of two people editing the same record, the second to save is told,
instead of silently overwriting the first one's changes.

A form remembers the record's `updated_at` from when it was opened (a hidden field) and, when
saved, compares it with the stored value. Wire it into the admin with one line:

    class LocationAdmin(OptimisticLockAdminMixin, SimpleHistoryAdmin): ...
    class SoundstageInline(OptimisticLockAdminMixin, admin.TabularInline): ...

or mix `OptimisticLockMixin` into any ModelForm whose model has `updated_at` (auto_now).
"""

from django import forms
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "record_version"


def version_token(value) -> str:
    """The form's copy of a version value (an aware datetime): exact to the microsecond."""
    return value.isoformat() if value is not None else ""


class OptimisticLockMixin(forms.Form):
    """ModelForm mixin: refuse to save over changes stored since the form was opened.

    Put it before `forms.ModelForm` in the bases. When the form is validated inside a
    transaction (the admin's change view is one), the row stays locked (`SELECT … FOR UPDATE`)
    until the save commits, so two saves cannot both pass the check.
    """

    version_field = "updated_at"
    # True where the instance is always fresh from the database (an inline formset's rows):
    # its own value is used instead of one query per row.
    version_from_instance = False

    record_version = forms.CharField(
        label=_("Record version"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            if self.version_from_instance:
                stored = getattr(self.instance, self.version_field)
            else:
                # From the database: history's "revert" form passes an old copy.
                stored = (
                    type(self.instance)
                    ._default_manager.filter(pk=self.instance.pk)
                    .values_list(self.version_field, flat=True)
                    .first()
                )
            self.initial[VERSION_FIELD] = version_token(stored)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned_data
        stored = self._stored_version()
        if stored is None:
            raise ValidationError(_("This record was deleted since you opened it."), code="deleted")
        if cleaned_data.get(VERSION_FIELD) != version_token(stored):
            raise ValidationError(
                _(
                    "This record was changed by %(who)s at %(when)s since you opened it; "
                    "reload to see their changes."
                ),
                code="stale",
                params={
                    "who": self._last_editor(),
                    "when": date_format(localtime(stored), "Y-m-d H:i T"),
                },
            )
        return cleaned_data

    def _stored_version(self):
        model = type(self.instance)
        using = self.instance._state.db or router.db_for_write(model)
        rows = model._default_manager.using(using).filter(pk=self.instance.pk)
        if transaction.get_connection(using).in_atomic_block:
            rows = rows.select_for_update()
        return rows.values_list(self.version_field, flat=True).first()

    def _last_editor(self) -> str:
        """Who saved last: `updated_by` when the model keeps it, else the newest history entry."""
        model = type(self.instance)
        fresh = model._default_manager.filter(pk=self.instance.pk)
        field_names = {field.name for field in model._meta.get_fields()}
        if "updated_by" in field_names:
            editor = fresh.values_list("updated_by__username", flat=True).first()
            if editor:
                return editor
        history = getattr(model, "history", None)
        if history is not None:
            latest = (
                history.filter(id=self.instance.pk)
                .order_by("-history_date")
                .values_list("history_user__username", flat=True)
                .first()
            )
            if latest:
                return latest
        return str(_("someone else"))


class OptimisticLockAdminMixin:
    """ModelAdmin / InlineModelAdmin mixin: its form gets the lock, and its fieldsets the
    hidden version field (which the admin would not render unless a fieldset names it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not issubclass(self.form, OptimisticLockMixin):
            self.form = type(self.form.__name__, (OptimisticLockMixin, self.form), {})
        if isinstance(self, InlineModelAdmin):
            # Inline rows come fresh from the formset's query (history never reverts them).
            self.form = type(self.form.__name__, (self.form,), {"version_from_instance": True})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _, options in fieldsets for name in _flatten(options["fields"])}
        if VERSION_FIELD not in named:
            name, options = fieldsets[-1]
            fieldsets[-1] = (name, {**options, "fields": [*options["fields"], VERSION_FIELD]})
        return fieldsets


def _flatten(fields):
    for field in fields:
        if isinstance(field, (list, tuple)):
            yield from field
        else:
            yield field
