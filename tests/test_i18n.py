"""English and Japanese: a complete, current Japanese catalogue; both languages on every public
page, the admin's own screens and the error pages; the switcher; content in the page's language."""

import ast
import gettext
import io
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from django.utils import translation

from locations.models import Category, ReferenceStage
from tests import factories
from tests.translations import japanese_catalogue, restore_language  # noqa: F401 (fixtures)

PO = settings.BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"
JA = {"HTTP_ACCEPT_LANGUAGE": "ja"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
# The main navigation: on every page built from base.html.
NAV_JA = ["ロケ地", "スタジオ", "フィルムコミッション", "補助金シミュレーター", "視察ツアー"]
NAV_EN = ["Locations", "Studios", "Film commissions", "Rebate calculator", "Tours"]

pytestmark = pytest.mark.usefixtures("japanese_catalogue", "restore_language")


# The catalogue ---------------------------------------------------------------------------


KEYWORD_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$')


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list), flags.
    Enough of the format for what makemessages writes; obsolete (#~) entries are kept apart."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry.get("msgid") is not None:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(
            r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (\".*\")$", line
        ):
            keyword, index, text = match.groups()
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = ast.literal_eval(text)
            else:
                field = (keyword, None)
                entry[keyword] = ast.literal_eval(text)
        elif line.startswith('"'):
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += ast.literal_eval(line)
            else:
                entry[field[0]] += ast.literal_eval(line)
    finish()
    # The first entry (msgid "") is the header.
    return [e for e in entries if e["msgid"] and not e.get("obsolete")]


def entry_key(entry: dict) -> tuple:
    return entry["msgctxt"], entry["msgid"], entry["msgid_plural"]


def test_the_japanese_catalogue_has_plural_forms_for_one_form():
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in PO.read_text(encoding="utf-8")


def test_every_ui_string_in_the_japanese_catalogue_is_translated_and_none_is_fuzzy():
    entries = read_po(PO)
    assert len(entries) > 800  # the whole site, not a stub
    untranslated = [e["msgid"] for e in entries if any(not s for s in e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_holds_every_translation():
    mo = PO.with_suffix(".mo")  # compiled by the japanese_catalogue fixture when out of date
    with mo.open("rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog
    missing = []
    for entry in read_po(PO):
        msgid = entry["msgid"]
        if entry["msgctxt"] is not None:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        key = (msgid, 0) if entry["msgid_plural"] is not None else msgid
        if not compiled.get(key):
            missing.append(msgid)
    assert missing == []


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\([a-z_]+\)[0-9]*[sd]|%[sd]|\{\{ ?\w+ ?\}\}")
    for entry in read_po(PO):
        source = entry["msgid_plural"] or entry["msgid"]
        for text in entry["msgstr"].values():
            # Japanese has one plural form: it may name the count the English singular hides.
            expected = set(placeholder.findall(source)) | set(placeholder.findall(entry["msgid"]))
            assert set(placeholder.findall(text)) <= expected, entry["msgid"]
            if entry["msgid_plural"] is None:
                assert set(placeholder.findall(text)) == expected, entry["msgid"]


SOURCE_SUFFIXES = {".py", ".html", ".txt"}  # what makemessages reads for the django domain
NOT_SOURCES = {".git", ".venv", "locale", "node_modules", "staticfiles", "test-output", "media"}


def test_the_committed_catalogue_is_up_to_date(tmp_path, settings, monkeypatch):
    # makemessages on a copy of the sources, into a scratch catalogue: the committed .po
    # must already hold every string the code and templates mark for translation.
    sources = tmp_path / "project"
    for path in settings.BASE_DIR.rglob("*"):
        relative = path.relative_to(settings.BASE_DIR)
        if NOT_SOURCES & set(relative.parts) or "__pycache__" in relative.parts:
            continue
        if path.is_file() and path.suffix in SOURCE_SUFFIXES:
            target = sources / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    settings.LOCALE_PATHS = [str(sources / "locale")]
    monkeypatch.chdir(sources)
    call_command("makemessages", locale=["ja"], no_location=True, verbosity=0, stdout=io.StringIO())

    extracted = {entry_key(e) for e in read_po(sources / "locale/ja/LC_MESSAGES/django.po")}
    committed = {entry_key(e) for e in read_po(PO)}
    assert len(extracted) > 800
    assert sorted(extracted - committed, key=str) == []


# Both languages on every public page ------------------------------------------------------


@pytest.fixture
def site(db):
    """One of each public thing, with names in both languages."""
    location = factories.LocationFactory(
        name="Kinkaku-ji",
        name_ja="金閣寺",
        prefecture=factories.prefecture("kyoto"),
        category=factories.category("temple"),
        description="A golden pavilion over a pond.",
        description_ja="鏡湖池に映る金閣。",
        latitude="35.039370",
        longitude="135.729243",
    )
    studio = factories.StudioFactory(name="Sample Harbour Studios", name_ja="サンプル港スタジオ")
    stage = factories.SoundstageFactory(studio=studio, name="Stage A")
    tour = factories.ItineraryFactory(title="Kansai recce")
    factories.ItineraryStopFactory(itinerary=tour, location=location)
    return {"location": location, "studio": studio, "stage": stage, "tour": tour}


def public_pages(site) -> list[tuple[str, str, str]]:
    """(url, a Japanese string, the English one it replaces) for each public page."""
    return [
        ("/", "日本で撮影する場所を探す", "Find where to shoot in Japan"),
        ("/locations/", "絞り込み", "Filters"),
        (site["location"].get_absolute_url(), "この場所について", "About this place"),
        ("/studios/", "スタジオと撮影ステージ", "Studios and soundstages"),
        (site["studio"].get_absolute_url(), "選んだステージを比較", "Compare ticked stages"),
        (
            reverse("studios:compare") + f"?stage={site['stage'].pk}",
            "同じ縮尺の平面図",
            "Floor plans to scale",
        ),
        ("/itineraries/", "日ごとのロケハンツアー", "Day-by-day scouting tours"),
        (site["tour"].get_absolute_url(), "カレンダーに追加", "Add to calendar"),
        ("/film-commissions/", "フィルムコミッションはロケ地探し", "Film commissions help"),
        ("/incentives/", "補助額を試算", "Estimate the rebate"),
        (
            "/no-such-page/",
            "名前が変更されたか非公開になった",  # English 404s carry one Japanese line of their own
            "The place may have been renamed",
        ),
    ]


def test_every_public_page_is_japanese_for_a_japanese_browser(client, site):
    for url, japanese, english in public_pages(site):
        response = client.get(url, **JA)
        html = response.content.decode()
        assert response.status_code == (404 if "no-such" in url else 200), url
        assert '<html lang="ja">' in html, url
        assert japanese in html, url
        assert english not in html, url
        for label in NAV_JA:
            assert f">{label}</a>" in html, (url, label)
        for label in NAV_EN:
            assert f">{label}</a>" not in html, (url, label)


def test_every_public_page_is_english_for_an_english_browser(client, site):
    for url, japanese, english in public_pages(site):
        html = client.get(url, **EN).content.decode()
        assert '<html lang="en">' in html, url
        assert english in html, url
        assert japanese not in html, url
        for label in NAV_EN:
            assert f">{label}</a>" in html, (url, label)


def test_a_browser_without_a_language_gets_english(client, site):
    assert '<html lang="en">' in client.get("/").content.decode()


def test_a_japanese_page_writes_dates_the_japanese_way(client, site):
    html = client.get(site["tour"].get_absolute_url(), **JA).content.decode()
    assert "4月5日 月曜日" in html  # 2027-04-05, the tour's first day
    english = client.get(site["tour"].get_absolute_url(), **EN).content.decode()
    assert "Monday 5 April" in english


def test_the_500_page_is_japanese_without_a_database():
    handler = get_resolver().resolve_error_handler(500)
    with translation.override("ja"):
        response = handler(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ja">' in body
    assert "<h1>サーバーでエラーが発生しました</h1>" in body
    assert "Something went wrong" not in body


def test_the_lockout_page_is_japanese(client, fixer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            f"/{settings.ADMIN_URL}login/", {"username": "fixer", "password": "wrong"}, **JA
        )
    html = response.content.decode()
    assert response.status_code == 429
    assert "ログインの試行回数が多すぎます" in html
    assert "15 分間停止しています" in html


# The switcher ------------------------------------------------------------------------------


def test_the_switcher_form_posts_to_set_language_and_comes_back_to_this_page(client, site):
    html = client.get("/studios/?units=ft", **EN).content.decode()
    form = re.search(r'<form class="language-switcher" action="([^"]+)" method="post">', html)
    assert form and form.group(1) == reverse("set_language")
    assert '<input type="hidden" name="next" value="/studios/?units=ft">' in html
    assert '<select id="language-select" name="language" data-autosubmit>' in html
    assert '<option value="ja" lang="ja">日本語</option>' in html
    assert '<button type="submit" class="js-hidden">Change</button>' in html  # without JS


def test_switching_to_japanese_keeps_the_page_and_the_choice(client, site):
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/locations/"})
    assert response.status_code == 302
    assert response["Location"] == "/locations/"

    # No Accept-Language: the cookie the switcher set decides from now on.
    for url in ("/locations/", "/studios/", site["location"].get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<html lang="ja">' in html, url
        assert '<option value="ja" selected lang="ja">日本語</option>' in html, url

    client.post(reverse("set_language"), {"language": "en", "next": "/studios/"})
    assert '<html lang="en">' in client.get("/studios/").content.decode()


def test_the_switcher_refuses_to_send_visitors_to_another_site(client):
    response = client.post(
        reverse("set_language"), {"language": "ja", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


# Content in the page's language -------------------------------------------------------------


def test_a_japanese_page_leads_with_the_japanese_name(client, site):
    html = client.get(site["location"].get_absolute_url(), **JA).content.decode()
    assert '<h1 lang="ja">金閣寺</h1>' in html
    assert '<p class="detail-subtitle" lang="en">Kinkaku-ji' in html


def test_without_a_japanese_name_the_japanese_page_shows_the_english_one(client, db):
    place = factories.LocationFactory(name="Omoide Yokocho", name_ja="", description_ja="")
    html = client.get(place.get_absolute_url(), **JA).content.decode()
    assert '<h1 lang="en">Omoide Yokocho</h1>' in html
    cards = client.get("/locations/", **JA).content.decode()
    assert 'lang="en">Omoide Yokocho</a>' in cards


def test_the_description_is_in_the_page_language_falling_back(client, site, db):
    location = site["location"]
    japanese = client.get(location.get_absolute_url(), **JA).content.decode()
    assert "鏡湖池に映る金閣。" in japanese
    assert "A golden pavilion over a pond." not in japanese
    english = client.get(location.get_absolute_url(), **EN).content.decode()
    assert "A golden pavilion over a pond." in english
    assert "鏡湖池に映る金閣。" not in english

    only_english = factories.LocationFactory(description="Only in English.", description_ja="")
    html = client.get(only_english.get_absolute_url(), **JA).content.decode()
    assert '<div class="prose" lang="en"><p>Only in English.</p></div>' in html


def test_categories_regions_and_prefectures_are_in_the_page_language(client, site):
    japanese = client.get("/locations/", **JA).content.decode()
    assert '<span class="card-category">寺院</span>' in japanese
    assert "京都府" in japanese
    assert '<span class="card-category">Temple</span>' not in japanese
    # The filter form's choices too.
    assert re.search(r'value="kansai"[^>]*>\s*関西</label>', japanese)
    assert re.search(r'value="temple"[^>]*>\s*寺院</label>', japanese)
    english = client.get("/locations/", **EN).content.decode()
    assert '<span class="card-category">Temple</span>' in english
    assert re.search(r'value="kansai"[^>]*>\s*Kansai</label>', english)


def test_the_filter_labels_follow_each_request_language(client, site):
    # The filter forms' classes are built once per FilterSet (locations.filters.base): their
    # labels must still be translated per request, whichever language built them.
    for path, english, japanese in (
        ("/locations/", "Keywords", "キーワード"),
        ("/studios/", "Water tank", "水槽（プール）"),
    ):
        assert f">{english}</label>" in client.get(path, **EN).content.decode()
        html = client.get(path, **JA).content.decode()
        assert f">{japanese}</label>" in html
        assert f">{english}</label>" not in html
        assert f">{english}</label>" in client.get(path, **EN).content.decode()


def test_a_cards_distance_is_in_the_page_language(client, site):
    near = {"near": "35.0116,135.7681", "radius_km": "10"}
    assert "4.7 km away" in client.get("/locations/", near, **EN).content.decode()
    japanese = client.get("/locations/", near, **JA).content.decode()
    assert '<p class="card-distance">地点から 4.7 km</p>' in japanese
    assert "km away" not in japanese


def test_a_category_without_a_japanese_name_falls_back_to_english(client, db):
    odd = Category.objects.create(name="Drive-in", slug="drive-in")
    factories.LocationFactory(category=odd)
    html = client.get("/locations/", **JA).content.decode()
    assert '<span class="card-category">Drive-in</span>' in html


def test_studio_cards_and_pages_lead_with_the_japanese_name(client, site):
    studio = site["studio"]
    cards = client.get("/studios/", **JA).content.decode()
    assert '<a href="/studios/sample-harbour-studios/">サンプル港スタジオ</a>' in cards
    page = client.get(studio.get_absolute_url(), **JA).content.decode()
    assert '<span lang="ja">サンプル港スタジオ</span>' in page
    assert '<span class="name-secondary" lang="en">Sample Harbour Studios</span>' in page
    compare = client.get(
        reverse("studios:compare") + f"?stage={site['stage'].pk}", **JA
    ).content.decode()
    assert "サンプル港スタジオ — Stage A" in compare
    assert ReferenceStage.objects.exists()  # drawn next to them, named as in their sources


def test_tour_stops_lead_with_the_japanese_name(client, site):
    html = client.get(site["tour"].get_absolute_url(), **JA).content.decode()
    assert 'lang="ja">金閣寺</a>' in html
    assert '<span class="stop-name-ja" lang="en">Kinkaku-ji</span>' in html
    assert "寺院 · " in html  # the category in Japanese


def test_the_home_page_names_regions_in_the_page_language(client, site):
    html = client.get("/", **JA).content.decode()
    assert '<span class="region-name" lang="ja">関西</span>' in html
    assert '<span class="region-name-ja" lang="en">Kansai</span>' in html


def test_the_geojson_keeps_both_names_and_gives_places_in_the_page_language(client, site):
    feature = client.get(reverse("locations:geojson"), **JA).json()["features"][0]
    properties = feature["properties"]
    assert (properties["name"], properties["name_ja"]) == ("Kinkaku-ji", "金閣寺")
    assert (properties["category"], properties["prefecture"]) == ("寺院", "京都府")
    english = client.get(reverse("locations:geojson"), **EN).json()["features"][0]
    assert (english["properties"]["category"], english["properties"]["prefecture"]) == (
        "Temple",
        "Kyoto",
    )


# The admin's own screens --------------------------------------------------------------------


def test_the_admin_customisations_are_japanese_for_a_japanese_fixer(fixer_client, site):
    location = site["location"]
    change = fixer_client.get(
        reverse("admin:locations_location_change", args=[location.pk]), **JA
    ).content.decode()
    assert '<html lang="ja"' in change
    for text in (
        "撮影環境",
        "連絡先（非公開）",
        "許可の申請先",
        "ヘボン式で、海外の利用者が入力する形で",
    ):
        assert text in change, text
    changelist = fixer_client.get(
        reverse("admin:locations_location_changelist"), **JA
    ).content.decode()
    assert "CSV インポート" in changelist
    assert "選択した項目をレビューに回す" in changelist  # our action
    assert ">寺院</a>" in changelist  # the category filter, in Japanese


def test_import_problems_are_reported_in_japanese(fixer_client, db):
    header = "name,name_ja,category,prefecture,municipality,address,latitude,longitude,"
    header += "description,tags,status"
    file = io.BytesIO(f"{header}\nTokyo Tower,,building,Tokio,,,,,,,\n".encode())
    file.name = "locations.csv"
    response = fixer_client.post(reverse("admin:locations_location_import"), {"file": file}, **JA)
    html = response.content.decode()
    assert "ファイルに 1 件の問題があります" in html
    assert "2 行目：都道府県「Tokio」が見つかりません" in html


def test_an_import_preview_names_records_and_actions_in_japanese(fixer_client, db):
    header = "name,name_ja,category,prefecture,municipality,address,latitude,longitude,"
    header += "description,tags,status"
    file = io.BytesIO(f"{header}\nTokyo Tower,東京タワー,building,Tokyo,,,,,,,\n".encode())
    file.name = "locations.csv"
    html = fixer_client.post(
        reverse("admin:locations_location_import"), {"file": file}, **JA
    ).content.decode()
    assert "ロケ地：新規 1 件、更新 0 件、変更なし 0 件" in html
    assert re.search(r"<td>ロケ地</td>\s*<td>Tokyo Tower \(東京タワー\)</td>\s*<td>新規</td>", html)
