"""Keyword search: the text normalisation and the one search every list and admin uses.

Both databases compare the same pre-normalised text, so SQLite and PostgreSQL return the
same results: NFKC folds full-width/half-width forms (ＳＨＩＢＵＹＡ → SHIBUYA, ｶﾀｶﾅ → カタカナ),
casefold folds case in every script, the accents of Latin letters go (Hepburn's macrons:
Kyōto, Tôkyô and Kyoto are one word), and katakana is folded to hiragana so that
キンカクジ and きんかくじ are one word. `keyword_search` (the querysets' `.search()` through
`KeywordSearchMixin`) is the single implementation behind /locations/, /studios/,
/film-commissions/, their /api/ lists and the admin's search boxes.
"""

import re
import unicodedata

import jaconv
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from locations.caching import build_once, catalogue_version

# Anything that is not a letter or digit in any script: hyphens, spaces, dots, the
# Japanese middle dot and long-vowel bar variants that romanisations disagree on.
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
# Runs of letters and digits outside ASCII: Japanese words, which have no spaces.
_NON_ASCII_WORDS = re.compile(r"[^\W\x00-\x7f]+")
# Long vowels as the kana spell them (pykakasi, wāpuro romaji): Toukyou, Doutonbori, Ryougoku.
_KANA_LONG_VOWELS = re.compile(r"(?<=o)[ou]|(?<=u)u")


def normalize(text: str) -> str:
    """Return `text` folded for comparison: NFKC, casefold, no accents on Latin letters,
    katakana → hiragana, spaces squeezed."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    folded = jaconv.kata2hira(_without_latin_accents(folded))
    return " ".join(folded.split())


def _without_latin_accents(text: str) -> str:
    """`text` without the combining marks on ASCII letters (ō → o, é → e); the marks of
    other scripts stay (the dakuten of が is a combining mark once decomposed)."""
    if text.isascii():
        return text
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def compact(text: str) -> str:
    """Return the normalised text without separators: "Kinkaku-ji" → "kinkakuji"."""
    return _SEPARATORS.sub("", normalize(text))


def short_vowels(romaji: str) -> str:
    """The compacted `romaji` with its long vowels spelt short (Doutonbori → dotonbori,
    Ryougoku → ryogoku), or "" when it has none: the Hepburn spelling a visitor types.

    Only for romanised readings, and only on the document side: folding "ou" in queries or in
    English text would make "tour" find "historic" ("tor").
    """
    text = compact(romaji)
    folded = _KANA_LONG_VOWELS.sub("", text)
    return folded if folded != text else ""


def search_document(*parts: str) -> str:
    """Build the stored search column: each part compacted, joined by " | ".

    A query term never holds a separator (`query_terms` splits on them), so it is inside a
    part's normalised text only within one run of letters and digits, and that run is
    whole in the compacted part: the compacted copy alone finds everything a spaced copy
    would, and more ("kinkakuji" finds "Kinkaku-ji", "tokyotower" finds "Tokyo Tower").
    The column is half as long as with both copies, which halves the cost of `LIKE` on
    every row PostgreSQL checks (issue 6). The separator keeps terms from spanning parts.
    """
    return " | ".join(c for c in (compact(part) for part in parts) if c)


def query_terms(query: str) -> list[str]:
    """Split a user's query into normalised terms; every term must match (AND).

    Separators split terms too ("Kinkaku-ji" → kinkaku, ji): each piece of a hyphenated or
    dotted word is in the document whenever the whole is, and the pieces also find the places
    written without the separator ("Kinkakuji Temple") or with another dash (‐, ・).
    """
    terms = []
    for word in _SEPARATORS.split(normalize(query)):
        if word and word not in terms:
            terms.append(word)
    return terms[:8]  # a bound on the SQL we build from user input


def search_grams(search_text: str) -> str:
    """Every one- and two-character piece of the non-ASCII words of `search_text`, each once,
    as space-separated tokens with a space at both ends: " 京 都 京都 ".

    Short Japanese terms (京都, 滝) have no trigrams, so PostgreSQL's trigram index on
    `search_text` cannot find them and a `LIKE '%京都%'` reads every row. A term of one or two
    non-ASCII characters is inside `search_text` exactly when it is a token here (a query
    term never holds a separator, so it lies within one run), and the trigram index on this
    column finds the token `" 京都 "` as a word (`short_term_token`).
    """
    grams: dict[str, None] = {}
    for run in _NON_ASCII_WORDS.findall(search_text):
        for i, char in enumerate(run):
            grams[char] = None
            if i + 1 < len(run):
                grams[run[i : i + 2]] = None
    return f" {' '.join(grams)} " if grams else ""


def short_term_token(term: str) -> str | None:
    """`" 京都 "` for a normalised term of one or two non-ASCII characters; else None."""
    if 1 <= len(term) <= 2 and all(ord(char) > 127 for char in term):
        return f" {term} "
    return None


def keyword_search(queryset, query: str):
    """The one keyword search of locations, studios and film commissions (lists, API, admin).

    Every term of `query` must be in the row's stored `search_text` (built by
    `search_document`) or name the row's prefecture (`Prefecture.search_names`: English, Japanese
    or kana reading, from the start, so 京都 and ｷｮｳﾄ find Kyoto, not Tokyo). Blank input
    returns `queryset` untouched. The model needs a `search_text` column and a `prefecture`
    foreign key; a `search_grams` column (locations) only makes short Japanese terms fast.
    """
    terms = query_terms(query)
    if not terms:
        return queryset
    model = queryset.model
    prefectures = _prefecture_names(model._meta.get_field("prefecture").related_model)
    for term in terms:
        # A term names a prefecture at the start of one of its names: 京都 finds 京都府 but
        # not 東京都, and "kyo" does not find Tokyo.
        matching = [pk for pk, names in prefectures if any(n.startswith(term) for n in names)]
        queryset = queryset.filter(_term_condition(model, term, matching))
    return queryset


def _prefecture_names(prefecture_model) -> list[tuple[int, list[str]]]:
    """(pk, `search_names()`) of every prefecture, read and folded once per catalogue version
    (47 × 4 names through NFKC and kana folding were a third of a keyword search's time)."""

    def build():
        return [(p.pk, p.search_names()) for p in prefecture_model.objects.order_by("pk")]

    return build_once("rokehan:prefecture-names", build, catalogue_version(), local=True)


def _term_condition(model, term: str, prefecture_pks: list[int]) -> Q:
    """Rows of `model` matching one term: in their own text or in one of these prefectures.

    Usually no prefecture matches, and the condition is the row's own text alone:
    PostgreSQL then answers it from the trigram index on `search_text` (migration 0008; 0010
    for Japanese terms of one or two characters, through `search_grams`), or walks the name
    index for a common term until a page is full. Otherwise the two id sources are united
    (each one pass over its own table; an OR across them would read every row). Terms of one
    or two characters have no trigrams: one scan with OR. Same rows every way, and the same
    on SQLite (docs/performance.md has the timings).
    """
    token = short_term_token(term)
    if token and _has_field(model, "search_grams"):
        # A short Japanese term: its token in search_grams (indexed) means the same as the LIKE.
        own_text = Q(search_grams__contains=token)
    else:
        own_text = Q(search_text__contains=term)
    if not prefecture_pks:
        return own_text
    if len(term) < 3:
        return own_text | Q(prefecture__in=prefecture_pks)
    rows = model._default_manager
    own = rows.filter(own_text).values("pk")
    in_prefectures = rows.filter(prefecture__in=prefecture_pks).values("pk")
    return Q(pk__in=own.order_by().union(in_prefectures.order_by()))


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class KeywordSearchMixin:
    """QuerySet mixin: `.search(query)` is `keyword_search` (see there)."""

    def search(self, query: str):
        """Rows matching every keyword term, folded for width, case and kana."""
        return keyword_search(self, query)
