"""What an import run did, or would do: one outcome per record, or the errors."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .csvfile import LineError

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
# For people (the admin's preview, the summary line); the codes above stay in the data.
ACTION_LABELS = {
    NEW: pgettext_lazy("import action", "new"),
    UPDATED: pgettext_lazy("import action", "updated"),
    UNCHANGED: pgettext_lazy("import action", "unchanged"),
}
RECORD_LABELS = {
    "location": gettext_lazy("location"),
    "studio": gettext_lazy("studio"),
    "stage": gettext_lazy("stage"),
}
RECORD_PLURAL_LABELS = {
    "location": gettext_lazy("locations"),
    "studio": gettext_lazy("studios"),
    "stage": gettext_lazy("stages"),
}


@dataclass(frozen=True)
class Outcome:
    """What a row does (or would do) to one record."""

    line: int
    record: str  # "location", "studio" or "stage"
    label: str
    action: str  # NEW, UPDATED or UNCHANGED
    changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def record_label(self) -> str:
        return str(RECORD_LABELS.get(self.record, self.record))

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


@dataclass
class ImportReport:
    """The result of a run: one outcome per record touched, or the errors."""

    kind: str
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    committed: bool = False
    rows: int = 0  # data rows in the file

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, Counter]:
        """{"location": Counter({"new": 2, "unchanged": 5}), …} in first-seen order."""
        counts: dict[str, Counter] = {}
        for outcome in self.outcomes:
            counts.setdefault(outcome.record, Counter())[outcome.action] += 1
        return counts

    def summary(self) -> str:
        """One line for people: "locations: 2 new, 1 updated, 5 unchanged"."""
        parts = [
            _("%(records)s: %(new)d new, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "records": RECORD_PLURAL_LABELS.get(record, record),
                "new": c[NEW],
                "updated": c[UPDATED],
                "unchanged": c[UNCHANGED],
            }
            for record, c in self.counts().items()
        ]
        return "; ".join(parts) or _("no rows")

    @property
    def notes(self) -> list[LineError]:
        return [LineError(o.line, note) for o in self.outcomes for note in o.notes]
