"""Ship the fixed reference data: Japan's 8 regions and 47 prefectures, the categories,
and the reference stages abroad (sourced figures, editable later in the admin)."""

import datetime
from decimal import Decimal

from django.db import migrations

REGIONS = [
    # slug, name, name_ja
    ("hokkaido", "Hokkaido", "北海道"),
    ("tohoku", "Tohoku", "東北"),
    ("kanto", "Kanto", "関東"),
    ("chubu", "Chubu", "中部"),
    ("kansai", "Kansai", "関西"),
    ("chugoku", "Chugoku", "中国"),
    ("shikoku", "Shikoku", "四国"),
    ("kyushu-okinawa", "Kyushu-Okinawa", "九州・沖縄"),
]

# JIS X 0401 code, English, Japanese, slug, region, and the prefectural office's coordinates.
PREFECTURES = [
    (1, "Hokkaido", "北海道", "hokkaido", "hokkaido", "43.064310", "141.346879"),
    (2, "Aomori", "青森県", "aomori", "tohoku", "40.824589", "140.740548"),
    (3, "Iwate", "岩手県", "iwate", "tohoku", "39.703526", "141.152696"),
    (4, "Miyagi", "宮城県", "miyagi", "tohoku", "38.268579", "140.872072"),
    (5, "Akita", "秋田県", "akita", "tohoku", "39.718626", "140.102381"),
    (6, "Yamagata", "山形県", "yamagata", "tohoku", "38.240434", "140.363690"),
    (7, "Fukushima", "福島県", "fukushima", "tohoku", "37.750029", "140.467771"),
    (8, "Ibaraki", "茨城県", "ibaraki", "kanto", "36.341737", "140.446824"),
    (9, "Tochigi", "栃木県", "tochigi", "kanto", "36.565912", "139.883592"),
    (10, "Gunma", "群馬県", "gunma", "kanto", "36.390688", "139.060453"),
    (11, "Saitama", "埼玉県", "saitama", "kanto", "35.857033", "139.649012"),
    (12, "Chiba", "千葉県", "chiba", "kanto", "35.604560", "140.123154"),
    (13, "Tokyo", "東京都", "tokyo", "kanto", "35.689501", "139.691722"),
    (14, "Kanagawa", "神奈川県", "kanagawa", "kanto", "35.447734", "139.642537"),
    (15, "Niigata", "新潟県", "niigata", "chubu", "37.902451", "139.023245"),
    (16, "Toyama", "富山県", "toyama", "chubu", "36.695265", "137.211305"),
    (17, "Ishikawa", "石川県", "ishikawa", "chubu", "36.594606", "136.625669"),
    (18, "Fukui", "福井県", "fukui", "chubu", "36.065209", "136.221645"),
    (19, "Yamanashi", "山梨県", "yamanashi", "chubu", "35.664108", "138.568455"),
    (20, "Nagano", "長野県", "nagano", "chubu", "36.651306", "138.180904"),
    (21, "Gifu", "岐阜県", "gifu", "chubu", "35.391174", "136.722249"),
    (22, "Shizuoka", "静岡県", "shizuoka", "chubu", "34.976944", "138.383056"),
    (23, "Aichi", "愛知県", "aichi", "chubu", "35.180209", "136.906582"),
    (24, "Mie", "三重県", "mie", "kansai", "34.730278", "136.508611"),
    (25, "Shiga", "滋賀県", "shiga", "kansai", "35.004513", "135.868568"),
    (26, "Kyoto", "京都府", "kyoto", "kansai", "35.021242", "135.755613"),
    (27, "Osaka", "大阪府", "osaka", "kansai", "34.686344", "135.519990"),
    (28, "Hyogo", "兵庫県", "hyogo", "kansai", "34.691257", "135.183070"),
    (29, "Nara", "奈良県", "nara", "kansai", "34.685274", "135.832861"),
    (30, "Wakayama", "和歌山県", "wakayama", "kansai", "34.226111", "135.167500"),
    (31, "Tottori", "鳥取県", "tottori", "chugoku", "35.503449", "134.238261"),
    (32, "Shimane", "島根県", "shimane", "chugoku", "35.472295", "133.050499"),
    (33, "Okayama", "岡山県", "okayama", "chugoku", "34.661751", "133.934406"),
    (34, "Hiroshima", "広島県", "hiroshima", "chugoku", "34.396560", "132.459622"),
    (35, "Yamaguchi", "山口県", "yamaguchi", "chugoku", "34.185956", "131.470649"),
    (36, "Tokushima", "徳島県", "tokushima", "shikoku", "34.065718", "134.559257"),
    (37, "Kagawa", "香川県", "kagawa", "shikoku", "34.340149", "134.043444"),
    (38, "Ehime", "愛媛県", "ehime", "shikoku", "33.841624", "132.765681"),
    (39, "Kochi", "高知県", "kochi", "shikoku", "33.559706", "133.531080"),
    (40, "Fukuoka", "福岡県", "fukuoka", "kyushu-okinawa", "33.606389", "130.417968"),
    (41, "Saga", "佐賀県", "saga", "kyushu-okinawa", "33.249367", "130.298822"),
    (42, "Nagasaki", "長崎県", "nagasaki", "kyushu-okinawa", "32.744839", "129.873756"),
    (43, "Kumamoto", "熊本県", "kumamoto", "kyushu-okinawa", "32.789828", "130.741667"),
    (44, "Oita", "大分県", "oita", "kyushu-okinawa", "33.238194", "131.612591"),
    (45, "Miyazaki", "宮崎県", "miyazaki", "kyushu-okinawa", "31.911090", "131.423855"),
    (46, "Kagoshima", "鹿児島県", "kagoshima", "kyushu-okinawa", "31.560148", "130.557981"),
    (47, "Okinawa", "沖縄県", "okinawa", "kyushu-okinawa", "26.212401", "127.680932"),
]

CATEGORIES = [
    ("street", "Street", "街路"),
    ("temple", "Temple", "寺院"),
    ("shrine", "Shrine", "神社"),
    ("castle", "Castle", "城"),
    ("nature", "Nature", "自然"),
    ("waterfront", "Waterfront", "水辺・海岸"),
    ("urban", "Urban", "都市"),
    ("industrial", "Industrial", "工業"),
    ("rural", "Rural", "農村"),
    ("building", "Building", "建物"),
    ("garden", "Garden", "庭園"),
    ("bridge", "Bridge", "橋"),
    ("historic-district", "Historic district", "歴史的町並み"),
    ("transport", "Station and transport", "駅・交通"),
    ("park", "Park", "公園"),
]

# ../shared/data/stages-as-read.csv, read 2026-11-24.
REFERENCE_STAGES = [
    {
        "studio": "Pinewood Studios",
        "name": "007 Stage",
        "city": "Iver Heath, Buckinghamshire",
        "country": "GB",
        "length_m": Decimal("114"),
        "width_m": Decimal("48"),
        "height_m": Decimal("12"),
        "area_m2": Decimal("5490"),
        "source": "https://pinewoodgroup.com/studios/pinewood-studios/stages-facilities/stages/007-stage",
        "verified_on": datetime.date(2026, 11, 24),
        "notes": "One of the largest stages in Europe.",
    },
    {
        "studio": "Korda Studios",
        "name": "Studio 5",
        "city": "Etyek, near Budapest",
        "country": "HU",
        "length_m": Decimal("59.6"),
        "width_m": Decimal("37"),
        "height_m": Decimal("13.75"),
        "area_m2": None,
        "source": "English Wikipedia, Korda Studios",
        "verified_on": datetime.date(2026, 11, 24),
        "notes": "Area not given by the source; shown as length × width.",
    },
]


def load(apps, schema_editor):
    Region = apps.get_model("locations", "Region")
    Prefecture = apps.get_model("locations", "Prefecture")
    Category = apps.get_model("locations", "Category")
    ReferenceStage = apps.get_model("locations", "ReferenceStage")

    regions = {}
    for order, (slug, name, name_ja) in enumerate(REGIONS, start=1):
        regions[slug], _ = Region.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_ja": name_ja, "order": order}
        )
    for code, name_en, name_ja, slug, region, lat, lng in PREFECTURES:
        Prefecture.objects.update_or_create(
            code=code,
            defaults={
                "name_en": name_en,
                "name_ja": name_ja,
                "slug": slug,
                "region": regions[region],
                "latitude": Decimal(lat),
                "longitude": Decimal(lng),
            },
        )
    for slug, name, name_ja in CATEGORIES:
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "name_ja": name_ja})
    for stage in REFERENCE_STAGES:
        ReferenceStage.objects.update_or_create(
            studio=stage["studio"], name=stage["name"], defaults=stage
        )


class Migration(migrations.Migration):
    dependencies = [("locations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
