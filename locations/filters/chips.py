"""Active filters as removable chips: a label and the list's URL without that filter."""

from dataclasses import dataclass

from django.http import QueryDict

from locations.models import Prefecture
from locations.models.common import is_japanese


@dataclass(frozen=True)
class Chip:
    """An active filter shown as a removable chip: its text and the URL without it."""

    label: str
    remove_url: str


def without(data: QueryDict, key: str, value: str | None = None, also=()) -> str:
    """The query string of `data` with one value of `key` (or all of it) and `also` removed,
    and without `page` (a narrower search starts on page 1)."""
    params = data.copy()
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != value])
    for other in (*also, "page"):
        params.pop(other, None)
    encoded = params.urlencode(safe=",")
    return f"?{encoded}" if encoded else "?"


def prefecture_label(prefecture: Prefecture) -> str:
    """A prefecture's chip: 京都府 on Japanese pages, "Kyoto 京都府" on English ones."""
    if is_japanese():
        return prefecture.name_ja
    return f"{prefecture.name_en} {prefecture.name_ja}"
