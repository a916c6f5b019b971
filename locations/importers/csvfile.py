"""Reading an import file: decoding, the header, and typed access to each row's cells.

Problems are collected as `LineError`s naming the spreadsheet line (the header is line 1),
never raised one at a time, so a fixer sees every bad cell of a file at once.
"""

import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from locations.models import Status
from locations.models.common import JAPAN_LAT_MAX, JAPAN_LAT_MIN, JAPAN_LNG_MAX, JAPAN_LNG_MIN
from locations.search import normalize

# A text cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TAG_SEPARATOR = ";"
YES = frozenset({"yes", "y", "true", "1", "あり", "はい"})
NO = frozenset({"no", "n", "false", "0", "なし", "いいえ", ""})
# An upload bigger than this is refused before parsing (tens of thousands of rows).
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def escape_formula(value: str) -> str:
    """Prefix `'` to a text cell a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula`, so an exported file imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


@dataclass(frozen=True)
class LineError:
    """A problem in the file; `line` counts the header as line 1, as a spreadsheet does."""

    line: int
    message: str

    def __str__(self):
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class FileFormatError(Exception):
    """The file cannot be read as rows at all (encoding, header)."""

    def __init__(self, errors: list[LineError]):
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


class Row:
    """One data row with typed access to its cells; problems are collected, not raised."""

    def __init__(self, line: int, cells: dict[str, str]):
        self.line = line
        self.cells = cells
        self.errors: list[LineError] = []

    def error(self, message: str) -> None:
        self.errors.append(LineError(self.line, message))

    def raw(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def has(self, column: str) -> bool:
        """Whether the file has this column at all (an absent column changes nothing)."""
        return column in self.cells

    def filled(self, column: str) -> bool:
        return bool(self.raw(column))

    def text(self, column: str, *, required: bool = False) -> str:
        value = unescape_formula(self.raw(column))
        if required and not value:
            self.error(_("%(column)s is required") % {"column": column})
        return value

    def number(self, column: str, *, places: int, positive: bool = False) -> Decimal | None:
        """A decimal rounded to the model's places; full-width digits are accepted."""
        raw = self.raw(column)
        if not raw:
            return None
        try:
            value = Decimal(unicodedata.normalize("NFKC", raw))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.error(
                _('%(column)s "%(value)s" is not a number') % {"column": column, "value": raw}
            )
            return None
        if positive and value <= 0:
            self.error(
                _("%(column)s %(value)s must be greater than 0") % {"column": column, "value": raw}
            )
            return None
        try:
            return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            self.error(_("%(column)s %(value)s is too large") % {"column": column, "value": raw})
            return None

    def integer(self, column: str) -> int | None:
        """A whole number of 0 or more (full-width digits accepted); None when empty."""
        raw = self.raw(column)
        if not raw:
            return None
        value = unicodedata.normalize("NFKC", raw)
        if not value.isdigit() or len(value) > 5:
            self.error(
                _('%(column)s "%(value)s" is not a whole number of 0 or more')
                % {"column": column, "value": raw}
            )
            return None
        return int(value)

    def choice(self, column: str, choices) -> str:
        """One of a model's choices, by value or label in either language, any case."""
        raw = self.raw(column)
        if not raw:
            return ""
        key = normalize(raw)
        for value, label in choices.choices:
            if value and key in (normalize(value), normalize(str(label))):
                return value
        self.error(
            _('%(column)s "%(value)s" is not one of %(choices)s')
            % {"column": column, "value": raw, "choices": ", ".join(v for v in choices.values if v)}
        )
        return ""

    def date(self, column: str) -> datetime.date | None:
        """A date written YYYY-MM-DD; None when empty."""
        raw = self.raw(column)
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(unicodedata.normalize("NFKC", raw))
        except ValueError:
            self.error(
                _('%(column)s "%(value)s" is not a date (YYYY-MM-DD)')
                % {"column": column, "value": raw}
            )
            return None

    def yes_no(self, column: str) -> bool:
        raw = self.raw(column)
        key = normalize(raw)
        if key in YES:
            return True
        if key not in NO:
            self.error(
                _('%(column)s "%(value)s" is not yes or no') % {"column": column, "value": raw}
            )
        return False

    def coordinates(self) -> tuple[Decimal | None, Decimal | None]:
        """Latitude and longitude inside Japan's box, both or neither."""
        lat = self.number("latitude", places=6)
        lng = self.number("longitude", places=6)
        if lat is not None and not JAPAN_LAT_MIN <= lat <= JAPAN_LAT_MAX:
            self.error(
                _("latitude %(value)s is outside Japan (%(min)s–%(max)s)")
                % {"value": self.raw("latitude"), "min": JAPAN_LAT_MIN, "max": JAPAN_LAT_MAX}
            )
        if lng is not None and not JAPAN_LNG_MIN <= lng <= JAPAN_LNG_MAX:
            self.error(
                _("longitude %(value)s is outside Japan (%(min)s–%(max)s)")
                % {"value": self.raw("longitude"), "min": JAPAN_LNG_MIN, "max": JAPAN_LNG_MAX}
            )
        if self.filled("latitude") != self.filled("longitude"):
            self.error(_("latitude and longitude go together: fill both or neither"))
        return lat, lng

    def status(self) -> str | None:
        """draft, review or published; None when empty (keep the stored status)."""
        raw = self.raw("status")
        if not raw:
            return None
        if raw.casefold() not in Status.values:
            self.error(
                _('status "%(value)s" is not one of %(choices)s')
                % {"value": raw, "choices": ", ".join(Status.values)}
            )
            return None
        return raw.casefold()


NUL_MESSAGE = gettext_noop("a cell holds a null character (NUL), which cannot be saved")


def refuse_nul(text: str) -> None:
    """FileFormatError naming the first line with a NUL: PostgreSQL cannot store the file's
    text (a background job keeps it) nor any cell of it."""
    at = text.find("\x00")
    if at >= 0:
        raise FileFormatError([LineError(text.count("\n", 0, at) + 1, _(NUL_MESSAGE))])


def read_rows(
    data: bytes | str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> list[Row]:
    """Decode the file (UTF-8, with or without Excel's BOM), check the header, return the rows.

    The header must hold every one of `columns` and may hold any of `optional`, in any order.
    Rows that are entirely empty are skipped (spreadsheets leave them at the end); a row with
    fewer cells than the header has the rest empty.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileFormatError(
                [LineError(1, _('the file is not UTF-8: in Excel, save as "CSV UTF-8"'))]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0  # the last record read; an unreadable record is the next one
    try:
        header = next(reader, [])
        line = 1
        names = [name.replace("\x00", "").strip().casefold() for name in header]
        _check_header(names, columns, optional)
        rows = []
        for line, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            nul = any("\x00" in value for value in values)
            if nul:  # PostgreSQL cannot store it (nor look it up): never let it past here
                values = [value.replace("\x00", "") for value in values]
            row = Row(line, dict(zip(names, values, strict=False)))
            if nul:
                row.error(_(NUL_MESSAGE))
            if any(value.strip() for value in values[len(names) :]):
                row.error(
                    _(
                        "%(values)d values but the header has %(columns)d columns "
                        "(a value with a comma needs double quotes)"
                    )
                    % {"values": len(values), "columns": len(names)}
                )
            rows.append(row)
    except csv.Error as exc:
        message = _("not readable as CSV (%(error)s)") % {"error": exc}
        raise FileFormatError([LineError(line + 1, message)]) from None
    if not rows:
        raise FileFormatError([LineError(2, _("the file has a header but no rows"))])
    return rows


def _check_header(names: list[str], columns: tuple[str, ...], optional: tuple[str, ...]) -> None:
    expected = ",".join(columns)
    if optional:
        expected += _(" (optional: %(columns)s)") % {"columns": ",".join(optional)}
    if not any(names):
        message = _("the file is empty; the header must be %(header)s") % {"header": expected}
        raise FileFormatError([LineError(1, message)])
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        message = _("columns must be separated by commas; the header must be %(header)s") % {
            "header": expected
        }
        raise FileFormatError([LineError(1, message)])
    errors = []
    duplicates = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicates:
        errors.append(_("column(s) appear twice: %(columns)s") % {"columns": ", ".join(duplicates)})
    missing = [c for c in columns if c not in names]
    if missing:
        errors.append(_("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
    unknown = [n or _("(empty)") for n in names if n not in columns and n not in optional]
    if unknown:
        errors.append(_("unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)})
    if errors:
        errors[-1] += _(" (the header must be %(header)s)") % {"header": expected}
        raise FileFormatError([LineError(1, message) for message in errors])
