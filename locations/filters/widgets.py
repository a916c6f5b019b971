"""The sidebars' text, number and select widgets, drawn without Django's widget templates.

Each writes exactly the markup of its Django parent (`input.html`, `select.html` and
`select_option.html`, with `attrs.html`), from the context Django builds for it
(tests/test_filter_widgets.py compares the two). Through the templates, a list's three text
inputs took two to three includes each: about a tenth of a first visit's CPU.
"""

import html

from django import forms
from django.utils.safestring import SafeString, mark_safe


def _escape(value) -> str:
    """Django's `conditional_escape` (markup kept, anything else escaped as `escape` does),
    without its `keep_lazy` wrapper, which inspects the arguments of every call: a select
    escapes each of its options' parts on every request."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """`attrs.html`: ` name="value"` each, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class _PlainInput:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = widget["value"]
        value_html = "" if shown is None else f' value="{_escape(shown)}"'
        return mark_safe(  # noqa: S308 (every part escaped above)
            f'<input type="{_escape(widget["type"])}"'
            f' name="{_escape(widget["name"])}"{value_html}{_attrs(widget["attrs"])}>'
        )


class TextInput(_PlainInput, forms.TextInput):
    """`forms.TextInput`, drawn without its template."""


class NumberInput(_PlainInput, forms.NumberInput):
    """`forms.NumberInput`, drawn without its template."""


class Select(forms.Select):
    """`forms.Select`, drawn without its templates (one per option)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)
