"""The rebate calculator: what the national location incentive would pay a production."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from locations.incentive_forms import RebateForm
from locations.incentives import (
    YEN,
    Money,
    RebateEstimate,
    Shortfall,
    estimate_rebate,
    today_in_japan,
    window_status,
)
from locations.models import IncentiveProgramme


def _describe(shortfall: Shortfall, money: Money) -> str:
    """What a threshold is missing, in words: "Spend in Japan must be over ¥500,000,000 …"."""
    if shortfall.kind == "release_countries":
        if shortfall.actual is None:
            return gettext("Needs release in more than %(n)s countries: enter the number.") % {
                "n": shortfall.required_over
            }
        return gettext("Needs release in more than %(n)s countries (you entered %(actual)s).") % {
            "n": shortfall.required_over,
            "actual": shortfall.actual,
        }
    required = money.both(shortfall.required_over)
    if shortfall.kind == "total_budget":
        if shortfall.actual is None:
            return gettext("Needs a total budget over %(required)s: enter the total budget.") % {
                "required": required
            }
        return gettext("Needs a total budget over %(required)s (you entered %(actual)s).") % {
            "required": required,
            "actual": money.both(shortfall.actual),
        }
    return gettext("Needs a spend in Japan over %(required)s (you entered %(actual)s).") % {
        "required": required,
        "actual": money.both(shortfall.actual),
    }


def _amounts(estimate: RebateEstimate, money: Money) -> dict[str, str]:
    """Every amount the result shows, formatted in yen and the chosen currency."""
    amounts = {
        "spend": money.both(estimate.spend_yen),
        "rebate": money.both(estimate.rebate_yen),
        "uncapped": money.both(estimate.uncapped_yen),
    }
    if estimate.cap_yen is not None:
        amounts["cap"] = money.both(estimate.cap_yen)
        amounts["cap_spend"] = money.both(estimate.cap_spend_yen)
    return amounts


@require_safe
def calculator(request: HttpRequest) -> HttpResponse:
    """GET /incentives/?spend=…: the estimate, the thresholds met, the next round, the sources."""
    programme = IncentiveProgramme.objects.current()
    form = RebateForm(request.GET or None)
    context = {"programme": programme, "form": form, "estimate": None}
    if programme is not None:
        context["windows"] = programme.windows.all()
        # Rounds usually share one source: show each distinct source once, under the table.
        context["window_sources"] = list(
            dict.fromkeys((w.source, w.verified_on) for w in context["windows"] if w.source)
        )
        context["window"] = window_status(context["windows"], today_in_japan())
        context["cap"] = YEN.yen(programme.cap_yen) if programme.cap_yen is not None else None
        if form.is_valid():
            money = form.cleaned_data["money"]
            estimate = estimate_rebate(
                programme=programme,
                spend_yen=form.cleaned_data["spend_yen"],
                total_budget_yen=form.cleaned_data["total_budget_yen"],
                release_countries=form.cleaned_data["release_countries"],
            )
            context.update(
                estimate=estimate,
                money=money,
                amounts=_amounts(estimate, money),
                threshold_rows=[
                    (result, [_describe(s, money) for s in result.shortfalls])
                    for result in estimate.thresholds
                ],
            )
    return render(request, "incentives/calculator.html", context)
