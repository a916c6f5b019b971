"""The rebate estimate: pure, typed functions over an incentive programme's figures.

Money is Decimal throughout and whole yen in the end. Exchange rates are what the user enters
(yen per unit of their currency): the site fetches no live rates.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from locations.models import ApplicationWindow, IncentiveProgramme, IncentiveThreshold

# Above this the input is a typo, not a film: no production spends ¥10 trillion.
MAX_YEN = Decimal("10000000000000")
JAPAN = ZoneInfo("Asia/Tokyo")
ONE = Decimal("1")


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str
    label: str


# A short list of the currencies producers budget in; anything else can be entered in yen.
CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("JPY", "¥", _("Japanese yen")),
        Currency("USD", "US$", _("US dollar")),
        Currency("EUR", "€", _("Euro")),
        Currency("GBP", "£", _("Pound sterling")),
        Currency("CAD", "CA$", _("Canadian dollar")),
        Currency("AUD", "A$", _("Australian dollar")),
        Currency("NZD", "NZ$", _("New Zealand dollar")),
        Currency("KRW", "₩", _("South Korean won")),
        Currency("CNY", "CN¥", _("Chinese yuan")),
        Currency("HKD", "HK$", _("Hong Kong dollar")),
        Currency("SGD", "S$", _("Singapore dollar")),
        Currency("TWD", "NT$", _("New Taiwan dollar")),
    )
}


def whole(amount: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to whole units (yen, dollars …)."""
    return amount.quantize(ONE, rounding=rounding)


@dataclass(frozen=True)
class Money:
    """Shows yen amounts in yen and, when another currency was chosen, in that currency too."""

    currency: Currency
    rate: Decimal = ONE  # yen per 1 unit of `currency`

    @property
    def is_yen(self) -> bool:
        return self.currency.code == "JPY"

    def to_yen(self, amount: Decimal) -> Decimal:
        """An amount in this currency, in whole yen."""
        return whole(amount * self.rate)

    def from_yen(self, yen: Decimal) -> Decimal:
        """Whole yen in this currency, rounded to whole units."""
        return whole(yen / self.rate)

    def yen(self, yen: Decimal) -> str:
        """ "¥500,000,000" — whole yen with thousands separators."""
        return f"¥{whole(yen):,}"

    def foreign(self, yen: Decimal) -> str:
        """ "US$3,333,333" — the yen amount converted, in whole units of the chosen currency."""
        return f"{self.currency.symbol}{self.from_yen(yen):,}"

    def both(self, yen: Decimal) -> str:
        """ "¥500,000,000 (US$3,333,333)", or "¥500,000,000" when the currency is yen."""
        if self.is_yen:
            return self.yen(yen)
        return f"{self.yen(yen)} ({self.foreign(yen)})"


YEN = Money(CURRENCIES["JPY"])


@dataclass(frozen=True)
class Shortfall:
    """One condition of a threshold that the project does not meet (or did not say)."""

    kind: Literal["japan_spend", "total_budget", "release_countries"]
    required_over: Decimal | int
    actual: Decimal | int | None  # None: the user did not enter it


@dataclass(frozen=True)
class ThresholdResult:
    threshold: IncentiveThreshold
    shortfalls: tuple[Shortfall, ...]

    @property
    def met(self) -> bool:
        return not self.shortfalls


@dataclass(frozen=True)
class RebateEstimate:
    spend_yen: Decimal
    rate_percent: Decimal
    cap_yen: Decimal | None
    uncapped_yen: Decimal
    rebate_yen: Decimal
    thresholds: tuple[ThresholdResult, ...]

    @property
    def cap_applies(self) -> bool:
        """True when the cap, not the rate, decides the rebate."""
        return self.cap_yen is not None and self.uncapped_yen > self.cap_yen

    @property
    def cap_spend_yen(self) -> Decimal | None:
        """The spend at which the cap starts to bite (e.g. ¥2bn at 50% of a ¥1bn cap)."""
        if self.cap_yen is None:
            return None
        return whole(self.cap_yen * 100 / self.rate_percent, ROUND_HALF_UP)

    @property
    def qualifies(self) -> bool:
        """Any one threshold met is enough (programmes without thresholds qualify anyone)."""
        return not self.thresholds or any(result.met for result in self.thresholds)


def check_threshold(
    threshold: IncentiveThreshold,
    *,
    spend_yen: Decimal,
    total_budget_yen: Decimal | None,
    release_countries: int | None,
) -> ThresholdResult:
    """Which conditions of one threshold the project misses; each must be exceeded."""
    shortfalls = []
    if not spend_yen > threshold.japan_spend_over_yen:
        shortfalls.append(Shortfall("japan_spend", threshold.japan_spend_over_yen, spend_yen))
    if threshold.total_budget_over_yen is not None and not (
        total_budget_yen is not None and total_budget_yen > threshold.total_budget_over_yen
    ):
        shortfalls.append(
            Shortfall("total_budget", threshold.total_budget_over_yen, total_budget_yen)
        )
    if threshold.release_countries_over is not None and not (
        release_countries is not None and release_countries > threshold.release_countries_over
    ):
        shortfalls.append(
            Shortfall("release_countries", threshold.release_countries_over, release_countries)
        )
    return ThresholdResult(threshold, tuple(shortfalls))


def estimate_rebate(
    *,
    programme: IncentiveProgramme,
    spend_yen: Decimal,
    total_budget_yen: Decimal | None = None,
    release_countries: int | None = None,
) -> RebateEstimate:
    """The rebate for a qualifying spend in Japan: rate × spend, capped, plus which thresholds
    the project meets. Whole yen, rounded down (a grant pays no fractions).

    Reads `programme.thresholds.all()`: no query when it was prefetched
    (`IncentiveProgramme.objects.current()` does).
    """
    if spend_yen < 0 or (total_budget_yen is not None and total_budget_yen < 0):
        raise ValueError("Amounts cannot be negative.")
    uncapped = whole(spend_yen * programme.rate_percent / 100, ROUND_DOWN)
    cap = programme.cap_yen
    rebate = min(uncapped, cap) if cap is not None else uncapped
    results = tuple(
        check_threshold(
            threshold,
            spend_yen=spend_yen,
            total_budget_yen=total_budget_yen,
            release_countries=release_countries,
        )
        for threshold in programme.thresholds.all()
    )
    return RebateEstimate(
        spend_yen=spend_yen,
        rate_percent=programme.rate_percent,
        cap_yen=cap,
        uncapped_yen=uncapped,
        rebate_yen=rebate,
        thresholds=results,
    )


@dataclass(frozen=True)
class WindowStatus:
    """The application round that matters today."""

    state: Literal["open", "upcoming", "none"]
    window: ApplicationWindow | None  # open now, or the next to open
    latest_past: ApplicationWindow | None  # shown when no round is announced


def window_status(windows: Iterable[ApplicationWindow], today: date) -> WindowStatus:
    """The open round (closing soonest), else the next to open, else none with the latest
    past round. A round is open on its first and last day."""
    windows = list(windows)
    current = sorted(
        (w for w in windows if w.opens_on <= today <= w.closes_on), key=lambda w: w.closes_on
    )
    if current:
        return WindowStatus("open", current[0], None)
    upcoming = sorted((w for w in windows if w.opens_on > today), key=lambda w: w.opens_on)
    if upcoming:
        return WindowStatus("upcoming", upcoming[0], None)
    past = sorted((w for w in windows if w.closes_on < today), key=lambda w: w.closes_on)
    return WindowStatus("none", None, past[-1] if past else None)


def today_in_japan() -> date:
    """Today's date in Japan, whatever the server's clock zone (rounds are dated in JST)."""
    return timezone.localdate(timezone=JAPAN)
