"""Incentive programmes, thresholds, application rounds and film commissions.

Ships the national programme as data (every figure with its source and the day it was read),
and gives the staff groups their permissions: Editors change incentives, Fixers view them;
both maintain film commissions (Editors may also delete them).
"""

import datetime
import importlib
from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models

READ_ON = datetime.date(2026, 11, 24)
VIPO_URL = "https://www.vipo.or.jp/en/"
RESEARCH = (
    "Rokehan research notes on the national location incentive (public sources, read 2026-11-24)"
)

PROGRAMME = {
    "slug": "jlox-location-incentive",
    "name": "Location Incentive Program for International Large-scale Audiovisual Productions (JLOX+)",
    "name_ja": "JLOX+ 海外大型映像作品のロケ誘致補助金（経済産業省）",
    "operator": (
        "VIPO (Visual Industry Promotion Organization), for the Ministry of Economy, Trade and "
        "Industry (METI) under JLOX+; the Japan Film Commission coordinates"
    ),
    "operator_ja": "VIPO（映像産業振興機構）。経済産業省の JLOX+ 事業。ジャパン・フィルムコミッションが連携",
    "website": VIPO_URL,
    "rate_percent": Decimal("50"),
    "rate_source": (
        f"Up to 50% of qualifying spend in Japan: {VIPO_URL}; a FY2024 supplementary-round "
        "listing gives 補助率 50%. Read 2026-11-24."
    ),
    "cap_yen": Decimal("1000000000"),
    "cap_source": (
        "A FY2024 supplementary-round listing gives 上限金額 100000万円 = ¥1,000,000,000 per "
        "project. Sources disagree: one portal says ¥100 million. Check the current round's "
        "guidelines. Read 2026-11-24."
    ),
    "eligibility": (
        "A Japanese production company applies: one co-producing with, or contracted by, the "
        "overseas producer."
    ),
    "eligibility_ja": "海外の製作者と共同製作する、または海外の製作者から受託した日本の制作会社が申請します。",
    "qualifying": (
        "Production spend in Japan: location fees, permit costs, Japanese staff, equipment "
        "rental, lodging and transport. Later rounds also cover VFX and virtual-production work "
        "done in Japan."
    ),
    "qualifying_ja": (
        "日本国内での制作費：ロケ地使用料、許可の費用、日本人スタッフ、機材レンタル、宿泊費、交通費。"
        "後の募集回では日本国内で行う VFX・バーチャルプロダクションも対象です。"
    ),
    "non_qualifying": "Location-scouting costs do not qualify.",
    "non_qualifying_ja": "ロケハン（ロケーション・ハンティング）の費用は対象外です。",
    "source": (
        f"Programme, sponsor (METI), operator (VIPO), JLOX+ and the Japan Film Commission's role: "
        f"{VIPO_URL}. Rate, cap, thresholds, eligibility and rounds: {RESEARCH}."
    ),
    "verified_on": READ_ON,
    "notes": (
        "Several short rounds each fiscal year, each funded by that year's budget; a round may "
        "close early when the money runs out. The figures change every year and sources "
        "disagree (one portal gives the cap as ¥100 million): check VIPO's current guidelines. "
        "The Japanese name above is our description, not the official title."
    ),
    "notes_ja": (
        "募集は年度ごとに複数回、短期間で行われ、その年度の予算が尽きると早期に締め切られることがあります。"
        "金額は毎年変わり、資料によって異なります（上限を1億円とするポータルもあります）。"
        "最新の募集要項を VIPO でご確認ください。上記の日本語名は当サイトによる説明で、正式名称ではありません。"
    ),
    "is_active": True,
}

THRESHOLD_SOURCE = f"2023 scheme: {RESEARCH}."
THRESHOLDS = [
    # description, description_ja, Japan spend over, total budget over, release countries over
    (
        "Production spend in Japan over ¥500 million",
        "日本国内の制作費が5億円超",
        Decimal("500000000"),
        None,
        None,
    ),
    (
        "Total budget over ¥1 billion, with over ¥200 million spent in Japan",
        "総製作費が10億円超、かつ日本国内の制作費が2億円超",
        Decimal("200000000"),
        Decimal("1000000000"),
        None,
    ),
    (
        "Released in more than ten countries, with over ¥200 million spent in Japan",
        "10か国を超える国で公開、かつ日本国内の制作費が2億円超",
        Decimal("200000000"),
        None,
        10,
    ),
]

WINDOW_SOURCE = f"{RESEARCH}. Rounds are funded by each fiscal year's budget and may close early."
WINDOWS = [
    (
        "2024 round (March)",
        "2024年 3月の募集",
        datetime.date(2024, 3, 4),
        datetime.date(2024, 3, 15),
    ),
    (
        "2024 round (May–June)",
        "2024年 5〜6月の募集",
        datetime.date(2024, 5, 20),
        datetime.date(2024, 6, 7),
    ),
    (
        "2024 round (August–September)",
        "2024年 8〜9月の募集",
        datetime.date(2024, 8, 26),
        datetime.date(2024, 9, 13),
    ),
    (
        "FY2024 supplementary programme, 4th round",
        "令和6年度補正予算 第4回募集",
        datetime.date(2025, 9, 29),
        datetime.date(2025, 10, 17),
    ),
]

INCENTIVE_MODELS = ["incentiveprogramme", "incentivethreshold", "applicationwindow"]


def ship_programme(apps, schema_editor):
    Programme = apps.get_model("locations", "IncentiveProgramme")
    Threshold = apps.get_model("locations", "IncentiveThreshold")
    Window = apps.get_model("locations", "ApplicationWindow")
    programme = Programme.objects.create(**PROGRAMME)
    for order, (text, text_ja, spend, budget, countries) in enumerate(THRESHOLDS):
        Threshold.objects.create(
            programme=programme,
            description=text,
            description_ja=text_ja,
            japan_spend_over_yen=spend,
            total_budget_over_yen=budget,
            release_countries_over=countries,
            order=order,
            source=THRESHOLD_SOURCE,
            verified_on=READ_ON,
        )
    for label, label_ja, opens_on, closes_on in WINDOWS:
        Window.objects.create(
            programme=programme,
            label=label,
            label_ja=label_ja,
            opens_on=opens_on,
            closes_on=closes_on,
            source=WINDOW_SOURCE,
            verified_on=READ_ON,
        )


def remove_programme(apps, schema_editor):
    apps.get_model("locations", "IncentiveProgramme").objects.filter(
        slug=PROGRAMME["slug"]
    ).delete()


def grant(apps, schema_editor):
    # The module name starts with a digit, so it cannot be imported with a plain import.
    groups = importlib.import_module("locations.migrations.0003_groups")
    fixers = [f"view_{m}" for m in INCENTIVE_MODELS]
    fixers += [f"{a}_filmcommission" for a in ("add", "change", "view")]
    editors = [f"{a}_{m}" for m in INCENTIVE_MODELS for a in ("add", "change", "delete", "view")]
    editors += [f"{a}_filmcommission" for a in ("add", "change", "delete", "view")]
    groups.grant_permissions(apps, fixers=fixers, editors=editors)


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0003_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="IncentiveProgramme",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=300, verbose_name="name (English)")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=300, verbose_name="name (Japanese)"),
                ),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                (
                    "operator",
                    models.CharField(
                        blank=True,
                        help_text="Who runs it and for whom, e.g. VIPO, for METI (JLOX+).",
                        max_length=300,
                        verbose_name="operator (English)",
                    ),
                ),
                (
                    "operator_ja",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="operator (Japanese)"
                    ),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "rate_percent",
                    models.DecimalField(
                        decimal_places=2,
                        help_text="Share of qualifying spend in Japan paid back, e.g. 50.",
                        max_digits=5,
                        verbose_name="rate (%)",
                    ),
                ),
                (
                    "rate_source",
                    models.TextField(
                        blank=True,
                        help_text="Where the rate was read: URL or text.",
                        verbose_name="source of the rate",
                    ),
                ),
                (
                    "cap_yen",
                    models.DecimalField(
                        blank=True,
                        decimal_places=0,
                        help_text="Most a project can receive, in yen. Empty: no cap.",
                        max_digits=15,
                        null=True,
                        verbose_name="cap per project (yen)",
                    ),
                ),
                (
                    "cap_source",
                    models.TextField(
                        blank=True,
                        help_text="Where the cap was read; say so when sources disagree.",
                        verbose_name="source of the cap",
                    ),
                ),
                (
                    "eligibility",
                    models.TextField(blank=True, verbose_name="who may apply (English)"),
                ),
                (
                    "eligibility_ja",
                    models.TextField(blank=True, verbose_name="who may apply (Japanese)"),
                ),
                (
                    "qualifying",
                    models.TextField(blank=True, verbose_name="what qualifies (English)"),
                ),
                (
                    "qualifying_ja",
                    models.TextField(blank=True, verbose_name="what qualifies (Japanese)"),
                ),
                (
                    "non_qualifying",
                    models.TextField(blank=True, verbose_name="what does not qualify (English)"),
                ),
                (
                    "non_qualifying_ja",
                    models.TextField(blank=True, verbose_name="what does not qualify (Japanese)"),
                ),
                (
                    "source",
                    models.TextField(
                        help_text="Where these facts were read: URLs and what they said.",
                        verbose_name="source",
                    ),
                ),
                (
                    "verified_on",
                    models.DateField(
                        help_text="The day someone last read the sources above.",
                        verbose_name="verified on",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes (English)")),
                ("notes_ja", models.TextField(blank=True, verbose_name="notes (Japanese)")),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Used by the rebate calculator.",
                        verbose_name="active",
                    ),
                ),
            ],
            options={
                "verbose_name": "incentive programme",
                "verbose_name_plural": "incentive programmes",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rate_percent__gt", 0), ("rate_percent__lte", 100)),
                        name="locations_incentiveprogramme_rate_range",
                        violation_error_message="The rate must be above 0 and at most 100%.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("cap_yen__isnull", True), ("cap_yen__gt", 0), _connector="OR"
                        ),
                        name="locations_incentiveprogramme_cap_positive",
                        violation_error_message="The cap must be positive (or empty for no cap).",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="FilmCommission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=200, unique=True, verbose_name="name (English)"),
                ),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="name (Japanese)"),
                ),
                (
                    "slug",
                    models.SlugField(blank=True, max_length=100, unique=True, verbose_name="slug"),
                ),
                (
                    "city",
                    models.CharField(
                        blank=True,
                        help_text="Empty when it covers the whole prefecture, e.g. Kobe.",
                        max_length=100,
                        verbose_name="city (English)",
                    ),
                ),
                (
                    "city_ja",
                    models.CharField(blank=True, max_length=100, verbose_name="city (Japanese)"),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="phone")),
                (
                    "languages",
                    models.CharField(
                        blank=True,
                        help_text="Languages they answer in, e.g. Japanese, English.",
                        max_length=200,
                        verbose_name="languages",
                    ),
                ),
                (
                    "permit_lead_days",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="How many days before filming to apply, typically.",
                        null=True,
                        verbose_name="typical permit lead time (days)",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        help_text="Permits: who grants them, how long it takes, what it costs.",
                        verbose_name="notes (English)",
                    ),
                ),
                ("notes_ja", models.TextField(blank=True, verbose_name="notes (Japanese)")),
                (
                    "source",
                    models.TextField(
                        blank=True, help_text="Where these facts were read.", verbose_name="source"
                    ),
                ),
                (
                    "verified_on",
                    models.DateField(
                        blank=True,
                        help_text="The day someone last checked these facts with the source.",
                        null=True,
                        verbose_name="verified on",
                    ),
                ),
                (
                    "city_key",
                    models.CharField(db_index=True, default="", editable=False, max_length=100),
                ),
                (
                    "city_ja_key",
                    models.CharField(db_index=True, default="", editable=False, max_length=100),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a national body such as the Japan Film Commission.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="film_commissions",
                        to="locations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
            ],
            options={
                "verbose_name": "film commission",
                "verbose_name_plural": "film commissions",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("prefecture__isnull", False),
                            models.Q(("city", ""), ("city_ja", "")),
                            _connector="OR",
                        ),
                        name="locations_filmcommission_city_needs_prefecture",
                        violation_error_message="A city office needs its prefecture.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ApplicationWindow",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="label (English)")),
                (
                    "label_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="label (Japanese)"),
                ),
                ("opens_on", models.DateField(verbose_name="opens on")),
                ("closes_on", models.DateField(verbose_name="closes on")),
                ("source", models.TextField(blank=True, verbose_name="source")),
                (
                    "verified_on",
                    models.DateField(blank=True, null=True, verbose_name="verified on"),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="windows",
                        to="locations.incentiveprogramme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "application window",
                "verbose_name_plural": "application windows",
                "ordering": ["programme", "opens_on"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("closes_on__gte", models.F("opens_on"))),
                        name="locations_applicationwindow_closes_after_opens",
                        violation_error_message="A window cannot close before it opens.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="IncentiveThreshold",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "description",
                    models.CharField(max_length=300, verbose_name="description (English)"),
                ),
                (
                    "description_ja",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="description (Japanese)"
                    ),
                ),
                (
                    "japan_spend_over_yen",
                    models.DecimalField(
                        decimal_places=0,
                        help_text="The qualifying spend in Japan must exceed this.",
                        max_digits=15,
                        verbose_name="spend in Japan over (yen)",
                    ),
                ),
                (
                    "total_budget_over_yen",
                    models.DecimalField(
                        blank=True,
                        decimal_places=0,
                        help_text="Empty if this threshold does not look at the total budget.",
                        max_digits=15,
                        null=True,
                        verbose_name="total budget over (yen)",
                    ),
                ),
                (
                    "release_countries_over",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Empty if this threshold does not look at the release.",
                        null=True,
                        verbose_name="released in more than (countries)",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("source", models.TextField(blank=True, verbose_name="source")),
                (
                    "verified_on",
                    models.DateField(blank=True, null=True, verbose_name="verified on"),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="thresholds",
                        to="locations.incentiveprogramme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "incentive threshold",
                "verbose_name_plural": "incentive thresholds",
                "ordering": ["programme", "order", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("japan_spend_over_yen__gte", 0),
                            models.Q(
                                ("total_budget_over_yen__isnull", True),
                                ("total_budget_over_yen__gte", 0),
                                _connector="OR",
                            ),
                        ),
                        name="locations_incentivethreshold_amounts_not_negative",
                    )
                ],
            },
        ),
        migrations.RunPython(ship_programme, remove_programme),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
