"""Template helpers for catalogue pages."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from locations import cards
from locations.caching import build_once, catalogue_version
from locations.filters.fields import choice_rows
from locations.models.common import is_japanese

register = template.Library()


def _english_and_japanese(obj, field: str) -> tuple[str, str]:
    """`obj.<field>` (or `<field>_en`, as prefectures have) and `obj.<field>_ja`."""
    english = getattr(obj, field, None)
    if english is None:
        english = getattr(obj, f"{field}_en", None)
    return english or "", getattr(obj, f"{field}_ja", None) or ""


@register.simple_tag
def display_names(obj, field: str = "name") -> dict:
    """The text to show first and the other one, with their languages.

    Japanese pages lead with the Japanese text when there is one; English pages with the
    English text; either falls back to the other. Works for anything with `name` (or `name_en`)
    and `name_ja`: locations, studios, stops, regions, prefectures; with `field`, for other
    pairs such as `description`/`description_ja` or `address`/`address_ja`.
    """
    name, name_ja = _english_and_japanese(obj, field)
    if (is_japanese() and name_ja) or not name:
        primary, primary_lang, secondary, secondary_lang = name_ja, "ja", name, "en"
    else:
        primary, primary_lang, secondary, secondary_lang = name, "en", name_ja, "ja"
    if secondary == primary:
        secondary = ""
    return {
        "primary": primary,
        "primary_lang": primary_lang,
        "secondary": secondary,
        "secondary_lang": secondary_lang,
    }


@register.simple_tag(takes_context=True)
def location_cards(context, locations, show_distance=False) -> SafeString:
    """The `<li>` cards of `locations` (`locations.cards.render_cards`); `show_distance` adds
    each place's distance from the searched point."""
    return cards.render_cards(context, locations, show_distance=bool(show_distance))


@register.simple_tag(takes_context=True)
def studio_cards(context, studios) -> SafeString:
    """The `<li>` cards of `studios` in the page's units (`locations.cards.render_studio_cards`)."""
    return cards.render_studio_cards(context, studios)


@register.simple_tag(takes_context=True)
def nearby_studio_lines(context, studios) -> SafeString:
    """The `<li>` lines of the studios near a place (`locations.cards.render_nearby_studios`)."""
    return cards.render_nearby_studios(context, studios)


@register.simple_tag(takes_context=True)
def film_commissions_section(context, location) -> SafeString:
    """Who to ask about permits at `location` (`locations.cards.render_film_commissions`)."""
    return cards.render_film_commissions(context, location)


@register.simple_tag
def choice_items(bound_field, label_attr: str = "") -> str:
    """The `<li>` checkboxes of a model multiple-choice filter, ticked as the query asks.

    The options (value, label, group) are read once per catalogue version and language
    (`_options`), not from the database on every page, and their markup is drawn once per
    field: a first visit of a new search joins its ~170 options from that, with only the
    ticks of its own. `label_attr` labels each option with that attribute of its instance
    instead of the field's label.
    """
    options = _options(bound_field, label_attr)
    return _items(bound_field, options, range(len(options)))


@register.simple_tag
def choice_groups(bound_field, title_class: str, list_class: str, label_attr: str = "") -> str:
    """`choice_items` in one titled `<ul>` per region (a prefecture filter's options)."""
    options = _options(bound_field, label_attr, group_attr="region")
    # Each region's title and its options' indices, drawn once per version (with the options).
    frames_key = ("groups", title_class, list_class)
    frames = options.drawn.get(frames_key)
    if frames is None:
        groups: dict[str, list[int]] = {}
        for index, option in enumerate(options):
            groups.setdefault(option[3], []).append(index)
        frames = options.drawn[frames_key] = [
            (
                format_html('<p class="{}">{}</p><ul class="{}">', title_class, title, list_class),
                tuple(indices),
            )
            for title, indices in groups.items()
        ]
    return mark_safe(  # noqa: S308 (titles made with format_html, items by _items)
        "".join(
            f"{opening}{_items(bound_field, options, indices)}</ul>" for opening, indices in frames
        )
    )


class _Options(list):
    """[(value, escaped value, escaped label, group title)], with the markup drawn from them
    (`_items`), kept with them for their catalogue version."""

    def __init__(self, options=()):
        super().__init__(options)
        self.drawn: dict = {}


def _options(bound_field, label_attr: str, group_attr: str = "") -> _Options:
    """The options of a catalogue choice filter (`CatalogueChoicesFilter`), labelled once per
    catalogue version and language from the rows the filter resolves its values with
    (`choice_rows`: each table is read once per version for both)."""
    field = bound_field.field
    key = ":".join(
        [
            "rokehan:choices",
            type(bound_field.form).__qualname__,
            bound_field.name,
            label_attr,
            group_attr,
            get_language() or "",
        ]
    )

    def build():
        options = _Options()
        for slug, instance in choice_rows(field.rows).items():
            label = field.label_from_instance(instance)
            if label_attr:
                label = getattr(instance, label_attr)
            group = getattr(instance, group_attr).local_name if group_attr else ""
            options.append((slug, escape(slug), escape(label), str(group)))
        return options

    return build_once(key, build, catalogue_version(), local=True)


def _items(bound_field, options: _Options, indices) -> SafeString:
    """The options at `indices` as `<li><label for><input …> label</label></li>`.

    The markup Django's `checkbox_option.html` gives, from parts escaped once when the
    options were read, and drawn once per field, id and state of error (`options.drawn`):
    rendering ~170 options through the widget templates was about a third of a list page's
    time. The index numbers the ids as Django's widgets do, across groups.
    """
    widget = bound_field.field.widget
    chosen = {str(value) for value in bound_field.value() or ()}
    invalid = bool(bound_field.errors)
    # Keyed by the raw parts: escaping them is only needed when the markup is drawn.
    key = (
        widget.input_type,
        bound_field.html_name,
        tuple(widget.attrs.items()),
        bound_field.auto_id,
        invalid,
        tuple(indices),
    )
    drawn = options.drawn.get(key)
    if drawn is None:
        attrs = dict(widget.attrs)
        if invalid:
            attrs["aria-invalid"] = "true"  # as Django marks a field with errors
        attrs_html = flatatt(attrs)
        opening = (
            f'<input type="{escape(widget.input_type)}" name="{escape(bound_field.html_name)}"'
            ' value="'
        )
        auto_id = escape(bound_field.auto_id)

        def item(index: int, checked: str) -> str:
            value_html, label_html = options[index][1], options[index][2]
            return (
                f'<li><label for="{auto_id}_{index}">{opening}{value_html}"{attrs_html}'
                f' id="{auto_id}_{index}"{checked}> {label_html}</label></li>'
            )

        plain = [item(index, "") for index in indices]
        ticked = [item(index, " checked") for index in indices]
        drawn = options.drawn[key] = ("".join(plain), plain, ticked)
    if not chosen:
        return mark_safe(drawn[0])  # noqa: S308 (every part escaped when read or above)
    return mark_safe(  # noqa: S308 (every part escaped when read or above)
        "".join(
            ticked if options[index][0] in chosen else plain
            for index, plain, ticked in zip(indices, drawn[1], drawn[2], strict=True)
        )
    )
