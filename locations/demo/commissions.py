"""Real film commissions for the demo: only those whose name and website we could confirm.

Permit facts come from Rokehan's research notes (public sources read 2026-11-24); names and
websites from the public pages named in each `source`. Phone numbers and email addresses are
left empty: none could be confirmed as current. Kyoto's and Fukuoka's commissions are left out
until someone confirms their current websites.
"""

import datetime

from locations.models import FilmCommission, Prefecture

READ_ON = datetime.date(2026, 11, 24)
RESEARCH = (
    "Rokehan research notes: permits as producers meet them (public sources, read 2026-11-24)"
)

COMMISSIONS = [
    {
        "name": "Japan Film Commission",
        "name_ja": "ジャパン・フィルムコミッション",
        "prefecture": None,
        "website": "https://www.japanfc.org/",
        "languages": "Japanese; English website",
        "notes": (
            "The national network of Japan's regional film commissions: ask it which local "
            "office covers a place. It also coordinates with VIPO on the national location "
            "incentive."
        ),
        "notes_ja": (
            "全国のフィルムコミッションのネットワーク。どの地域の窓口に相談すればよいか案内してくれます。"
            "国のロケ誘致補助金（VIPO）とも連携しています。"
        ),
        "source": (
            "http://www.japanfc.org/film-com090329/en/about.html; role in the incentive: "
            "https://www.vipo.or.jp/en/"
        ),
        "verified_on": None,
    },
    {
        "name": "Tokyo Location Box",
        "name_ja": "東京ロケーションボックス",
        "prefecture": "tokyo",
        "website": "https://www.locationbox.metro.tokyo.lg.jp/",
        "languages": "Japanese; English website",
        "permit_lead_days": 14,
        "notes": (
            "The Tokyo Metropolitan Government's filming office. Police road-use permission "
            "takes about 3–5 days; metropolitan facilities want about two weeks' notice and "
            "charge a fee per m² (about ¥41/m² in the 23 wards, 2015 figure). Each police "
            "station or ward decides locally."
        ),
        "notes_ja": (
            "東京都の撮影窓口。警察の道路使用許可は3〜5日ほど。都の施設は2週間ほど前までの申請が必要で、"
            "面積に応じた使用料がかかります（23区で1m²あたり約41円、2015年の数字）。"
            "判断は警察署・区ごとに異なります。"
        ),
        "source": (
            f"{RESEARCH}; police 3–5 days also reported at "
            "https://lifestylewnews.com/lifestyle/want-to-film-in-tokyo-city-welcomes-for-locals-"
            "foreign-shoots-still-hit-covid-restrictions; website: "
            "https://www.locationbox.metro.tokyo.lg.jp/english/"
        ),
        "verified_on": READ_ON,
    },
    {
        "name": "Osaka Film Council",
        "name_ja": "大阪フィルム・カウンシル",
        "prefecture": "osaka",
        "website": "https://osaka-fc.jp/",
        "languages": "Japanese; English website",
        "notes": (
            "Japan's first film commission (February 2000), set up with Osaka Prefecture, "
            "Osaka City and the Osaka Chamber of Commerce; run by the Osaka Convention & "
            "Tourism Bureau. Introduces locations, staff, equipment and volunteer extras."
        ),
        "notes_ja": (
            "日本初のフィルムコミッション（2000年2月設立）。大阪府・大阪市・大阪商工会議所の協力で設立され、"
            "大阪観光局が運営。ロケ地、スタッフ、機材、ボランティアエキストラを紹介します。"
        ),
        "source": "https://osaka-fc.jp/en/council/",
        "verified_on": None,
    },
    {
        "name": "Kobe Film Office",
        "name_ja": "神戸フィルムオフィス",
        "prefecture": "hyogo",
        "city": "Kobe",
        "city_ja": "神戸市",
        "website": "https://www.kobefilm.jp/",
        "languages": "Japanese",
        "notes": (
            "The City of Kobe's filming office since September 2000, run by the Kobe Tourism "
            "Bureau: one window for permission to film on roads, in parks and public facilities."
        ),
        "notes_ja": (
            "2000年9月に発足した神戸市の撮影窓口（神戸観光局が運営）。道路・公園・公共施設での撮影許可の"
            "手続きをまとめて相談できます。"
        ),
        "source": "https://www.city.kobe.lg.jp/a64051/kanko/kisyasiryo/20200901-1.html",
        "verified_on": None,
    },
    {
        "name": "Sapporo Film Commission",
        "name_ja": "札幌フィルムコミッション",
        "prefecture": "hokkaido",
        "city": "Sapporo",
        "city_ja": "札幌市",
        "website": "https://screensapporo.jp/sfc/outline",
        "languages": "Japanese; multilingual staff for productions from abroad",
        "notes": (
            "Run by the Sapporo Industrial Promotion Foundation with the City of Sapporo. As the "
            "Japan Film Commission's Hokkaido block lead it is also the contact for filming "
            "elsewhere in Hokkaido."
        ),
        "notes_ja": (
            "さっぽろ産業振興財団が札幌市と連携して運営。ジャパン・フィルムコミッション北海道ブロック長として、"
            "道内の他の市町村での撮影の連絡窓口にもなります。"
        ),
        "source": "https://screensapporo.jp/sfc/outline",
        "verified_on": None,
    },
    {
        "name": "Okinawa Film Office",
        "name_ja": "沖縄フィルムオフィス",
        "prefecture": "okinawa",
        "website": "https://filmoffice.ocvb.or.jp/",
        "languages": "Japanese; some English",
        "permit_lead_days": 14,
        "notes": (
            "Run by the Okinawa Convention & Visitors Bureau (OCVB). Support requests are on "
            "paper, stamped with the company's seal, and must reach the office (by post or by "
            "hand) two weeks before filming."
        ),
        "notes_ja": (
            "沖縄観光コンベンションビューロー（OCVB）が運営。ロケ支援依頼書に代表者印を押し、"
            "原本を撮影日の2週間前までに郵送または持参します。"
        ),
        "source": f"{RESEARCH}; https://filmoffice.ocvb.or.jp/en/creator/cre1/",
        "verified_on": READ_ON,
    },
]


def load_commissions():
    """Create or update the demo film commissions (idempotent: keyed by name)."""
    from .loader import StepResult, upsert

    result = StepResult("film commissions")
    prefectures = {p.slug: p for p in Prefecture.objects.all()}
    for entry in COMMISSIONS:
        fields = {
            "city": "",
            "city_ja": "",
            "email": "",
            "phone": "",
            "permit_lead_days": None,
            **entry,
        }
        slug = fields.pop("prefecture")
        fields["prefecture"] = prefectures[slug] if slug else None
        _, outcome = upsert(FilmCommission, lookup={"name": fields.pop("name")}, values=fields)
        result.count(outcome)
    return result
