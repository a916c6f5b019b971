"""Reference data a row names (prefectures, categories, tags), loaded once per run."""

from django.utils.translation import gettext as _

from locations.models import Category, Prefecture, Tag
from locations.search import normalize

from .csvfile import TAG_SEPARATOR, Row


class Lookups:
    """Prefectures, categories and tags by every name a fixer may write, loaded once per run."""

    def __init__(self):
        self.prefectures: dict[str, Prefecture] = {}
        self.prefecture_codes: dict[int, Prefecture] = {}
        for p in Prefecture.objects.all():
            for name in (p.name_en, p.name_ja, p.short_name_ja, p.slug):
                self.prefectures[normalize(name)] = p
            self.prefecture_codes[p.code] = p
        self.categories: dict[str, Category] = {}
        for c in Category.objects.all():
            for name in (c.slug, c.name, c.name_ja):
                if name:
                    self.categories[normalize(name)] = c
        self.tags_by_key = {tag.search_name: tag for tag in Tag.objects.all()}

    def prefecture(self, row: Row, *, required: bool = True) -> Prefecture | None:
        """By English or Japanese name (京都府 or 京都), slug, or JIS code (26, 1 or 01)."""
        raw = row.raw("prefecture")
        if not raw:
            if required:
                row.error(_("prefecture is required"))
            return None
        key = normalize(raw)
        if key.isdigit():
            found = self.prefecture_codes.get(int(key))
        else:
            key = key.removesuffix(" prefecture")
            for suffix in ("-ken", "-fu", "-to"):  # Kyoto-fu, Tokyo-to, Nara-ken
                key = key.removesuffix(suffix)
            found = self.prefectures.get(key)
        if found is None:
            row.error(_('unknown prefecture "%(value)s"') % {"value": raw})
        return found

    def category(self, row: Row) -> Category | None:
        raw = row.raw("category")
        if not raw:
            row.error(_("category is required"))
            return None
        found = self.categories.get(normalize(raw))
        if found is None:
            slugs = sorted({c.slug for c in self.categories.values()})
            row.error(
                _('unknown category "%(value)s" (one of: %(choices)s)')
                % {"value": raw, "choices": ", ".join(slugs)}
            )
        return found

    def tag_names(self, row: Row) -> list[str]:
        """The `;`-separated names, blanks and repeats dropped."""
        names, keys = [], set()
        for part in row.text("tags").split(TAG_SEPARATOR):
            name = " ".join(part.split())
            key = normalize(name)
            if not key or key in keys:
                continue
            if len(name) > (limit := Tag._meta.get_field("name").max_length):
                row.error(
                    _('tag "%(tag)s" is longer than %(limit)d characters')
                    % {"tag": name, "limit": limit}
                )
            names.append(name)
            keys.add(key)
        return names

    def tags(self, names: list[str]) -> tuple[list[Tag], list[str]]:
        """Tag objects for the names, creating new ones; also the names that were created."""
        tags, created = [], []
        for name in names:
            key = normalize(name)
            tag = self.tags_by_key.get(key)
            if tag is None:
                tag = Tag.objects.create(name=name)
                self.tags_by_key[key] = tag
                created.append(name)
            tags.append(tag)
        return tags, created
