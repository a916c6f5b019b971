"""The rebate calculator's GET form: amounts as people type them, every bad input a form error.

Query-string interface of /incentives/ (stable; shared links keep working):
    spend               qualifying spend in Japan, in `currency` (required)
    total_budget        the production's total budget, in `currency` (optional)
    release_countries   number of countries the work is released in (optional)
    currency            JPY (default) or one of CURRENCIES
    rate                yen per 1 unit of `currency`; required unless the currency is JPY
"""

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from locations.incentives import CURRENCIES, MAX_YEN, YEN, Money

# What people type around a number: thousands separators, spaces, currency signs.
_NUMBER_NOISE = re.compile(r"[,\s_'¥$€£₩]")
# Largest yen-per-unit rate accepted: far above any real currency (1 unit = ¥100,000).
MAX_RATE = Decimal("100000")


class AmountField(forms.DecimalField):
    """A non-negative amount; accepts "500,000,000", "¥ 500 000 000" and full-width digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", MAX_YEN)
        kwargs.setdefault("max_digits", 20)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _NUMBER_NOISE.sub("", unicodedata.normalize("NFKC", value))
        return super().to_python(value)

    def widget_attrs(self, widget):
        # A text box with a numeric keyboard: type=number would refuse "500,000,000".
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs


class RebateForm(forms.Form):
    spend = AmountField(
        label=_("Qualifying spend in Japan"),
        help_text=_("What the production will spend in Japan, in the currency below."),
        widget=forms.TextInput,
    )
    total_budget = AmountField(
        label=_("Total budget (optional)"),
        required=False,
        help_text=_("The whole production's budget, in the same currency."),
        widget=forms.TextInput,
    )
    release_countries = forms.IntegerField(
        label=_("Release countries (optional)"),
        required=False,
        min_value=0,
        max_value=250,
        help_text=_("In how many countries the work will be released."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        required=False,
        choices=[(c.code, format_lazy("{} — {}", c.code, c.label)) for c in CURRENCIES.values()],
    )
    rate = forms.DecimalField(
        label=_("Exchange rate (yen per 1 unit)"),
        required=False,
        max_digits=16,
        decimal_places=6,
        max_value=MAX_RATE,
        help_text=_("For example 150 for US$1 = ¥150. Needed unless the currency is yen."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean_currency(self) -> str:
        return self.cleaned_data.get("currency") or "JPY"

    def clean_rate(self) -> Decimal | None:
        rate = self.cleaned_data.get("rate")
        if rate is not None and rate <= 0:
            raise ValidationError(gettext("The exchange rate must be more than zero."))
        return rate

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency") or "JPY"
        rate = cleaned.get("rate")
        if currency == "JPY":
            money = YEN
        elif rate is None:
            if "rate" not in self.errors:
                self.add_error(
                    "rate",
                    gettext("Enter how many yen one %(currency)s buys.") % {"currency": currency},
                )
            return cleaned
        else:
            money = Money(CURRENCIES[currency], rate)
        cleaned["money"] = money
        for field in ("spend", "total_budget"):
            amount = cleaned.get(field)
            if amount is None:
                cleaned[f"{field}_yen"] = None
                continue
            yen = money.to_yen(amount)
            if yen > MAX_YEN:
                self.add_error(
                    field,
                    gettext("That is more than %(max)s: check the amount and the rate.")
                    % {"max": YEN.yen(MAX_YEN)},
                )
            cleaned[f"{field}_yen"] = yen
        spend_yen, budget_yen = cleaned.get("spend_yen"), cleaned.get("total_budget_yen")
        if spend_yen is not None and budget_yen is not None and budget_yen < spend_yen:
            self.add_error(
                "total_budget",
                gettext("The total budget cannot be less than the spend in Japan."),
            )
        return cleaned
