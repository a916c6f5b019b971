"""Suggested readings (kana and romaji) for Japanese place names.

Place-name readings are irregular (太秦 is Uzumasa, not Taishin), so these are suggestions
that a person confirms: the admin and the importer fill them only where a fixer left them empty.
"""

import re
from typing import NamedTuple

from locations.models.common import reading_items, romanize

# Particles stay lower-case in a title-cased name: "Oka no Jinja", not "Oka No Jinja".
_PARTICLES = frozenset({"no", "ga", "wo", "ni", "de", "to", "he", "wa"})


class Reading(NamedTuple):
    kana: str
    romaji: str


def suggest_readings(name_ja: str) -> Reading:
    """Hiragana and title-cased romaji (pykakasi's Hepburn, which spells long vowels as the
    kana do: 横丁 → Yokochou, not Yokochō; a fixer confirms or corrects it).

    伏見稲荷大社 → ("ふしみいなりたいしゃ", "Fushimi Inari Taisha").
    """
    if not name_ja or not name_ja.strip():
        return Reading("", "")
    kana = " ".join("".join(item["hira"] for item in reading_items(name_ja)).split())
    words = romanize(name_ja).split()
    romaji = " ".join(
        word if i and word in _PARTICLES else word[:1].upper() + word[1:]
        for i, word in enumerate(words)
    )
    # pykakasi returns brackets as separate words: "( Mihon )" → "(Mihon)".
    romaji = re.sub(r"([(\[（])\s+", r"\1", romaji)
    romaji = re.sub(r"\s+([)\]）,.、。])", r"\1", romaji)
    return Reading(kana, romaji)
