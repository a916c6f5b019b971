"""Demo locations: real, well-known public places with their true coordinates.

Each record is what a fixer would enter: names in both scripts with readings, where it is,
an honest short description, and filming notes only where they are generally true. Lead
times and fees stay empty unless the team's research notes give them (Tokyo police
road-use permission: about 3–5 days), and `verified_on` stays empty: nobody has visited
these places for Rokehan. Coordinates are the landmark itself (WGS84).
"""

from dataclasses import dataclass

from locations.models import Status


@dataclass(frozen=True)
class Place:
    """One demo location, field names as on `Location` (prefecture and category by slug)."""

    name: str
    name_ja: str
    name_kana: str
    name_romaji: str
    category: str
    prefecture: str
    municipality: str
    latitude: float
    longitude: float
    description: str
    description_ja: str
    tags: tuple[str, ...] = ()
    featured: bool = False
    status: str = Status.PUBLISHED
    permit_authority: str = ""
    permit_lead_days: int | None = None
    permit_notes: str = ""
    restrictions: str = ""
    best_season: str = ""
    best_time_of_day: str = ""
    nearest_station: str = ""
    unit_move_notes: str = ""
    load_in: str = ""
    view_facing: str = ""
    light_notes: str = ""
    noise_trains: bool = False
    noise_traffic: bool = False


RESEARCH = "Rokehan research notes, 'Permits, as producers meet them', read late 2026"

# Tokyo streets: the one lead time the research gives. The field holds the upper figure.
TOKYO_ROAD_DAYS = 5
TOKYO_ROAD_NOTE = (
    "Police road-use permission (道路使用許可) takes about 3–5 days in Tokyo "
    f"({RESEARCH}); each police station decides locally. The lead-time field holds the "
    "upper figure."
)
OKINAWA_NOTE = (
    "Okinawa's film office takes paper applications with a company seal, about two weeks "
    f"ahead ({RESEARCH})."
)
TEMPLE_NOTE = (
    "Commercial filming needs the temple's permission in advance and is often refused or "
    "restricted to certain areas and hours."
)
SHRINE_NOTE = (
    "Commercial filming needs the shrine's permission in advance and is often refused or "
    "restricted; ceremonies and worshippers come first."
)
DRONE_NOTE = (
    "Drones over densely inhabited districts need permission from the Ministry of Land, "
    "Infrastructure, Transport and Tourism (MLIT); many sites forbid them outright."
)

PLACES: list[Place] = [
    # ── Hokkaido ─────────────────────────────────────────────────────────────────────────
    Place(
        name="Otaru Canal",
        name_ja="小樽運河",
        name_kana="おたるうんが",
        name_romaji="Otaru Unga",
        category="waterfront",
        prefecture="hokkaido",
        municipality="Otaru",
        latitude=43.1990,
        longitude=141.0024,
        description=(
            "A canal lined with stone warehouses from Otaru's days as a trading port, with "
            "gas lamps lit in the evening; snowy from December to March."
        ),
        description_ja=(
            "港町として栄えた時代の石造倉庫が並ぶ運河。夕方からガス灯がともり、冬は雪景色となる。"
        ),
        tags=("canal", "snow", "night", "retro"),
        permit_authority="Otaru City (canal-side park and walkway)",
        best_season="Winter for snow",
        best_time_of_day="Blue hour, when the gas lamps come on",
    ),
    Place(
        name="Shirogane Blue Pond",
        name_ja="白金青い池",
        name_kana="しろがねあおいいけ",
        name_romaji="Shirogane Aoiike",
        category="nature",
        prefecture="hokkaido",
        municipality="Biei",
        latitude=43.4934,
        longitude=142.6144,
        description=(
            "A man-made pond near Biei whose water looks vivid blue, with dead larch trunks "
            "standing in it; lit up on winter evenings."
        ),
        description_ja=(
            "美瑛町白金にある人工の池。青く見える水面に立ち枯れたカラマツが並ぶ。冬は夜にライトアップされる。"
        ),
        tags=("forest", "snow", "pond"),
        permit_authority="Biei Town (ask the town's tourism association first)",
        best_season="Late spring to autumn for the colour; winter for snow",
        best_time_of_day="Calm mornings, when the surface is still",
    ),
    Place(
        name="Odori Park",
        name_ja="大通公園",
        name_kana="おおどおりこうえん",
        name_romaji="Odori Koen",
        category="park",
        prefecture="hokkaido",
        municipality="Chuo-ku, Sapporo",
        latitude=43.0597,
        longitude=141.3480,
        description=(
            "A strip of lawns, fountains and flowerbeds about 1.5 km long across central "
            "Sapporo, with the TV Tower at its east end; the Snow Festival's sculptures fill "
            "it in February."
        ),
        description_ja=(
            "札幌の中心部を東西約1.5kmにわたって貫く公園。東端にさっぽろテレビ塔が立ち、2月にはさっぽろ雪まつりの雪像が並ぶ。"
        ),
        tags=("snow", "city", "festival"),
        permit_authority="Sapporo City (Odori Park management office)",
        restrictions="Festival set-up fills the park for weeks around February.",
        noise_traffic=True,
    ),
    # ── Tohoku ───────────────────────────────────────────────────────────────────────────
    Place(
        name="Hirosaki Castle",
        name_ja="弘前城",
        name_kana="ひろさきじょう",
        name_romaji="Hirosakijo",
        category="castle",
        prefecture="aomori",
        municipality="Hirosaki",
        latitude=40.6078,
        longitude=140.4636,
        description=(
            "One of Japan's twelve original castle keeps, in Hirosaki Park among moats and "
            "some 2,600 cherry trees. The keep was moved on rollers in 2015 so the stone "
            "wall beneath it could be repaired."
        ),
        description_ja=(
            "現存十二天守の一つ。堀と約2,600本の桜に囲まれた弘前公園にあり、石垣修理のため2015年に天守が曳屋で移動された。"
        ),
        tags=("cherry-blossom", "snow", "period-drama", "moat"),
        permit_authority="Hirosaki City (Hirosaki Park management office)",
        best_season="Cherry blossom (late April to early May); winter snow",
        restrictions="Very crowded during the cherry-blossom festival.",
    ),
    Place(
        name="Ginzan Onsen",
        name_ja="銀山温泉",
        name_kana="ぎんざんおんせん",
        name_romaji="Ginzan Onsen",
        category="historic-district",
        prefecture="yamagata",
        municipality="Obanazawa",
        latitude=38.5696,
        longitude=140.5304,
        description=(
            "A narrow river lined on both banks with Taisho-era wooden inns several storeys "
            "high, lit by gas lamps; best known under snow at dusk."
        ),
        description_ja=(
            "銀山川の両岸に大正期の木造多層の旅館が並ぶ温泉街。ガス灯がともる雪の夕景で知られる。"
        ),
        tags=("snow", "night", "period-drama", "wooden", "river"),
        permit_authority="Obanazawa City and the inns",
        restrictions=(
            "The village is tiny and vehicle access is restricted; the inns' guests come first."
        ),
        best_season="Winter",
        best_time_of_day="Dusk",
    ),
    Place(
        name="Yamadera (Risshaku-ji)",
        name_ja="山寺（立石寺）",
        name_kana="やまでら（りっしゃくじ）",
        name_romaji="Yamadera Risshakuji",
        category="temple",
        prefecture="yamagata",
        municipality="Yamagata",
        latitude=38.3128,
        longitude=140.4375,
        description=(
            "A mountain temple reached by about a thousand stone steps through cedar forest, "
            "its halls perched on cliffs over the valley; Basho wrote a famous haiku here."
        ),
        description_ja=(
            "杉木立の中、約千段の石段を上る山寺。崖の上のお堂から谷を見下ろす。芭蕉の句で知られる。"
        ),
        tags=("stairs", "forest", "mountain", "autumn-leaves", "snow"),
        permit_authority="The temple office (立石寺)",
        permit_notes=TEMPLE_NOTE,
        load_in="No vehicle access above the gate: all equipment is carried up the steps.",
        best_season="Autumn leaves; winter snow",
    ),
    Place(
        name="Matsushima Godaido",
        name_ja="松島 五大堂",
        name_kana="まつしま ごだいどう",
        name_romaji="Matsushima Godaido",
        category="waterfront",
        prefecture="miyagi",
        municipality="Matsushima",
        latitude=38.3716,
        longitude=141.0636,
        description=(
            "A small temple hall on an islet reached by short red openwork bridges, looking "
            "out over the pine-covered islands of Matsushima Bay."
        ),
        description_ja=(
            "赤い透かし橋を渡った小島に建つ瑞巌寺の五大堂。松に覆われた松島湾の島々を望む。"
        ),
        tags=("sea", "islands", "bridge"),
        permit_authority="Zuigan-ji temple (the hall belongs to it)",
        permit_notes=TEMPLE_NOTE,
        best_time_of_day="Morning light over the bay",
    ),
    # ── Kanto ────────────────────────────────────────────────────────────────────────────
    Place(
        name="Shibuya Scramble Crossing",
        name_ja="渋谷スクランブル交差点",
        name_kana="しぶやすくらんぶるこうさてん",
        name_romaji="Shibuya Sukuranburu Kosaten",
        category="street",
        prefecture="tokyo",
        municipality="Shibuya-ku",
        latitude=35.6595,
        longitude=139.7005,
        description=(
            "The scramble crossing outside Shibuya Station's Hachiko exit, where all the "
            "pedestrian lights turn green at once and crowds cross in every direction. Video "
            "screens and shop signs light it at night."
        ),
        description_ja=(
            "渋谷駅ハチ公口前の交差点。歩行者信号が一斉に青になり、人々が四方八方へ渡る。夜は大型ビジョンと看板の光に包まれる。"
        ),
        tags=("neon", "night", "crowds", "modern"),
        featured=True,
        permit_authority="Police road-use permission (道路使用許可), Shibuya Police Station",
        permit_lead_days=TOKYO_ROAD_DAYS,
        permit_notes=TOKYO_ROAD_NOTE,
        restrictions=(
            "Stopping or blocking pedestrians on the crossing is not allowed; crowds at all "
            "hours. Many productions film it from buildings above or rebuild it as a set. "
            + DRONE_NOTE
        ),
        nearest_station="Shibuya Station",
        best_time_of_day="Dusk and night",
        noise_traffic=True,
    ),
    Place(
        name="Senso-ji",
        name_ja="浅草寺",
        name_kana="せんそうじ",
        name_romaji="Sensoji",
        category="temple",
        prefecture="tokyo",
        municipality="Taito-ku (Asakusa)",
        latitude=35.7148,
        longitude=139.7967,
        description=(
            "Tokyo's oldest temple, approached through the Kaminarimon gate and the "
            "Nakamise shopping street to the main hall and five-storey pagoda."
        ),
        description_ja=("東京最古の寺院。雷門から仲見世通りを抜けて本堂と五重塔へ至る。"),
        tags=("period-drama", "crowds", "lanterns", "night"),
        permit_authority="The temple office (浅草寺)",
        permit_notes=TEMPLE_NOTE,
        restrictions="Crowded from mid-morning to evening. " + DRONE_NOTE,
        nearest_station="Asakusa Station",
        best_time_of_day="Early morning before the shops open; evening, when the halls are lit",
    ),
    Place(
        name="Meiji Jingu",
        name_ja="明治神宮",
        name_kana="めいじじんぐう",
        name_romaji="Meiji Jingu",
        category="shrine",
        prefecture="tokyo",
        municipality="Shibuya-ku",
        latitude=35.6764,
        longitude=139.6993,
        description=(
            "The shrine to Emperor Meiji and Empress Shoken, set in a planted forest beside "
            "Harajuku, with wide gravel approaches under huge wooden torii."
        ),
        description_ja=(
            "明治天皇と昭憲皇太后を祀る神社。原宿に隣接する人工の森の中を、大鳥居と玉砂利の参道が続く。"
        ),
        tags=("forest", "torii"),
        permit_authority="The shrine office (明治神宮)",
        permit_notes=SHRINE_NOTE,
        restrictions="The gates open at sunrise and close at sunset. " + DRONE_NOTE,
        nearest_station="Harajuku Station / Meiji-jingumae Station",
    ),
    Place(
        name="Omoide Yokocho",
        name_ja="思い出横丁",
        name_kana="おもいでよこちょう",
        name_romaji="Omoide Yokocho",
        category="street",
        prefecture="tokyo",
        municipality="Shinjuku-ku",
        latitude=35.6930,
        longitude=139.6995,
        description=(
            "A cramped post-war alley of tiny yakitori bars beside the railway at Shinjuku's "
            "west exit; lanterns, smoke and steam at night."
        ),
        description_ja=(
            "新宿駅西口、線路沿いに残る戦後の飲み屋横丁。小さな焼き鳥屋が軒を連ね、夜は提灯と煙に包まれる。"
        ),
        tags=("night", "retro", "lanterns", "food"),
        permit_authority=(
            "The alley's shop association and the bars; police road-use permission "
            "(Shinjuku Police Station) for public roads"
        ),
        permit_lead_days=TOKYO_ROAD_DAYS,
        permit_notes=TOKYO_ROAD_NOTE,
        restrictions="Alleys about two people wide; the bars are open and busy in the evening.",
        nearest_station="Shinjuku Station",
        best_time_of_day="Night",
        noise_trains=True,
    ),
    Place(
        name="Rainbow Bridge",
        name_ja="レインボーブリッジ",
        name_kana="れいんぼーぶりっじ",
        name_romaji="Reinbo Burijji",
        category="bridge",
        prefecture="tokyo",
        municipality="Minato-ku",
        latitude=35.6365,
        longitude=139.7634,
        description=(
            "A suspension bridge over Tokyo Bay between Shibaura and Odaiba, carrying an "
            "expressway, a local road and the Yurikamome line; lit at night."
        ),
        description_ja=(
            "芝浦とお台場を結ぶ吊り橋。首都高速、一般道、ゆりかもめが通り、夜はライトアップされる。"
        ),
        tags=("night", "sea", "modern", "skyline"),
        permit_authority="The road authorities for the bridge; park offices for the shore views",
        permit_notes=(
            "Filming on the bridge itself is rarely practical; most productions shoot it "
            "from the Odaiba or Shibaura shores."
        ),
        best_time_of_day="Night",
        noise_traffic=True,
    ),
    Place(
        name="Tokyo Station Marunouchi Building",
        name_ja="東京駅丸の内駅舎",
        name_kana="とうきょうえきまるのうちえきしゃ",
        name_romaji="Tokyo-eki Marunouchi Ekisha",
        category="transport",
        prefecture="tokyo",
        municipality="Chiyoda-ku",
        latitude=35.6812,
        longitude=139.7671,
        description=(
            "The red-brick Marunouchi side of Tokyo Station, opened in 1914 and restored "
            "with its domes in 2012, facing a plaza that leads toward the Imperial Palace."
        ),
        description_ja=(
            "1914年開業の赤レンガの東京駅丸の内駅舎。2012年にドームを含む創建時の姿に復原され、皇居へ続く駅前広場に面する。"
        ),
        tags=("brick", "retro", "night"),
        permit_authority=(
            "East Japan Railway Company (JR East) for the station; police road-use "
            "permission for the roads"
        ),
        permit_lead_days=TOKYO_ROAD_DAYS,
        permit_notes=TOKYO_ROAD_NOTE,
        view_facing="E",
        light_notes="The facade faces west: front-lit in the afternoon.",
        noise_trains=True,
        noise_traffic=True,
    ),
    Place(
        name="Akihabara Electric Town",
        name_ja="秋葉原電気街",
        name_kana="あきはばらでんきがい",
        name_romaji="Akihabara Denkigai",
        category="urban",
        prefecture="tokyo",
        municipality="Chiyoda-ku",
        latitude=35.6995,
        longitude=139.7711,
        description=(
            "Chuo-dori's electronics and anime stores under stacked signs; the street is "
            "closed to cars on Sunday afternoons. (Draft example: an unfinished entry, "
            "visible to staff only.)"
        ),
        description_ja=(
            "中央通りに電器店やアニメ専門店が並び、看板が幾重にも重なる街。日曜の午後は歩行者天国になる。（下書きの例：スタッフにだけ表示される未完成の項目）"
        ),
        tags=("neon", "crowds", "modern"),
        status=Status.DRAFT,
        permit_authority="Police road-use permission (道路使用許可), Manseibashi Police Station",
        permit_lead_days=TOKYO_ROAD_DAYS,
        permit_notes=TOKYO_ROAD_NOTE,
        noise_traffic=True,
    ),
    Place(
        name="Great Buddha of Kamakura (Kotoku-in)",
        name_ja="高徳院 鎌倉大仏",
        name_kana="こうとくいん かまくらだいぶつ",
        name_romaji="Kotokuin Kamakura Daibutsu",
        category="temple",
        prefecture="kanagawa",
        municipality="Kamakura",
        latitude=35.3167,
        longitude=139.5358,
        description=(
            "A bronze Amida Buddha about 11 m tall, sitting in the open air since its hall "
            "was lost centuries ago."
        ),
        description_ja=("高さ約11mの青銅の阿弥陀如来坐像。大仏殿が失われて以来、露座のまま残る。"),
        tags=("buddha", "heritage"),
        permit_authority="The temple office (高徳院)",
        permit_notes=TEMPLE_NOTE,
    ),
    Place(
        name="Kamakura-Kokomae Level Crossing",
        name_ja="鎌倉高校前駅の踏切",
        name_kana="かまくらこうこうまええきのふみきり",
        name_romaji="Kamakura Kokomae-eki no Fumikiri",
        category="transport",
        prefecture="kanagawa",
        municipality="Kamakura",
        latitude=35.3066,
        longitude=139.5006,
        description=(
            "The Enoden level crossing by Kamakura-Kokomae Station, with the sea and "
            "Enoshima behind the passing trains; famous from anime."
        ),
        description_ja=(
            "江ノ電・鎌倉高校前駅そばの踏切。通過する電車の向こうに海と江の島が広がり、アニメの舞台として知られる。"
        ),
        tags=("sea", "train", "anime", "crowds"),
        permit_authority=(
            "Enoshima Electric Railway (江ノ電) for its property; police road-use permission "
            "for the road"
        ),
        restrictions=(
            "A residential street: visitors are asked not to stand in the road, and the "
            "coast road below is busy."
        ),
        nearest_station="Kamakura-Kokomae Station",
        noise_trains=True,
        noise_traffic=True,
    ),
    Place(
        name="Yokohama Red Brick Warehouse",
        name_ja="横浜赤レンガ倉庫",
        name_kana="よこはまあかれんがそうこ",
        name_romaji="Yokohama Aka Renga Soko",
        category="building",
        prefecture="kanagawa",
        municipality="Naka-ku, Yokohama",
        latitude=35.4527,
        longitude=139.6428,
        description=(
            "Two brick customs warehouses from the early 1900s on Yokohama's waterfront, now "
            "shops and event halls around a large plaza."
        ),
        description_ja=(
            "明治末から大正初めに建てられた2棟の赤レンガの保税倉庫。現在は商業施設とイベント広場になっている。"
        ),
        tags=("brick", "sea", "retro", "night"),
        permit_authority="The facility's operator",
    ),
    Place(
        name="Nikko Toshogu",
        name_ja="日光東照宮",
        name_kana="にっこうとうしょうぐう",
        name_romaji="Nikko Toshogu",
        category="shrine",
        prefecture="tochigi",
        municipality="Nikko",
        latitude=36.7580,
        longitude=139.5988,
        description=(
            "The lavishly carved and gilded shrine of Tokugawa Ieyasu in cedar forest, part "
            "of the Shrines and Temples of Nikko World Heritage Site."
        ),
        description_ja=(
            "徳川家康を祀る、彫刻と金箔で飾られた社殿。杉木立の中にあり、世界遺産「日光の社寺」の一つ。"
        ),
        tags=("period-drama", "heritage", "forest"),
        permit_authority="The shrine office (日光東照宮)",
        permit_notes=SHRINE_NOTE,
        best_season="Autumn leaves (late October to November)",
    ),
    Place(
        name="Tomioka Silk Mill",
        name_ja="富岡製糸場",
        name_kana="とみおかせいしじょう",
        name_romaji="Tomioka Seishijo",
        category="industrial",
        prefecture="gunma",
        municipality="Tomioka",
        latitude=36.2553,
        longitude=138.8878,
        description=(
            "Japan's first government-built modern silk-reeling mill, opened in 1872: long "
            "brick cocoon warehouses and a reeling hall, now a World Heritage Site."
        ),
        description_ja=(
            "1872年に官営で開業した日本初の本格的な器械製糸工場。レンガ造りの繭倉庫と繰糸場が残る世界遺産。"
        ),
        tags=("brick", "heritage", "meiji"),
        permit_authority="Tomioka City (the site's owner)",
    ),
    # ── Chubu ────────────────────────────────────────────────────────────────────────────
    Place(
        name="Chureito Pagoda",
        name_ja="新倉山浅間公園 忠霊塔",
        name_kana="あらくらやませんげんこうえん ちゅうれいとう",
        name_romaji="Arakurayama Sengen Koen Chureito",
        category="park",
        prefecture="yamanashi",
        municipality="Fujiyoshida",
        latitude=35.5012,
        longitude=138.8012,
        description=(
            "A five-storey pagoda on the hillside of Arakurayama Sengen Park with Mount Fuji "
            "behind it, reached by a long flight of steps."
        ),
        description_ja=(
            "新倉山浅間公園の中腹に建つ五重塔（忠霊塔）。背後に富士山を望み、長い石段を上って至る。"
        ),
        tags=("mount-fuji", "cherry-blossom", "stairs", "autumn-leaves"),
        featured=True,
        permit_authority="Fujiyoshida City and Arakura Fuji Sengen Shrine",
        best_season="Cherry blossom in April; clear winter days for Fuji",
        best_time_of_day="Early morning, when Fuji is most often clear",
        load_in="Equipment is hand-carried up the steps.",
    ),
    Place(
        name="Matsumoto Castle",
        name_ja="松本城",
        name_kana="まつもとじょう",
        name_romaji="Matsumotojo",
        category="castle",
        prefecture="nagano",
        municipality="Matsumoto",
        latitude=36.2386,
        longitude=137.9689,
        description=(
            "An original castle keep and national treasure, its black walls reflected in the "
            "moat, with the Northern Alps beyond."
        ),
        description_ja=("国宝の現存天守。黒い天守が内堀に映り、背後に北アルプスを望む。"),
        tags=("period-drama", "moat", "mountains", "snow"),
        permit_authority="Matsumoto City (Matsumoto Castle management office)",
    ),
    Place(
        name="Shirakawa-go (Ogimachi)",
        name_ja="白川郷 荻町合掌造り集落",
        name_kana="しらかわごう おぎまちがっしょうづくりしゅうらく",
        name_romaji="Shirakawago Ogimachi",
        category="rural",
        prefecture="gifu",
        municipality="Shirakawa (Ono District)",
        latitude=36.2576,
        longitude=136.9062,
        description=(
            "A village of steep thatched gassho-zukuri farmhouses in a mountain valley, a "
            "World Heritage Site; deep in snow in winter."
        ),
        description_ja=(
            "山あいの谷に急勾配の茅葺き屋根の合掌造り家屋が並ぶ集落。世界遺産で、冬は深い雪に覆われる。"
        ),
        tags=("snow", "thatch", "heritage", "period-drama"),
        featured=True,
        permit_authority="Shirakawa Village office; the houses are lived-in private homes",
        restrictions=(
            "People live here: do not enter private land. Very crowded on winter light-up evenings."
        ),
        best_season="Winter snow; early summer green rice fields",
    ),
    Place(
        name="Kenroku-en",
        name_ja="兼六園",
        name_kana="けんろくえん",
        name_romaji="Kenrokuen",
        category="garden",
        prefecture="ishikawa",
        municipality="Kanazawa",
        latitude=36.5621,
        longitude=136.6625,
        description=(
            "A large Edo-period stroll garden beside Kanazawa Castle, known for its ponds, "
            "two-legged stone lantern and the yukitsuri ropes that protect its pines from snow."
        ),
        description_ja=(
            "金沢城に隣接する江戸時代の回遊式庭園。池や徽軫灯籠、松を雪から守る雪吊りで知られる。"
        ),
        tags=("garden", "snow", "autumn-leaves", "pond"),
        permit_authority="Ishikawa Prefecture (Kenroku-en management office)",
    ),
    Place(
        name="Higashi Chaya District",
        name_ja="ひがし茶屋街",
        name_kana="ひがしちゃやがい",
        name_romaji="Higashi Chayagai",
        category="historic-district",
        prefecture="ishikawa",
        municipality="Kanazawa",
        latitude=36.5724,
        longitude=136.6667,
        description=(
            "Streets of 19th-century wooden teahouses with fine latticed fronts; some still "
            "host geisha entertainment in the evening."
        ),
        description_ja=(
            "江戸後期の格子戸の茶屋建築が並ぶ町並み。今も夜にお座敷を開くお茶屋がある。"
        ),
        tags=("period-drama", "wooden", "geisha"),
        permit_authority=(
            "Kanazawa City and the building owners; police road-use permission for the street"
        ),
        best_time_of_day="Early morning before the shops open",
    ),
    # ── Kansai ───────────────────────────────────────────────────────────────────────────
    Place(
        name="Kinkaku-ji",
        name_ja="金閣寺（鹿苑寺）",
        name_kana="きんかくじ（ろくおんじ）",
        name_romaji="Kinkakuji",
        category="temple",
        prefecture="kyoto",
        municipality="Kita-ku, Kyoto",
        latitude=35.0394,
        longitude=135.7292,
        description=(
            "The gold-leaf-covered Golden Pavilion of Rokuon-ji, reflected in its pond. The "
            "present building is a 1955 reconstruction after the pavilion was burned by an "
            "arsonist in 1950."
        ),
        description_ja=(
            "鹿苑寺の舎利殿「金閣」。金箔に覆われた楼閣が鏡湖池に映る。現在の建物は1950年の放火による焼失後、1955年に再建されたもの。"
        ),
        tags=("garden", "pond", "snow", "heritage"),
        permit_authority="The temple office (鹿苑寺)",
        permit_notes=TEMPLE_NOTE,
        restrictions=(
            "Visitors follow a one-way path; the pavilion's interior is not open to the public."
        ),
        best_season="Rare snowy mornings in winter",
    ),
    Place(
        name="Fushimi Inari Taisha",
        name_ja="伏見稲荷大社",
        name_kana="ふしみいなりたいしゃ",
        name_romaji="Fushimi Inari Taisha",
        category="shrine",
        prefecture="kyoto",
        municipality="Fushimi-ku, Kyoto",
        latitude=34.9671,
        longitude=135.7727,
        description=(
            "The head shrine of Inari, where thousands of vermilion torii form tunnels up "
            "Mount Inari behind the main halls."
        ),
        description_ja=(
            "全国の稲荷神社の総本宮。本殿の背後、稲荷山へと朱の鳥居が連なる「千本鳥居」で知られる。"
        ),
        tags=("torii", "crowds", "stairs", "night"),
        featured=True,
        permit_authority="The shrine office (伏見稲荷大社)",
        permit_notes=SHRINE_NOTE,
        restrictions=(
            "The grounds are open at all hours; the lower torii tunnels are crowded from "
            "mid-morning."
        ),
        nearest_station="JR Inari Station / Fushimi-Inari Station (Keihan)",
        best_time_of_day="Dawn, or after dark",
        load_in="The path up the mountain is stepped: hand-carry.",
    ),
    Place(
        name="Kiyomizu-dera",
        name_ja="清水寺",
        name_kana="きよみずでら",
        name_romaji="Kiyomizudera",
        category="temple",
        prefecture="kyoto",
        municipality="Higashiyama-ku, Kyoto",
        latitude=34.9949,
        longitude=135.7850,
        description=(
            "A hillside temple whose main hall stands on a great wooden stage over the slope, "
            "looking out over Kyoto; approached by the busy lanes of Higashiyama."
        ),
        description_ja=(
            "東山の中腹に建つ寺院。懸造りの本堂の舞台から京都の町を見渡す。参道の坂道はいつも賑わう。"
        ),
        tags=("autumn-leaves", "cherry-blossom", "period-drama", "crowds"),
        permit_authority="The temple office (清水寺)",
        permit_notes=TEMPLE_NOTE,
        best_season="Autumn leaves (late November); cherry blossom (early April)",
    ),
    Place(
        name="Arashiyama Bamboo Grove",
        name_ja="嵐山 竹林の小径",
        name_kana="あらしやま ちくりんのこみち",
        name_romaji="Arashiyama Chikurin no Komichi",
        category="nature",
        prefecture="kyoto",
        municipality="Ukyo-ku, Kyoto",
        latitude=35.0170,
        longitude=135.6716,
        description=(
            "A path of a few hundred metres between towering bamboo in Sagano, beside "
            "Tenryu-ji; green, dim and quiet only at dawn."
        ),
        description_ja=(
            "嵯峨野の天龍寺そば、高い竹の間を数百メートル続く小径。静かなのは早朝だけ。"
        ),
        tags=("bamboo", "forest", "crowds"),
        permit_authority="Kyoto City for the path; the neighbouring temples for their land",
        restrictions="Stay on the path: the groves behind the fences are not public.",
        best_time_of_day="Dawn",
    ),
    Place(
        name="Hanamikoji Street, Gion",
        name_ja="祇園 花見小路通",
        name_kana="ぎおん はなみこうじどおり",
        name_romaji="Gion Hanamikoji-dori",
        category="historic-district",
        prefecture="kyoto",
        municipality="Higashiyama-ku, Kyoto",
        latitude=35.0031,
        longitude=135.7750,
        description=(
            "Gion's street of wooden teahouses and restaurants running south from Shijo-dori; "
            "geiko and maiko pass on their way to appointments in the early evening."
        ),
        description_ja=(
            "四条通から南へ延びる祇園の通り。木造のお茶屋や料亭が並び、夕方には芸妓・舞妓が行き交う。"
        ),
        tags=("period-drama", "geisha", "wooden", "night"),
        permit_authority=(
            "Police road-use permission for the street; the district's residents for the "
            "private lanes"
        ),
        restrictions=(
            "The side lanes are private roads where residents have posted photography bans. "
            "Never film geiko or maiko without their consent."
        ),
        best_time_of_day="Early morning for an empty street",
    ),
    Place(
        name="Togetsukyo Bridge",
        name_ja="渡月橋",
        name_kana="とげつきょう",
        name_romaji="Togetsukyo",
        category="bridge",
        prefecture="kyoto",
        municipality="Ukyo-ku / Nishikyo-ku, Kyoto",
        latitude=35.0129,
        longitude=135.6777,
        description=(
            "A long bridge with wooden railings across the Katsura (Oi) River at Arashiyama, "
            "with wooded hills behind; a classic cherry-blossom and autumn view."
        ),
        description_ja=(
            "嵐山の桂川（大堰川）に架かる木の欄干の橋。背後の山とともに桜と紅葉の名所。"
        ),
        tags=("river", "cherry-blossom", "autumn-leaves"),
        permit_authority="Police road-use permission (the bridge carries a public road)",
        noise_traffic=True,
    ),
    Place(
        name="Dotonbori",
        name_ja="道頓堀",
        name_kana="どうとんぼり",
        name_romaji="Dotonbori",
        category="street",
        prefecture="osaka",
        municipality="Chuo-ku, Osaka",
        latitude=34.6687,
        longitude=135.5013,
        description=(
            "Osaka's canal-side entertainment strip, with the Glico running-man sign at "
            "Ebisu Bridge and giant three-dimensional shop signs; brightest at night."
        ),
        description_ja=(
            "道頓堀川沿いの繁華街。戎橋のグリコサインや巨大な立体看板が並び、夜が最も華やか。"
        ),
        tags=("neon", "night", "crowds", "canal", "food"),
        featured=True,
        permit_authority=(
            "Police road-use permission for the streets; Osaka City for the canal-side walkway"
        ),
        restrictions="Crowded late into the night. " + DRONE_NOTE,
        best_time_of_day="Night",
    ),
    Place(
        name="Osaka Castle",
        name_ja="大阪城",
        name_kana="おおさかじょう",
        name_romaji="Osakajo",
        category="castle",
        prefecture="osaka",
        municipality="Chuo-ku, Osaka",
        latitude=34.6873,
        longitude=135.5259,
        description=(
            "A 1931 concrete reconstruction of Hideyoshi's castle keep, standing on massive "
            "Edo-period stone walls and moats in a large park among office towers."
        ),
        description_ja=(
            "豊臣秀吉の大坂城天守を模して1931年に鉄筋コンクリートで再建された天守。江戸時代の巨大な石垣と堀が残る公園の中に立つ。"
        ),
        tags=("period-drama", "cherry-blossom", "moat", "skyline"),
        permit_authority="Osaka Castle Park management office",
    ),
    Place(
        name="Shinsekai and Tsutenkaku",
        name_ja="新世界・通天閣",
        name_kana="しんせかい・つうてんかく",
        name_romaji="Shinsekai Tsutenkaku",
        category="urban",
        prefecture="osaka",
        municipality="Naniwa-ku, Osaka",
        latitude=34.6525,
        longitude=135.5063,
        description=(
            "A retro entertainment district of kushikatsu counters, game parlours and gaudy "
            "signs around the Tsutenkaku tower."
        ),
        description_ja=("通天閣を中心に、串カツ店や射的、派手な看板が並ぶレトロな繁華街。"),
        tags=("neon", "retro", "night", "food"),
        permit_authority="Police road-use permission for the streets; the tower's operator",
        best_time_of_day="Night",
    ),
    Place(
        name="Todai-ji",
        name_ja="東大寺",
        name_kana="とうだいじ",
        name_romaji="Todaiji",
        category="temple",
        prefecture="nara",
        municipality="Nara",
        latitude=34.6890,
        longitude=135.8398,
        description=(
            "The Great Buddha Hall, among the largest wooden buildings in the world, houses a "
            "bronze Buddha about 15 m tall; deer from Nara Park wander the approach."
        ),
        description_ja=(
            "世界最大級の木造建築である大仏殿に、高さ約15mの盧舎那仏を安置する。参道には奈良公園の鹿が歩く。"
        ),
        tags=("deer", "period-drama", "heritage", "crowds"),
        permit_authority="The temple office (東大寺)",
        permit_notes=TEMPLE_NOTE,
    ),
    Place(
        name="Himeji Castle",
        name_ja="姫路城",
        name_kana="ひめじじょう",
        name_romaji="Himejijo",
        category="castle",
        prefecture="hyogo",
        municipality="Himeji",
        latitude=34.8394,
        longitude=134.6939,
        description=(
            "The white 'Heron Castle', the finest of Japan's original castle keeps, with a "
            "maze of gates and walls; a World Heritage Site often used for period films."
        ),
        description_ja=(
            "白鷺城とも呼ばれる現存天守の城で、世界遺産。迷路のような門と石垣が残り、時代劇の撮影にもよく使われる。"
        ),
        tags=("period-drama", "cherry-blossom", "heritage"),
        featured=True,
        permit_authority="Himeji City (Himeji Castle management office)",
        view_facing="N",
        light_notes="The classic view from Sannomaru Square looks north at the sunlit south face.",
        best_season="Cherry blossom (early April)",
    ),
    Place(
        name="Akashi Kaikyo Bridge",
        name_ja="明石海峡大橋",
        name_kana="あかしかいきょうおおはし",
        name_romaji="Akashi Kaikyo Ohashi",
        category="bridge",
        prefecture="hyogo",
        municipality="Tarumi-ku, Kobe / Awaji",
        latitude=34.6167,
        longitude=135.0206,
        description=(
            "A suspension bridge of almost 4 km across the Akashi Strait to Awaji Island; its "
            "1,991 m central span was the world's longest until 2022."
        ),
        description_ja=(
            "明石海峡を渡って淡路島へ至る全長約3.9kmの吊り橋。中央支間1,991mは2022年まで世界最長だった。"
        ),
        tags=("sea", "night", "modern"),
        permit_authority=(
            "The bridge's operator (Honshu-Shikoku Bridge Expressway); Hyogo Prefecture for "
            "shore views from Maiko Park"
        ),
        best_time_of_day="Night, when the cables are lit",
    ),
    Place(
        name="Ise Grand Shrine (Naiku)",
        name_ja="伊勢神宮 内宮",
        name_kana="いせじんぐう ないくう",
        name_romaji="Ise Jingu Naiku",
        category="shrine",
        prefecture="mie",
        municipality="Ise",
        latitude=34.4550,
        longitude=136.7257,
        description=(
            "The inner shrine of Ise, to the sun goddess Amaterasu, entered over the Uji "
            "Bridge across the Isuzu River; its sanctuaries are rebuilt every 20 years."
        ),
        description_ja=(
            "天照大御神を祀る伊勢神宮の内宮。五十鈴川に架かる宇治橋を渡って参る。社殿を20年ごとに建て替える式年遷宮で知られる。"
        ),
        tags=("forest", "river", "sacred"),
        permit_authority="Jingu Shicho (神宮司庁, the shrine administration)",
        permit_notes=SHRINE_NOTE,
        restrictions="No photography of the main sanctuary from the steps upward.",
    ),
    Place(
        name="Nachi Falls",
        name_ja="那智の滝",
        name_kana="なちのたき",
        name_romaji="Nachi no Taki",
        category="nature",
        prefecture="wakayama",
        municipality="Nachikatsuura",
        latitude=33.6756,
        longitude=135.8879,
        description=(
            "Japan's tallest single-drop waterfall at 133 m, worshipped by Hiro Shrine; the "
            "classic view puts Seiganto-ji's three-storey pagoda in front of it. Part of the "
            "Kii Mountains World Heritage Site."
        ),
        description_ja=(
            "落差133mの日本一の名瀑で、飛瀧神社の御神体。青岸渡寺の三重塔と並ぶ構図で知られる。世界遺産「紀伊山地の霊場と参詣道」の一部。"
        ),
        tags=("waterfall", "forest", "sacred"),
        permit_authority="Kumano Nachi Taisha (Hiro Shrine) and Seiganto-ji",
        permit_notes=SHRINE_NOTE,
    ),
    # ── Chugoku ──────────────────────────────────────────────────────────────────────────
    Place(
        name="Itsukushima Shrine",
        name_ja="厳島神社",
        name_kana="いつくしまじんじゃ",
        name_romaji="Itsukushima Jinja",
        category="shrine",
        prefecture="hiroshima",
        municipality="Hatsukaichi (Miyajima)",
        latitude=34.2960,
        longitude=132.3198,
        description=(
            "The shrine on Miyajima whose vermilion halls and great torii stand in the sea at "
            "high tide; at low tide you can walk out to the torii."
        ),
        description_ja=(
            "宮島の神社。満潮時には朱塗りの社殿と大鳥居が海に浮かんで見え、干潮時には大鳥居まで歩いて行ける。"
        ),
        tags=("torii", "sea", "deer", "heritage"),
        permit_authority="The shrine office (厳島神社)",
        permit_notes=SHRINE_NOTE,
        restrictions="The tide decides the shot: check the tide tables.",
        unit_move_notes="Everything crosses by ferry from Miyajimaguchi.",
    ),
    Place(
        name="Atomic Bomb Dome",
        name_ja="原爆ドーム",
        name_kana="げんばくどーむ",
        name_romaji="Genbaku Domu",
        category="building",
        prefecture="hiroshima",
        municipality="Naka-ku, Hiroshima",
        latitude=34.3955,
        longitude=132.4536,
        description=(
            "The ruin of the Prefectural Industrial Promotion Hall, kept as it stood after the "
            "atomic bombing of 6 August 1945; a World Heritage Site beside the Motoyasu River."
        ),
        description_ja=(
            "1945年8月6日の原爆投下後の姿のまま保存されている旧広島県産業奨励館。元安川のほとりに立つ世界遺産。"
        ),
        tags=("memorial", "river", "heritage"),
        permit_authority="Hiroshima City",
        restrictions="A memorial: film with respect. The ruin is fenced and cannot be entered.",
    ),
    Place(
        name="Kurashiki Bikan Historical Quarter",
        name_ja="倉敷美観地区",
        name_kana="くらしきびかんちく",
        name_romaji="Kurashiki Bikan Chiku",
        category="historic-district",
        prefecture="okayama",
        municipality="Kurashiki",
        latitude=34.5955,
        longitude=133.7720,
        description=(
            "A willow-lined canal with white-walled merchant storehouses, stone bridges and "
            "the Ohara Museum of Art; lit up in the evening."
        ),
        description_ja=(
            "柳並木の倉敷川沿いに白壁の蔵屋敷、石橋、大原美術館が並ぶ町並み。夜はライトアップされる。"
        ),
        tags=("canal", "period-drama", "night"),
        permit_authority="Kurashiki City and the property owners",
    ),
    Place(
        name="Tottori Sand Dunes",
        name_ja="鳥取砂丘",
        name_kana="とっとりさきゅう",
        name_romaji="Tottori Sakyu",
        category="nature",
        prefecture="tottori",
        municipality="Tottori",
        latitude=35.5410,
        longitude=134.2286,
        description=(
            "Coastal dunes stretching about 16 km beside the Sea of Japan, with wind ripples "
            "and steep slopes; part of San'in Kaigan National Park."
        ),
        description_ja=(
            "日本海沿いに東西約16kmにわたって広がる砂丘。風紋や急な斜面が見られ、山陰海岸国立公園の一部。"
        ),
        tags=("sand", "sea", "desert"),
        permit_authority="Tottori Prefecture (the dunes lie in a national park)",
        best_time_of_day="Low sun for the ripples: early morning or late afternoon",
    ),
    Place(
        name="Izumo Taisha",
        name_ja="出雲大社",
        name_kana="いずもおおやしろ",
        name_romaji="Izumo Oyashiro (Izumo Taisha)",
        category="shrine",
        prefecture="shimane",
        municipality="Izumo",
        latitude=35.4020,
        longitude=132.6855,
        description=(
            "One of Japan's oldest and most important shrines, known for the huge twisted "
            "straw shimenawa rope over its Kaguraden hall."
        ),
        description_ja=("日本最古級の由緒ある神社。神楽殿に掛かる巨大な注連縄で知られる。"),
        tags=("sacred", "wooden"),
        permit_authority="The shrine office (出雲大社)",
        permit_notes=SHRINE_NOTE,
    ),
    Place(
        name="Kintaikyo Bridge",
        name_ja="錦帯橋",
        name_kana="きんたいきょう",
        name_romaji="Kintaikyo",
        category="bridge",
        prefecture="yamaguchi",
        municipality="Iwakuni",
        latitude=34.1676,
        longitude=132.1782,
        description=(
            "A wooden bridge of five arches across the Nishiki River, first built in 1673 and "
            "rebuilt since with traditional joinery; Iwakuni Castle stands on the hill above."
        ),
        description_ja=(
            "錦川に架かる五連の木造アーチ橋。1673年の創建以来、伝統工法で架け替えられてきた。山上に岩国城を望む。"
        ),
        tags=("wooden", "river", "cherry-blossom", "period-drama"),
        permit_authority="Iwakuni City",
    ),
    # ── Shikoku ──────────────────────────────────────────────────────────────────────────
    Place(
        name="Ritsurin Garden",
        name_ja="栗林公園",
        name_kana="りつりんこうえん",
        name_romaji="Ritsurin Koen",
        category="garden",
        prefecture="kagawa",
        municipality="Takamatsu",
        latitude=34.3290,
        longitude=134.0442,
        description=(
            "A large Edo-period daimyo garden of six ponds and thirteen landscaped hills below "
            "Mount Shiun, with a teahouse and boats on the water."
        ),
        description_ja=(
            "紫雲山を背に、六つの池と十三の築山を配した江戸時代の大名庭園。茶室があり、池には和船が浮かぶ。"
        ),
        tags=("garden", "pond", "period-drama"),
        permit_authority="Kagawa Prefecture (Ritsurin Garden office)",
    ),
    Place(
        name="Dogo Onsen Honkan",
        name_ja="道後温泉本館",
        name_kana="どうごおんせんほんかん",
        name_romaji="Dogo Onsen Honkan",
        category="building",
        prefecture="ehime",
        municipality="Matsuyama",
        latitude=33.8521,
        longitude=132.7864,
        description=(
            "A three-storey wooden public bathhouse of 1894 with a drum tower on its roof, "
            "still open to bathers."
        ),
        description_ja=(
            "1894年に建てられた木造三層楼の公衆浴場。屋上に振鷺閣を載せ、今も営業している。"
        ),
        tags=("wooden", "onsen", "night", "retro"),
        permit_authority="Matsuyama City (the bathhouse's owner)",
        best_time_of_day="Evening, when the windows glow",
    ),
    Place(
        name="Katsurahama Beach",
        name_ja="桂浜",
        name_kana="かつらはま",
        name_romaji="Katsurahama",
        category="waterfront",
        prefecture="kochi",
        municipality="Kochi",
        latitude=33.4972,
        longitude=133.5746,
        description=(
            "A curving Pacific beach between pine-covered headlands, with a statue of Sakamoto "
            "Ryoma on the bluff; the waves are strong and swimming is prohibited. (Review "
            "example: submitted by a fixer, waiting for an editor.)"
        ),
        description_ja=(
            "太平洋に面した弓なりの浜。松の岬に挟まれ、高台に坂本龍馬像が立つ。波が荒く遊泳禁止。（レビュー待ちの例：フィクサーが提出し、編集者の確認待ち）"
        ),
        tags=("sea", "beach"),
        status=Status.REVIEW,
        permit_authority="Kochi City",
    ),
    # ── Kyushu-Okinawa ───────────────────────────────────────────────────────────────────
    Place(
        name="Hashima (Gunkanjima)",
        name_ja="端島（軍艦島）",
        name_kana="はしま（ぐんかんじま）",
        name_romaji="Hashima (Gunkanjima)",
        category="industrial",
        prefecture="nagasaki",
        municipality="Nagasaki",
        latitude=32.6277,
        longitude=129.7386,
        description=(
            "An abandoned undersea coal-mining island packed with concrete apartment blocks, "
            "its sea walls giving it the look of a battleship; deserted since 1974."
        ),
        description_ja=(
            "海底炭鉱の島。コンクリートの集合住宅が密集し、護岸に囲まれた姿が軍艦に似る。1974年から無人島。"
        ),
        tags=("ruins", "sea", "concrete"),
        permit_authority="Nagasaki City (the owner); special permission beyond the visitor route",
        restrictions=(
            "Landing only from licensed tour boats onto a fenced visitor route, and only when "
            "the sea allows; the buildings are unsafe and off limits."
        ),
        unit_move_notes="By boat from Nagasaki Port.",
    ),
    Place(
        name="Dazaifu Tenmangu",
        name_ja="太宰府天満宮",
        name_kana="だざいふてんまんぐう",
        name_romaji="Dazaifu Tenmangu",
        category="shrine",
        prefecture="fukuoka",
        municipality="Dazaifu",
        latitude=33.5215,
        longitude=130.5349,
        description=(
            "The head shrine of Sugawara no Michizane, god of learning, reached over arched "
            "bridges across a pond; its plum trees flower in February."
        ),
        description_ja=(
            "学問の神・菅原道真を祀る天満宮の総本宮。心字池に架かる太鼓橋を渡って参る。2月には梅が咲く。"
        ),
        tags=("plum-blossom", "bridge", "crowds"),
        permit_authority="The shrine office (太宰府天満宮)",
        permit_notes=SHRINE_NOTE,
    ),
    Place(
        name="Kumamoto Castle",
        name_ja="熊本城",
        name_kana="くまもとじょう",
        name_romaji="Kumamotojo",
        category="castle",
        prefecture="kumamoto",
        municipality="Chuo-ku, Kumamoto",
        latitude=32.8062,
        longitude=130.7058,
        description=(
            "A great castle known for its steeply curving stone walls. Badly damaged in the "
            "2016 earthquakes, its keep reopened in 2021 while wall repairs go on for years."
        ),
        description_ja=(
            "反りの強い石垣で知られる名城。2016年の熊本地震で大きな被害を受け、天守は2021年に公開を再開した。石垣の復旧は長く続く。"
        ),
        tags=("period-drama", "cherry-blossom"),
        permit_authority="Kumamoto City (Kumamoto Castle management office)",
        restrictions="Parts of the grounds are closed for repairs.",
    ),
    Place(
        name="Takachiho Gorge",
        name_ja="高千穂峡",
        name_kana="たかちほきょう",
        name_romaji="Takachihokyo",
        category="nature",
        prefecture="miyazaki",
        municipality="Takachiho",
        latitude=32.7023,
        longitude=131.3007,
        description=(
            "A narrow gorge of columnar cliffs, volcanic rock from Aso's ancient eruptions cut "
            "by the Gokase River, with the Manai Falls dropping into it; rowing boats can be "
            "hired on the water below."
        ),
        description_ja=(
            "阿蘇の火砕流がつくった柱状節理の崖を五ヶ瀬川が刻んだ峡谷。真名井の滝が流れ落ち、ボートで川面から眺められる。"
        ),
        tags=("waterfall", "river", "forest"),
        permit_authority="Takachiho Town",
    ),
    Place(
        name="Sengan-en",
        name_ja="仙巌園",
        name_kana="せんがんえん",
        name_romaji="Senganen",
        category="garden",
        prefecture="kagoshima",
        municipality="Kagoshima",
        latitude=31.6178,
        longitude=130.5768,
        description=(
            "The Shimadzu lords' seaside villa garden, which borrows the Sakurajima volcano "
            "and Kagoshima Bay as its backdrop."
        ),
        description_ja=("島津家の別邸庭園。桜島と錦江湾を借景とする。"),
        tags=("garden", "volcano", "sea", "period-drama"),
        permit_authority="The garden's owner (Shimadzu Limited)",
    ),
    Place(
        name="Shuri Castle",
        name_ja="首里城",
        name_kana="しゅりじょう",
        name_romaji="Shurijo",
        category="castle",
        prefecture="okinawa",
        municipality="Naha",
        latitude=26.2170,
        longitude=127.7195,
        description=(
            "The hilltop palace of the Ryukyu Kingdom, with red-lacquered halls and curving "
            "limestone walls. The main hall burned in 2019 and is being rebuilt: check what "
            "stands before planning."
        ),
        description_ja=(
            "琉球王国の王城。朱塗りの正殿と曲線を描く石垣で知られる。正殿は2019年に焼失して再建中のため、計画の前に現況を確認すること。"
        ),
        tags=("period-drama", "ryukyu", "heritage"),
        permit_authority="Shurijo Castle Park management",
        permit_notes=OKINAWA_NOTE,
    ),
    Place(
        name="Cape Manzamo",
        name_ja="万座毛",
        name_kana="まんざもう",
        name_romaji="Manzamo",
        category="nature",
        prefecture="okinawa",
        municipality="Onna",
        latitude=26.5047,
        longitude=127.8497,
        description=(
            "A raised coral-limestone cliff over the East China Sea whose tip looks like an "
            "elephant's trunk, with grass on top and clear water below."
        ),
        description_ja=(
            "東シナ海に面した隆起サンゴ礁の断崖。象の鼻のような岩で知られ、上は草地、下には透明な海が広がる。"
        ),
        tags=("sea", "cliff", "sunset"),
        permit_authority="Onna Village",
        permit_notes=OKINAWA_NOTE,
        best_time_of_day="Sunset",
    ),
]
