"""Word lists and row builders for the synthetic catalogue (`manage.py generate_catalogue`).

Everything here is visibly fake: every name ends in "(generated)" / "（生成）", every slug
starts with `gen-`, every description says it is not a real place, and generated studios and
stages are flagged `is_sample`. The rows are built in memory for `bulk_create`, which skips
`save()`, so this module fills what `save()` would: the slug and the search column.
"""

import functools
import random
from dataclasses import dataclass
from decimal import Decimal

from locations.models import (
    Compass,
    DronePolicy,
    Location,
    Power,
    Prefecture,
    Soundstage,
    Status,
    Studio,
)
from locations.models.common import (
    JAPAN_LAT_MAX,
    JAPAN_LAT_MIN,
    JAPAN_LNG_MAX,
    JAPAN_LNG_MIN,
    romanize,
)
from locations.prefecture_bounds import PREFECTURE_BOUNDS, PREFECTURE_POPULATION

GENERATED_PREFIX = "gen-"
GENERATED_PHOTO_DIR = "photos/generated"
SAMPLE_SOURCE = "Synthetic sample data made by manage.py generate_catalogue; not a real studio."

# ~60 tags in English, the kind fixers add; earlier ones are used more often.
TAGS = [
    "night-view", "neon", "cherry-blossom", "autumn-leaves", "snow", "rain", "fog", "sunset",
    "sunrise", "coast", "cliffs", "mountain", "river", "lake", "waterfall", "forest", "bamboo",
    "rice-field", "tea-field", "onsen", "ryokan", "izakaya", "shotengai", "alley", "rooftop",
    "crossing", "train", "tram", "station", "bridge", "tunnel", "highway", "harbour",
    "fishing-village", "lighthouse", "factory", "warehouse", "abandoned", "ruins", "castle",
    "temple", "shrine", "torii", "pagoda", "garden", "zen", "period-drama", "showa-retro",
    "modern-architecture", "brutalist", "office", "school", "hospital", "apartment-block",
    "shopping-mall", "arcade", "market", "festival", "lanterns", "stairs", "vending-machines",
    "parking-garage", "pier", "beach", "dunes", "volcano",
]  # fmt: skip

# (English, Japanese, reading in hiragana)
ADJECTIVES = [
    ("Old", "古い", "ふるい"),
    ("Quiet", "静かな", "しずかな"),
    ("Misty", "霧の", "きりの"),
    ("Red", "赤い", "あかい"),
    ("Hidden", "隠れた", "かくれた"),
    ("Riverside", "川沿いの", "かわぞいの"),
    ("Hilltop", "丘の上の", "おかのうえの"),
    ("Narrow", "狭い", "せまい"),
    ("Neon-lit", "ネオンの", "ねおんの"),
    ("Snowy", "雪の", "ゆきの"),
    ("Mossy", "苔むした", "こけむした"),
    ("Windy", "風の", "かぜの"),
    ("Lantern-lit", "提灯の", "ちょうちんの"),
    ("Sunset", "夕日の", "ゆうひの"),
    ("Forgotten", "忘れられた", "わすれられた"),
    ("Long", "長い", "ながい"),
]

# Category slug (migration 0002) → nouns (English, Japanese, reading).
NOUNS = {
    "street": [("Alley", "路地", "ろじ"), ("Shopping Street", "商店街", "しょうてんがい")],
    "temple": [("Temple", "寺", "てら"), ("Pagoda", "塔", "とう")],
    "shrine": [("Shrine", "神社", "じんじゃ"), ("Torii Path", "鳥居道", "とりいみち")],
    "castle": [("Castle Ruins", "城跡", "しろあと"), ("Castle Keep", "天守", "てんしゅ")],
    "nature": [
        ("Forest", "森", "もり"),
        ("Waterfall", "滝", "たき"),
        ("Gorge", "渓谷", "けいこく"),
    ],
    "waterfront": [
        ("Harbour", "港", "みなと"),
        ("Beach", "浜辺", "はまべ"),
        ("Pier", "桟橋", "さんばし"),
    ],
    "urban": [("Crossing", "交差点", "こうさてん"), ("Rooftop", "屋上", "おくじょう")],
    "industrial": [("Factory", "工場", "こうじょう"), ("Warehouse", "倉庫", "そうこ")],
    "rural": [("Rice Terraces", "棚田", "たなだ"), ("Farmhouse", "農家", "のうか")],
    "building": [("School", "校舎", "こうしゃ"), ("Inn", "旅館", "りょかん")],
    "garden": [("Garden", "庭園", "ていえん"), ("Tea Garden", "茶庭", "ちゃにわ")],
    "bridge": [("Bridge", "橋", "はし"), ("Footbridge", "歩道橋", "ほどうきょう")],
    "historic-district": [
        ("Merchant Street", "町家通り", "まちやどおり"),
        ("Post Town", "宿場町", "しゅくばまち"),
    ],
    "transport": [("Station", "駅", "えき"), ("Tram Stop", "停留所", "ていりゅうじょ")],
    "park": [("Park", "公園", "こうえん"), ("Playground", "遊び場", "あそびば")],
}

# Common Japanese place-name stems with their usual readings; "-machi" makes them a town.
TOWNS = [
    ("北川", "Kitagawa"), ("南山", "Minamiyama"), ("東原", "Higashihara"), ("西野", "Nishino"),
    ("中島", "Nakajima"), ("上田", "Ueda"), ("下川", "Shimokawa"), ("大森", "Omori"),
    ("小松", "Komatsu"), ("新田", "Nitta"), ("高浜", "Takahama"), ("長浜", "Nagahama"),
    ("松原", "Matsubara"), ("桜井", "Sakurai"), ("青木", "Aoki"), ("石田", "Ishida"),
    ("岩崎", "Iwasaki"), ("竹内", "Takeuchi"), ("森本", "Morimoto"), ("杉山", "Sugiyama"),
    ("福田", "Fukuda"), ("藤沢", "Fujisawa"), ("宮本", "Miyamoto"), ("平野", "Hirano"),
    ("川口", "Kawaguchi"), ("山下", "Yamashita"), ("坂本", "Sakamoto"), ("清水", "Shimizu"),
]  # fmt: skip

# Facts a fixer would write, in both languages (parallel).
FEATURES = [
    (
        "Wide enough for a camera car and a small crane.",
        "撮影車と小型クレーンが入れる幅があります。",
    ),
    ("Morning light reaches the main view from the east.", "朝は東から光が入ります。"),
    ("Quiet on weekday mornings; busy at weekends.", "平日の朝は静かで、週末は混雑します。"),
    (
        "The neighbourhood association asks to be told before filming.",
        "撮影前に自治会への連絡が必要です。",
    ),
    ("Old shop signs and wooden facades.", "昔ながらの看板と木造の建物が並びます。"),
    ("Good for night scenes under street lights.", "街灯の下での夜間撮影に向いています。"),
    ("Parking for crew vehicles nearby.", "近くに撮影車両用の駐車場があります。"),
    ("Snow from December to March.", "12月から3月まで雪があります。"),
    ("Views across the water at dusk.", "夕暮れには水面越しの眺めが広がります。"),
    (
        "Narrow access: hand-carry equipment for the last stretch.",
        "道が狭く、最後は機材を手で運びます。",
    ),
    ("Trains pass every few minutes.", "数分おきに電車が通過します。"),
    ("Drones need the landowner's permission.", "ドローンの使用には地権者の許可が必要です。"),
    ("Cherry trees line the path in early April.", "4月上旬には桜並木になります。"),
    ("Maple leaves turn red in November.", "11月には紅葉が見頃です。"),
    ("An open view of the skyline.", "街並みを見渡せます。"),
    ("Residential street: keep the crew small.", "住宅街のため、少人数での撮影が望まれます。"),
]

NOT_REAL_EN = "Generated sample record for load tests: not a real place."
NOT_REAL_JA = "負荷試験用に生成したサンプルデータで、実在の場所ではありません。"

STUDIO_WORDS = [
    ("Film", "フィルム"),
    ("Pictures", "ピクチャーズ"),
    ("Cinema", "シネマ"),
    ("Media", "メディア"),
    ("Vision", "ビジョン"),
]

POWER = list(Power.values)
FACING = ["", *Compass.values]
DRONES = list(DronePolicy.values)
SEASONS = ["Spring", "Early summer", "Autumn", "Winter", "All year"]
TIMES_OF_DAY = ["Early morning", "Golden hour", "Blue hour", "Night", "Any time"]


@functools.cache
def _romaji(kana: str) -> str:
    """Hepburn for a reading; cached because names reuse a few hundred readings."""
    return romanize(kana).title()


@dataclass(frozen=True)
class Area:
    """A prefecture with what the generator needs to place points in it."""

    pk: int
    code: int
    name_en: str
    name_ja: str
    centre: tuple[float, float]


def load_areas() -> tuple[list[Area], list[int]]:
    """The 47 prefectures and their population weights, in JIS order."""
    areas = [
        Area(p.pk, p.code, p.name_en, p.name_ja, (float(p.latitude), float(p.longitude)))
        for p in Prefecture.objects.order_by("code")
    ]
    return areas, [PREFECTURE_POPULATION[a.code] for a in areas]


def point_in(area: Area, rng: random.Random) -> tuple[Decimal, Decimal]:
    """A plausible point in the prefecture: mostly near its main city, otherwise anywhere in
    its box; always inside the box and inside Japan's (the database's constraint)."""
    box = PREFECTURE_BOUNDS[area.code]
    if rng.random() < 0.6:
        lat = rng.gauss(area.centre[0], (box.lat_max - box.lat_min) / 6)
        lng = rng.gauss(area.centre[1], (box.lng_max - box.lng_min) / 6)
    else:
        lat = rng.uniform(box.lat_min, box.lat_max)
        lng = rng.uniform(box.lng_min, box.lng_max)
    lat = min(max(lat, box.lat_min, float(JAPAN_LAT_MIN)), box.lat_max, float(JAPAN_LAT_MAX))
    lng = min(max(lng, box.lng_min, float(JAPAN_LNG_MIN)), box.lng_max, float(JAPAN_LNG_MAX))
    return Decimal(f"{lat:.6f}"), Decimal(f"{lng:.6f}")


def _status(rng: random.Random) -> str:
    """About 90% published; the rest drafts and records waiting for review."""
    roll = rng.random()
    if roll < 0.90:
        return Status.PUBLISHED
    return Status.DRAFT if roll < 0.96 else Status.REVIEW


def build_location(
    n: int, *, rng: random.Random, area: Area, category_pk: int, category_slug: str
) -> Location:
    """An unsaved generated Location (number `n` makes its name and slug unique).

    Its search columns are left to the caller, which knows the tags it will link
    (`set_search_columns(tag_names)`).
    """
    adj_en, adj_ja, adj_kana = rng.choice(ADJECTIVES)
    noun_en, noun_ja, noun_kana = rng.choice(NOUNS.get(category_slug) or NOUNS["street"])
    town_ja, town_en = rng.choice(TOWNS)
    features = rng.sample(FEATURES, 2)
    name = f"{adj_en} {noun_en} No. {n} (generated)"
    name_ja = f"{adj_ja}{noun_ja} {n}（生成）"
    name_kana = adj_kana + noun_kana
    municipality = f"{town_en}-machi"
    description = (
        f"{adj_en} {noun_en.lower()} in {municipality}, {area.name_en}. "
        f"{features[0][0]} {features[1][0]} {NOT_REAL_EN}"
    )
    description_ja = (
        f"{area.name_ja}{town_ja}町の{adj_ja}{noun_ja}。"
        f"{features[0][1]}{features[1][1]}{NOT_REAL_JA}"
    )
    latitude, longitude = point_in(area, rng)
    location = Location(
        name=name,
        name_ja=name_ja,
        name_kana=name_kana,
        name_romaji=_romaji(name_kana),
        slug=f"{GENERATED_PREFIX}{adj_en}-{noun_en}-{n}".lower().replace(" ", "-"),
        category_id=category_pk,
        prefecture_id=area.pk,
        featured=rng.random() < 0.002,
        municipality=municipality,
        latitude=latitude,
        longitude=longitude,
        description=description,
        description_ja=description_ja,
        permit_authority=rng.choice(["", "Landowner", "Police road-use permission + landowner"]),
        permit_lead_days=rng.choice([None, 3, 5, 10, 20]),
        power=rng.choice(POWER),
        parking_vehicles=rng.choice([None, 0, 2, 5, 10, 30]),
        basecamp_trucks=rng.choice([None, 0, 1, 2, 4]),
        noise_flight_path=rng.random() < 0.05,
        noise_trains=rng.random() < 0.2,
        noise_traffic=rng.random() < 0.3,
        view_facing=rng.choice(FACING),
        nearest_station=f"{town_en} Station (generated)",
        station_walk_minutes=rng.choice([None, 3, 8, 15, 30]),
        drones=rng.choice(DRONES),
        best_season=rng.choice(SEASONS),
        best_time_of_day=rng.choice(TIMES_OF_DAY),
        status=_status(rng),
    )
    return location


def build_studio(n: int, *, rng: random.Random, area: Area) -> Studio:
    """An unsaved generated Studio, flagged as sample data."""
    town_ja, town_en = rng.choice(TOWNS)
    word_en, word_ja = rng.choice(STUDIO_WORDS)
    latitude, longitude = point_in(area, rng)
    studio = Studio(
        name=f"{town_en} {word_en} Studios {n} (generated)",
        name_ja=f"{town_ja}{word_ja}スタジオ {n}（生成）",
        slug=f"{GENERATED_PREFIX}{town_en}-{word_en}-studios-{n}".lower(),
        company=f"{town_en} {word_en} Co. (generated)",
        prefecture_id=area.pk,
        municipality=f"{town_en}-machi",
        latitude=latitude,
        longitude=longitude,
        description=f"A studio lot in {town_en}-machi, {area.name_en}. {NOT_REAL_EN}",
        description_ja=f"{area.name_ja}{town_ja}町の撮影所。{NOT_REAL_JA}",
        has_backlot=rng.random() < 0.3,
        has_workshops=rng.random() < 0.6,
        has_offices=rng.random() < 0.8,
        has_dressing_rooms=rng.random() < 0.9,
        parking_vehicles=rng.choice([None, 10, 30, 80]),
        status=_status(rng),
        source=SAMPLE_SOURCE,
        is_sample=True,
    )
    studio.search_text = studio.build_search_text()
    return studio


def build_stages(studio_pk: int, *, rng: random.Random) -> list[Soundstage]:
    """One to six unsaved sample stages for a studio (floor_area_m2 is computed by the DB)."""
    stages = []
    for i in range(1, rng.randint(1, 6) + 1):
        length = Decimal(rng.randrange(24, 150)) / 2  # 12–74.5 m
        width = min(length, Decimal(rng.randrange(16, 90)) / 2)  # 8–44.5 m, never > length
        area = None
        if rng.random() < 0.1:  # an L-shaped floor: the fixer enters the area
            area = (length * width * Decimal("0.85")).quantize(Decimal("0.01"))
        stages.append(
            Soundstage(
                studio_id=studio_pk,
                name=f"Stage {i}",
                length_m=length,
                width_m=width,
                height_m=Decimal(rng.randrange(10, 41)) / 2,  # 5–20 m
                area_m2=area,
                tank=rng.random() < 0.08,
                cyclorama=rng.random() < 0.25,
                soundproofed=rng.random() < 0.9,
                power_kva=rng.choice([None, 100, 200, 400, 800]),
                door_width_m=Decimal(rng.randrange(6, 17)) / 2,
                door_height_m=Decimal(rng.randrange(6, 17)) / 2,
                notes="Sample figures (generated).",
                source=SAMPLE_SOURCE,
                is_sample=True,
                order=i,
            )
        )
    return stages


def tag_weights(count: int) -> list[float]:
    """Zipf-like weights: a few tags are everywhere, most are occasional."""
    return [1 / (rank + 1) ** 0.8 for rank in range(count)]
