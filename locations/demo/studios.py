"""Demo studios: four real ones with only the figures their sources give, and visibly
labelled sample studios so the stage-size filters have something to find.

Real studios' stage figures are copied exactly from the team's research table
(shared/data/stages-as-read.csv, read 2026-11-24) with its source and date; an empty cell
there stays empty here. Nothing about a real studio's stages is invented. Every invented
figure sits on a studio and stages flagged `is_sample`, named "(sample data)".
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

READ_ON = datetime.date(2026, 11, 24)


@dataclass(frozen=True)
class Stage:
    """One soundstage, field names as on `Soundstage`; sizes in metres / m²."""

    name: str
    length_m: Decimal | None = None
    width_m: Decimal | None = None
    height_m: Decimal | None = None
    area_m2: Decimal | None = None
    tank: bool = False
    cyclorama: bool = False
    power_kva: int | None = None
    door_width_m: Decimal | None = None
    door_height_m: Decimal | None = None
    notes: str = ""
    source: str = ""
    verified_on: datetime.date | None = None


@dataclass(frozen=True)
class StudioRecord:
    """One demo studio, field names as on `Studio` (prefecture by slug)."""

    name: str
    name_ja: str
    company: str
    prefecture: str
    municipality: str
    latitude: float
    longitude: float
    description: str
    description_ja: str
    website: str = ""
    source: str = ""
    verified_on: datetime.date | None = None
    is_sample: bool = False
    has_backlot: bool = False
    has_workshops: bool = False
    has_offices: bool = False
    has_dressing_rooms: bool = False
    facilities_notes: str = ""
    stages: tuple[Stage, ...] = field(default_factory=tuple)


def d(value: str) -> Decimal:
    return Decimal(value)


TOHO_SOURCE = "Japanese Wikipedia, 東宝スタジオ (stages 8 and 9: 32 x 41.4 m, 402 tsubo)"
KADOKAWA_SOURCE = "https://chofu.keizai.biz/headline/778/"
TOEI_SOURCE = "https://qqquuu7.web.fc2.com/oizu.html"
NIKKATSU_SOURCE = "https://lib-machi.chofu.com/nikkatsu2 (2005 interview, Chofu City Library)"

SAMPLE_NOTE = "Sample data: invented figures for demonstration, not a real stage."
SAMPLE_NOTE_JA = "サンプルデータ：デモ用の架空の数値です。実在のスタジオではありません。"

STUDIOS: list[StudioRecord] = [
    # ── Real studios: sourced figures only ───────────────────────────────────────────────
    StudioRecord(
        name="Toho Studios",
        name_ja="東宝スタジオ",
        company="Toho",
        prefecture="tokyo",
        municipality="Setagaya-ku (Seijo)",
        # Japanese Wikipedia, 東宝スタジオ: 35°38′4.8″N 139°36′15″E.
        latitude=35.6347,
        longitude=139.6042,
        website="https://www.toho.co.jp/",
        description=(
            "Japan's largest film lot, in Seijo, Setagaya: the home of Godzilla and of "
            "Kurosawa's films. Stages 8 and 9 are column-free floors of 41.4 × 32 m "
            "(1,325 m²), the largest Japanese stage floors in our research. Other stages are "
            "not listed here until a source gives their sizes."
        ),
        description_ja=(
            "世田谷区成城にある日本最大級の撮影所。ゴジラや黒澤明作品で知られる。第8・第9ステージは柱のない41.4×32m（1,325m²）の床で、調べた範囲で国内最大。その他のステージは出典が得られるまで掲載していない。"
        ),
        source="Japanese Wikipedia, 東宝スタジオ",
        verified_on=READ_ON,
        stages=(
            Stage(
                name="Stage 8",
                length_m=d("41.4"),
                width_m=d("32"),
                area_m2=d("1325"),
                notes="Column-free; the largest Japanese floor found. Height not given.",
                source=TOHO_SOURCE,
                verified_on=READ_ON,
            ),
            Stage(
                name="Stage 9",
                length_m=d("41.4"),
                width_m=d("32"),
                area_m2=d("1325"),
                notes="Same floor as Stage 8. Height not given.",
                source=TOHO_SOURCE,
                verified_on=READ_ON,
            ),
        ),
    ),
    StudioRecord(
        name="Kadokawa Daiei Studio",
        name_ja="角川大映スタジオ",
        company="Kadokawa Daiei Studio",
        prefecture="tokyo",
        municipality="Chofu",
        # Placed from the address (多摩川6-1-1, by Keio-Tamagawa Station): approximate.
        latitude=35.6452,
        longitude=139.5405,
        description=(
            "The former Daiei Tokyo studio by Keio-Tamagawa Station in Chofu, where Daiei's "
            "Gamera films were made. Stage G (40.3 × 25 m, 10.5 m high, 1,007 m²) is "
            "one of Japan's largest. Other stages are not listed here until a source gives "
            "their sizes. (Map position approximate.)"
        ),
        description_ja=(
            "調布市の京王多摩川駅近くにある旧大映東京撮影所。大映のガメラシリーズが撮られた。ステージG（40.3×25m、高さ10.5m、1,007m²）は国内最大級。その他のステージは出典が得られるまで掲載していない。（地図の位置はおおよそ）"
        ),
        source=KADOKAWA_SOURCE,
        verified_on=READ_ON,
        stages=(
            Stage(
                name="Stage G",
                length_m=d("40.3"),
                width_m=d("25"),
                height_m=d("10.5"),
                area_m2=d("1007"),
                notes="311 tsubo; one of Japan's largest.",
                source=KADOKAWA_SOURCE,
                verified_on=READ_ON,
            ),
        ),
    ),
    StudioRecord(
        name="Toei Tokyo Studio",
        name_ja="東映東京撮影所",
        company="Toei",
        prefecture="tokyo",
        municipality="Nerima-ku (Higashi-Oizumi)",
        # Japanese Wikipedia, 東映東京撮影所: 35°45′14.5″N 139°35′41.3″E.
        latitude=35.7540,
        longitude=139.5948,
        website="https://www.toei.co.jp/",
        description=(
            "Toei's Oizumi studio in Nerima, home of its Tokyo dramas and tokusatsu series. "
            "Stage 7 (626 m²) is described as its largest; that figure comes from a fan site "
            "and should be confirmed with the studio."
        ),
        description_ja=(
            "練馬区東大泉にある東映の撮影所。ドラマや特撮シリーズの拠点。最大の第7ステージは626m²とされるが、出典はファンサイトのため撮影所への確認が必要。"
        ),
        source=TOEI_SOURCE,
        verified_on=READ_ON,
        stages=(
            Stage(
                name="Stage 7",
                area_m2=d("626"),
                notes=(
                    "Weak source: a fan site. Described there as the largest stage at Oizumi. "
                    "Length, width and height not given."
                ),
                source=TOEI_SOURCE,
                verified_on=READ_ON,
            ),
        ),
    ),
    StudioRecord(
        name="Nikkatsu Chofu Studio",
        name_ja="日活調布撮影所",
        company="Nikkatsu",
        prefecture="tokyo",
        municipality="Chofu (Someji)",
        # Placed from the address (染地2-8-12, near the Tama River): approximate.
        latitude=35.6415,
        longitude=139.5520,
        website="https://www.nikkatsu.com/",
        description=(
            "Nikkatsu's studio near the Tama River in Chofu, built in 1954. A 2005 interview "
            "published by Chofu City Library gives eight stages of 150–180 tsubo each (about "
            "500–600 m²); it gives no sizes per stage, so none are listed here, and the lot "
            "may have changed since. (Map position approximate.)"
        ),
        description_ja=(
            "調布市染地、多摩川近くにある日活の撮影所（1954年建設）。2005年の取材記事（調布市立図書館）では150〜180坪（約500〜600m²）の撮影ステージが8棟とされるが、各ステージの寸法は示されていないため掲載していない。現在の構成は変わっている可能性がある。（地図の位置はおおよそ）"
        ),
        source=NIKKATSU_SOURCE,
        verified_on=READ_ON,
    ),
    # ── Sample studios: invented, labelled, is_sample ─────────────────────────────────────
    StudioRecord(
        name="Sample Harbour Studios (sample data)",
        name_ja="サンプル・ハーバースタジオ（サンプルデータ）",
        company="Sample data",
        prefecture="osaka",
        municipality="Suminoe-ku, Osaka (Nanko port area)",
        latitude=34.6290,
        longitude=135.4270,
        description=(
            "Sample data: a fictional studio placed in Osaka's Nanko port district to show how "
            "a bay-side lot with a water tank appears. Every figure here is invented."
        ),
        description_ja=SAMPLE_NOTE_JA + "大阪・南港の港湾地区に置いた架空の撮影所。",
        is_sample=True,
        has_workshops=True,
        has_offices=True,
        has_dressing_rooms=True,
        stages=(
            Stage(
                name="Stage A",
                length_m=d("40"),
                width_m=d("28"),
                height_m=d("14"),
                tank=True,
                power_kva=1500,
                door_width_m=d("6"),
                door_height_m=d("7"),
                notes=SAMPLE_NOTE,
            ),
            Stage(
                name="Stage B",
                length_m=d("30"),
                width_m=d("22"),
                height_m=d("12"),
                cyclorama=True,
                power_kva=1000,
                notes=SAMPLE_NOTE,
            ),
            Stage(
                name="Stage C",
                length_m=d("18"),
                width_m=d("12"),
                height_m=d("8"),
                notes=SAMPLE_NOTE,
            ),
        ),
    ),
    StudioRecord(
        name="Sample Rakunan Stages (sample data)",
        name_ja="サンプル洛南ステージ（サンプルデータ）",
        company="Sample data",
        prefecture="kyoto",
        municipality="Minami-ku, Kyoto",
        latitude=34.9650,
        longitude=135.7450,
        description=(
            "Sample data: a fictional studio in southern Kyoto's industrial area, to show a "
            "period-drama lot with a small backlot. Every figure here is invented."
        ),
        description_ja=SAMPLE_NOTE_JA + "京都市南部の工業地域に置いた架空の撮影所。",
        is_sample=True,
        has_backlot=True,
        has_workshops=True,
        has_dressing_rooms=True,
        stages=(
            Stage(
                name="Stage 1",
                length_m=d("30"),
                width_m=d("20"),
                height_m=d("10"),
                cyclorama=True,
                notes=SAMPLE_NOTE,
            ),
            Stage(
                name="Stage 2",
                length_m=d("24"),
                width_m=d("18"),
                height_m=d("9"),
                notes=SAMPLE_NOTE,
            ),
            Stage(
                name="Stage 3",
                length_m=d("20"),
                width_m=d("15"),
                height_m=d("9"),
                tank=True,
                notes=SAMPLE_NOTE,
            ),
        ),
    ),
    StudioRecord(
        name="Sample Hakata Bay Stages (sample data)",
        name_ja="サンプル博多湾ステージ（サンプルデータ）",
        company="Sample data",
        prefecture="fukuoka",
        municipality="Higashi-ku, Fukuoka (Hakozaki wharf)",
        latitude=33.6230,
        longitude=130.4000,
        description=(
            "Sample data: a fictional studio on Fukuoka's Hakozaki wharf. Every figure here is "
            "invented."
        ),
        description_ja=SAMPLE_NOTE_JA + "福岡市の箱崎ふ頭に置いた架空の撮影所。",
        is_sample=True,
        has_offices=True,
        has_dressing_rooms=True,
        stages=(
            Stage(
                name="Stage 1",
                length_m=d("36"),
                width_m=d("24"),
                height_m=d("12"),
                cyclorama=True,
                power_kva=800,
                notes=SAMPLE_NOTE,
            ),
            Stage(
                name="Stage 2",
                length_m=d("22"),
                width_m=d("16"),
                height_m=d("9"),
                notes=SAMPLE_NOTE,
            ),
        ),
    ),
    StudioRecord(
        name="Sample Ishikari Bay Studios (sample data)",
        name_ja="サンプル石狩湾スタジオ（サンプルデータ）",
        company="Sample data",
        prefecture="hokkaido",
        municipality="Ishikari (Ishikari Bay New Port)",
        latitude=43.2050,
        longitude=141.3050,
        description=(
            "Sample data: a fictional studio in the Ishikari Bay New Port industrial area near "
            "Sapporo, with a tall stage and a tank. Every figure here is invented."
        ),
        description_ja=SAMPLE_NOTE_JA + "札幌近郊の石狩湾新港工業地域に置いた架空の撮影所。",
        is_sample=True,
        has_workshops=True,
        has_offices=True,
        stages=(
            Stage(
                name="North Stage",
                length_m=d("44"),
                width_m=d("26"),
                height_m=d("15"),
                power_kva=2000,
                door_width_m=d("8"),
                door_height_m=d("9"),
                notes=SAMPLE_NOTE,
            ),
            Stage(
                name="South Stage",
                length_m=d("28"),
                width_m=d("20"),
                height_m=d("10"),
                tank=True,
                notes=SAMPLE_NOTE,
            ),
        ),
    ),
]
