"""The run loop shared by the location and studio importers: one transaction, all or nothing."""

from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from locations.iterables import batched
from locations.models import Status
from locations.workflow import allowed_status, publish_permission

from .csvfile import FileFormatError, LineError, Row, read_rows
from .lookups import Lookups
from .report import ImportReport

# Names per query when an import reads the file's existing records (SQLite's parameter limit).
PRELOAD_BATCH = 500

# progress(done, total): called after each row (a background job reports it to the admin).
Progress = Callable[[int, int], None]


def _assign(instance: models.Model, values: dict) -> list[str]:
    """Set the values that differ from the instance's; return the names of those fields."""
    changed = []
    for name, value in values.items():
        if isinstance(value, models.Model):
            attname = instance._meta.get_field(name).attname
            if getattr(instance, attname) != value.pk:
                setattr(instance, name, value)
                changed.append(name)
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _validation_errors(line: int, exc: ValidationError, columns: dict[str, str]) -> list[LineError]:
    """The model's validation messages as `line N: column: message`."""
    errors = []
    for name, messages in exc.message_dict.items():
        for message in messages:
            if name == NON_FIELD_ERRORS:
                errors.append(LineError(line, message))
            else:
                errors.append(LineError(line, f"{columns.get(name, name)}: {message}"))
    return errors


class CatalogueImporter:
    """Shared run loop; subclasses parse and save one row."""

    kind = ""
    columns: tuple[str, ...] = ()  # the header must have these
    optional_columns: tuple[str, ...] = ()  # and may have these
    model: type[models.Model]
    change_reason = "CSV import"

    def __init__(
        self, *, user=None, can_publish: bool | None = None, change_reason: str | None = None
    ):
        """`user` is recorded as creator/editor; without the publish permission, rows cannot
        publish (see locations.workflow). The command line runs with no user and may publish.
        `change_reason` is what the records' history says of the run."""
        self.user = user
        if change_reason is not None:
            self.change_reason = change_reason
        if can_publish is None:
            can_publish = user is None or user.has_perm(publish_permission(self.model))
        self.can_publish = can_publish

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Every column the format knows, in the order an export writes them."""
        return self.columns + self.optional_columns

    def count_rows(self, data: bytes | str) -> int:
        """How many data rows the file has (0 when it cannot be read: `run` says why)."""
        try:
            return len(read_rows(data, self.columns, self.optional_columns))
        except FileFormatError:
            return 0

    def run(
        self, data: bytes | str, *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        """Import the file in one transaction; roll everything back on any error or dry run.

        `progress(done, total)` is called after each row. Anything raised (a crash, a killed
        job's worker) leaves the transaction unfinished, so nothing of the file is kept."""
        report = ImportReport(kind=self.kind)
        try:
            rows = read_rows(data, self.columns, self.optional_columns)
        except FileFormatError as exc:
            report.errors.extend(exc.errors)
            return report
        report.rows = len(rows)
        with transaction.atomic():
            self.lookups = Lookups()
            self.start(rows)
            for done, row in enumerate(rows, start=1):
                self.import_row(row, report)
                if progress is not None:
                    progress(done, len(rows))
            if report.errors or dry_run:
                transaction.set_rollback(True)
            else:
                report.committed = True
        return report

    def start(self, rows: list[Row]) -> None:
        """Per-run state for subclasses, e.g. the file's existing records read in one go."""

    def import_row(self, row: Row, report: ImportReport) -> None:
        raise NotImplementedError

    def _status(self, requested: str | None, instance) -> tuple[str, list[str]]:
        current = None if instance.pk is None else instance.status
        decision = allowed_status(
            requested or current or Status.DRAFT, current, can_publish=self.can_publish
        )
        return decision.status, [decision.note] if decision.note else []

    def _save(
        self,
        row: Row,
        report: ImportReport,
        instance,
        columns: dict,
        after=None,
        *,
        constraints: bool = True,
        save_kwargs: dict | None = None,
    ):
        """Validate with the model, then save in a savepoint; False (and errors) on failure.

        `constraints=False` skips the model's constraint checks (a query each) where the
        importer has checked the same rules itself; the database still enforces them."""
        try:
            instance.full_clean(exclude=["slug"], validate_constraints=constraints)
        except ValidationError as exc:
            report.errors.extend(_validation_errors(row.line, exc, columns))
            return False
        if instance.pk is None and hasattr(instance, "created_by"):
            instance.created_by = self.user
        if hasattr(instance, "updated_by"):
            instance.updated_by = self.user
        instance._history_user = self.user
        instance._change_reason = self.change_reason
        try:
            with transaction.atomic():
                instance.save(**(save_kwargs or {}))
                if after is not None:
                    after()
        except DatabaseError as exc:
            message = _("could not be saved: %(error)s") % {"error": exc}
            report.errors.append(LineError(row.line, message))
            return False
        return True


def _named_in(rows, column: str, queryset, field: str = "name"):
    """The records of `queryset` whose `field` is among the values of `column` in the file,
    read in batches of values; per value the lowest id comes last, so a dict keyed by the
    value keeps it (as .first() would)."""
    values = sorted({row.text(column) for row in rows} - {""})
    for batch in batched(values, PRELOAD_BATCH):
        yield from queryset.filter(**{f"{field}__in": batch}).order_by("-pk")
