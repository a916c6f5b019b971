"""The national location incentive as data, the rebate estimate, and the /incentives/ page."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from locations.incentive_forms import RebateForm
from locations.incentives import (
    CURRENCIES,
    YEN,
    Money,
    estimate_rebate,
    today_in_japan,
    window_status,
)
from locations.models import ApplicationWindow, IncentiveProgramme
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("restore_language")]

URL = "/incentives/"
BILLION = Decimal("1000000000")
MILLION = Decimal("1000000")


@pytest.fixture
def programme():
    return IncentiveProgramme.objects.current()


def rebate_for(programme, spend, **kwargs):
    return estimate_rebate(programme=programme, spend_yen=Decimal(spend), **kwargs)


# The programme as shipped by the data migration.


def test_migration_ships_the_national_programme_with_its_sources(programme):
    assert programme.slug == "jlox-location-incentive"
    assert (programme.rate_percent, programme.cap_yen) == (Decimal("50"), BILLION)
    assert programme.verified_on == datetime.date(2026, 11, 24)
    assert "vipo.or.jp" in programme.source
    assert "¥100 million" in programme.cap_source  # sources disagree, and we say so
    assert "scouting" in programme.non_qualifying
    assert [t.japan_spend_over_yen for t in programme.thresholds.all()] == [
        500 * MILLION,
        200 * MILLION,
        200 * MILLION,
    ]
    windows = [(w.opens_on, w.closes_on) for w in programme.windows.all()]
    assert windows[0] == (datetime.date(2024, 3, 4), datetime.date(2024, 3, 15))
    assert windows[-1] == (datetime.date(2025, 9, 29), datetime.date(2025, 10, 17))
    assert all(w.verified_on == datetime.date(2026, 11, 24) for w in programme.windows.all())


def test_a_window_cannot_close_before_it_opens(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationWindow.objects.create(
            programme=programme,
            label="Backwards",
            opens_on=datetime.date(2026, 5, 2),
            closes_on=datetime.date(2026, 5, 1),
        )


def test_a_rate_above_100_percent_is_refused(programme):
    programme.rate_percent = Decimal("150")
    with pytest.raises(IntegrityError), transaction.atomic():
        programme.save()


# The estimate.


def test_the_rebate_is_the_rate_times_the_spend(programme):
    estimate = rebate_for(programme, 800 * MILLION)
    assert estimate.rebate_yen == 400 * MILLION
    assert not estimate.cap_applies


def test_the_rebate_is_whole_yen_rounded_down(programme):
    assert rebate_for(programme, 3).rebate_yen == Decimal("1")


def test_the_cap_bites_above_two_billion_of_spend(programme):
    at_cap = rebate_for(programme, 2 * BILLION)
    above = rebate_for(programme, Decimal("2500000000"))
    assert (at_cap.rebate_yen, at_cap.cap_applies) == (BILLION, False)
    assert (above.rebate_yen, above.uncapped_yen, above.cap_applies) == (
        BILLION,
        Decimal("1250000000"),
        True,
    )
    assert above.cap_spend_yen == 2 * BILLION


def test_a_programme_without_a_cap_pays_the_rate_on_everything(programme):
    programme.cap_yen = None
    estimate = rebate_for(programme, 10 * BILLION)
    assert (estimate.rebate_yen, estimate.cap_applies, estimate.cap_spend_yen) == (
        5 * BILLION,
        False,
        None,
    )


@pytest.mark.parametrize(
    ("spend", "budget", "countries", "met"),
    [
        (600 * MILLION, None, None, [True, False, False]),
        (500 * MILLION, None, None, [False, False, False]),  # "over", not "at least"
        (300 * MILLION, Decimal("1500000000"), None, [False, True, False]),
        (300 * MILLION, BILLION, None, [False, False, False]),
        (300 * MILLION, None, 11, [False, False, True]),
        (300 * MILLION, None, 10, [False, False, False]),  # more than ten countries
        (150 * MILLION, Decimal("5000000000"), 40, [False, False, False]),
        (600 * MILLION, Decimal("2000000000"), 30, [True, True, True]),
    ],
)
def test_thresholds_met_and_missed(programme, spend, budget, countries, met):
    estimate = rebate_for(programme, spend, total_budget_yen=budget, release_countries=countries)
    assert [result.met for result in estimate.thresholds] == met
    assert estimate.qualifies == any(met)


def test_a_missed_threshold_says_what_is_missing(programme):
    estimate = rebate_for(programme, 300 * MILLION)
    budget_route = estimate.thresholds[1]
    assert [(s.kind, s.required_over, s.actual) for s in budget_route.shortfalls] == [
        ("total_budget", BILLION, None)
    ]
    spend_route = estimate.thresholds[0]
    assert [(s.kind, s.actual) for s in spend_route.shortfalls] == [("japan_spend", 300 * MILLION)]


def test_negative_amounts_are_refused_by_the_function(programme):
    with pytest.raises(ValueError):
        rebate_for(programme, -1)


# Application rounds.


def window(opens, closes, label="Round"):
    return ApplicationWindow(label=label, opens_on=opens, closes_on=closes)


ROUNDS = [
    window(datetime.date(2026, 3, 2), datetime.date(2026, 3, 13), "March"),
    window(datetime.date(2026, 5, 18), datetime.date(2026, 6, 5), "May"),
]


@pytest.mark.parametrize(
    ("today", "state", "label"),
    [
        (datetime.date(2026, 3, 2), "open", "March"),  # first day
        (datetime.date(2026, 3, 13), "open", "March"),  # last day
        (datetime.date(2026, 1, 10), "upcoming", "March"),
        (datetime.date(2026, 3, 14), "upcoming", "May"),
    ],
)
def test_the_window_that_matters_today(today, state, label):
    status = window_status(ROUNDS, today)
    assert (status.state, status.window.label) == (state, label)


def test_no_window_announced_shows_the_latest_past_one():
    status = window_status(ROUNDS, datetime.date(2026, 6, 6))
    assert (status.state, status.window, status.latest_past.label) == ("none", None, "May")


def test_no_windows_at_all():
    status = window_status([], datetime.date(2026, 6, 6))
    assert (status.state, status.window, status.latest_past) == ("none", None, None)


# Money.


def test_amounts_show_in_yen_and_the_chosen_currency():
    dollars = Money(CURRENCIES["USD"], Decimal("150"))
    assert dollars.both(500 * MILLION) == "¥500,000,000 (US$3,333,333)"
    assert dollars.to_yen(Decimal("3333333.50")) == Decimal("500000025")
    assert YEN.both(500 * MILLION) == "¥500,000,000"
    assert Money(CURRENCIES["EUR"], Decimal("160")).both(Decimal("80")) == "¥80 (€1)"


# The form.


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"spend": "-1"}, "spend"),
        ({"spend": "lots"}, "spend"),
        ({"spend": "NaN"}, "spend"),
        ({"spend": "inf"}, "spend"),
        ({"spend": "-Infinity"}, "spend"),
        ({"spend": "1e400"}, "spend"),
        ({"spend": "20000000000000"}, "spend"),  # ¥20 trillion
        ({"spend": ""}, "spend"),
        ({"spend": "1000", "currency": "USD"}, "rate"),  # a foreign currency needs its rate
        ({"spend": "1000", "currency": "USD", "rate": "0"}, "rate"),
        ({"spend": "1000", "currency": "USD", "rate": "-150"}, "rate"),
        ({"spend": "1000", "currency": "USD", "rate": "nan"}, "rate"),
        ({"spend": "1000", "currency": "USD", "rate": "1e9"}, "rate"),
        ({"spend": "100000000000", "currency": "USD", "rate": "150"}, "spend"),  # ¥15 trillion
        ({"spend": "1000", "currency": "XYZ"}, "currency"),
        ({"spend": "1000", "release_countries": "-1"}, "release_countries"),
        ({"spend": "1000", "release_countries": "2.5"}, "release_countries"),
        ({"spend": "1000", "release_countries": "9999"}, "release_countries"),
        ({"spend": "1000", "total_budget": "-5"}, "total_budget"),
        ({"spend": "1000", "total_budget": "999"}, "total_budget"),  # less than the spend
    ],
)
def test_bad_input_is_a_form_error(data, field):
    form = RebateForm(data)
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(
    ("typed", "yen"),
    [
        ("500,000,000", Decimal("500000000")),
        ("¥500 000 000", Decimal("500000000")),
        ("５００００００００", Decimal("500000000")),
        ("1e6", Decimal("1000000")),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, yen):
    form = RebateForm({"spend": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["spend_yen"] == yen


def test_a_rate_is_ignored_for_yen():
    form = RebateForm({"spend": "1000", "currency": "JPY", "rate": "150"})
    assert form.is_valid()
    assert form.cleaned_data["spend_yen"] == Decimal("1000")


# The page.


def test_the_page_shows_the_programme_with_sources_and_date(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Location Incentive Program for International Large-scale" in html
    assert "¥1,000,000,000 per project" in html
    assert "https://www.vipo.or.jp/en/" in html
    assert "Nov. 24, 2026" in html
    assert "Rounds are funded by each fiscal year" in html  # the rounds' source, once
    assert 'data-testid="rebate"' not in html


def test_the_page_estimates_in_yen(client):
    html = client.get(URL, {"spend": "800000000"}).content.decode()
    assert '<p class="rebate-amount" data-testid="rebate">¥400,000,000</p>' in html
    assert "The project meets at least one threshold." in html


def test_the_page_says_when_the_cap_bites(client):
    html = client.get(URL, {"spend": "3,000,000,000"}).content.decode()
    assert 'data-testid="rebate">¥1,000,000,000</p>' in html
    assert "The cap bites" in html
    assert "Spend above ¥2,000,000,000 earns nothing more." in html


def test_the_page_converts_from_the_chosen_currency(client):
    response = client.get(
        URL,
        {"spend": "4000000", "currency": "USD", "rate": "150", "release_countries": "12"},
    )
    html = response.content.decode()
    # $4m × 150 = ¥600m spent in Japan; 50% = ¥300m = $2m.
    assert 'data-testid="rebate">¥300,000,000 (US$2,000,000)</p>' in html
    assert "¥600,000,000 (US$4,000,000)" in html
    assert "Needs a total budget over ¥1,000,000,000 (US$6,666,667): enter the total budget." in (
        html
    )


@pytest.mark.parametrize(
    "query",
    [
        {"spend": "-1"},
        {"spend": "NaN"},
        {"spend": "Infinity"},
        {"spend": "abc"},
        {"spend": "99999999999999999999999"},
        {"spend": "1000", "currency": "USD"},
        {"spend": "1000", "currency": "GBP", "rate": "0"},
        {"spend": "1000", "release_countries": "many"},
        {"currency": "EUR"},
    ],
)
def test_bad_input_on_the_page_is_a_form_error_not_a_500(client, query):
    response = client.get(URL, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the errors below." in html
    assert 'class="errorlist' in html
    assert 'data-testid="rebate"' not in html


def test_an_open_round_is_shown(client, programme):
    today = today_in_japan()
    ApplicationWindow.objects.create(
        programme=programme,
        label="Current round",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=3),
    )
    html = client.get(URL).content.decode()
    assert "Open now: Current round" in html


def test_the_next_round_is_shown(client, programme):
    opens = today_in_japan() + datetime.timedelta(days=30)
    ApplicationWindow.objects.create(
        programme=programme,
        label="Next spring",
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=14),
    )
    html = client.get(URL).content.decode()
    assert "Next round: Next spring" in html


def test_without_a_future_round_the_latest_one_is_shown(client, programme):
    programme.windows.filter(opens_on__gt=today_in_japan()).delete()
    html = client.get(URL).content.decode()
    assert "No application round has been announced." in html
    assert "The latest was FY2024 supplementary programme, 4th round" in html


def test_the_page_needs_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # programme, thresholds, windows
        assert client.get(URL, {"spend": "600000000"}).status_code == 200


def test_the_page_refuses_post(client):
    assert client.post(URL, {"spend": "1"}).status_code == 405


def test_without_an_active_programme_the_page_says_so(client):
    IncentiveProgramme.objects.update(is_active=False)
    response = client.get(URL, {"spend": "1000"})
    assert response.status_code == 200
    assert "No incentive programme has been entered yet." in response.content.decode()


@pytest.mark.usefixtures("japanese_catalogue")
def test_the_page_is_japanese_for_japanese_browsers(client):
    response = client.get(URL, {"spend": "3000000000"}, headers={"accept-language": "ja"})
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "補助金シミュレーター" in html
    assert "上限に達しています" in html
    assert "JLOX+ 海外大型映像作品のロケ誘致補助金" in html  # the programme's Japanese name
    assert "2026年11月24日" in html
    assert "Rebate calculator" not in html


@pytest.mark.usefixtures("japanese_catalogue")
def test_the_language_cookie_chooses_japanese(client):
    client.cookies["django_language"] = "ja"
    html = client.get(URL, {"spend": "-1"}).content.decode()
    assert "下のエラーを修正してください。" in html


def test_english_stays_english(client):
    html = client.get(URL, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in html
    assert "Rebate calculator" in html


# The admin.


def test_editors_change_the_programme(editor_client, programme):
    url = reverse("admin:locations_incentiveprogramme_change", args=[programme.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' in response.content.decode()


def test_fixers_can_view_but_not_change_the_programme(fixer_client, programme):
    url = reverse("admin:locations_incentiveprogramme_change", args=[programme.pk])
    response = fixer_client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert fixer_client.post(url, {"name": "Changed"}).status_code == 403
    programme.refresh_from_db()
    assert programme.name != "Changed"


def test_fixers_cannot_add_application_windows(fixer_client):
    assert fixer_client.get(reverse("admin:locations_applicationwindow_add")).status_code == 403


# Any query string: a page with or without errors, never a 500.

_text = st.text(max_size=30)
_numberish = st.one_of(
    _text,
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    spend=_numberish,
    total_budget=_numberish,
    release_countries=_numberish,
    currency=st.one_of(st.sampled_from([*CURRENCIES, ""]), _text),
    rate=_numberish,
)
def test_any_query_string_gives_a_page_never_a_500(
    client, spend, total_budget, release_countries, currency, rate
):
    query = {
        "spend": spend,
        "total_budget": total_budget,
        "release_countries": release_countries,
        "currency": currency,
        "rate": rate,
    }
    # NUL cannot travel in a real query string (the client would send it; servers refuse it).
    query = {key: value.replace("\x00", "") for key, value in query.items()}
    assert client.get(URL, query).status_code == 200
