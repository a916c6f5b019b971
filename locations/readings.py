"""Suggested readings (kana and romaji) for Japanese place names, made with pykakasi.

Place-name readings are irregular (太秦 is Uzumasa, not Taishin), so these are suggestions a
fixer confirms before they are saved; they feed the search column through `name_kana` and
`name_romaji`, which is how "kinkakuji" and "きんかくじ" find 金閣寺.
"""

import unicodedata
from typing import NamedTuple

from locations.models.common import _kakasi


class Reading(NamedTuple):
    kana: str
    romaji: str


def suggest_readings(name_ja: str) -> Reading:
    """Hiragana and Hepburn romaji for a Japanese name: 金閣寺 → (きんかくじ, Kinkakuji).

    Each word pykakasi finds is capitalised; a one-word name has no spaces
    (伏見稲荷大社 → Fushimi Inari Taisha). Punctuation such as ・ is dropped from the romaji.
    """
    text = unicodedata.normalize("NFKC", name_ja or "").strip()
    if not text:
        return Reading("", "")
    items = _kakasi().convert(text)
    kana = " ".join("".join(item["hira"] for item in items).split())
    words = []
    for item in items:
        for word in item["hepburn"].split():
            if any(ch.isalnum() for ch in word):
                words.append(word[:1].upper() + word[1:])
    return Reading(kana, " ".join(words))
