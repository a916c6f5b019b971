"""A paginator whose cost does not grow with the catalogue (issue 6).

Django's `Paginator` runs `COUNT(*)` over every match and fetches a page with `OFFSET`, which
at 100,000 locations reads and joins every skipped row. This one

- counts at most `COUNT_CAP + 1` matches (a `LIMIT`ed subquery): below the cap the total and
  the page count are exact; above it the count reads "1,000+" and the page count is unknown;
- fetches `per_page + 1` rows to know whether there is a next page;
- skips rows on a narrow query (primary keys only, no joins: an index walk) and then reads the
  page's full rows by primary key ("deferred join"), in the same order;
- below the cap, reads the matches' keys instead of counting them, and then the page's rows
  by those keys (one array parameter on PostgreSQL): a selective search evaluates its
  conditions (a keyword's trigram index, a radius, a tag) once, not once to count and again
  to sort.

The rows of every page are exactly those of Django's paginator; `?page=` keeps its meaning.
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import BooleanField, Func
from django.db.models.sql.where import WhereNode

# Django's, not functools': on Python 3.11 functools.cached_property holds one lock per
# property for every instance, so the threads of a worker queued behind each other's count
# query (issue 17).
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """`Paginator` with a capped count and a cheap `has_next`; same `page_obj` API."""

    count_cap: int | None = COUNT_CAP  # None: count every match

    @cached_property
    def _capped_count(self) -> int:
        if not hasattr(self.object_list, "query"):
            return len(self.object_list)
        if self.count_cap is None:
            return self.object_list.count()
        # SELECT id … LIMIT cap + 1: stops after cap + 1 rows. Unordered, so the LIMIT stops
        # the scan early instead of sorting every match; the key alone, so annotations only
        # the cards show (a studio's largest stage) are not computed for every match.
        keys = _first_keys(self.object_list.order_by(), self.count_cap + 1)
        narrow = len(keys) <= self.count_cap and _narrowable(self.object_list, len(keys))
        self._keys = keys if narrow else None
        return len(keys)

    @property
    def count_is_capped(self) -> bool:
        """True when there are more matches than the cap (the count then shows "1,000+")."""
        return self.count_cap is not None and self._capped_count > self.count_cap

    @cached_property
    def count(self) -> int:
        if self.count_cap is None:
            return self._capped_count
        return min(self._capped_count, self.count_cap)

    @cached_property
    def num_pages(self) -> int | None:
        """The number of pages, or None when the count is capped (unknown without COUNT(*))."""
        if self.count_is_capped:
            return None
        return super().num_pages

    def validate_number(self, number) -> int:
        if self.num_pages is not None:
            return super().validate_number(number)
        # Capped: only the lower bound is known here; `page()` finds out about the upper one.
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number) -> "CappedPage":
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self._rows(bottom, bottom + self.per_page + 1)
        has_next = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows, number, self, has_next)

    def get_page(self, number) -> "CappedPage":
        try:
            return super().get_page(number)
        except EmptyPage:
            # Past the end of a capped list: count for real once to find the last page.
            self.count_cap = None
            for name in ("_capped_count", "count", "num_pages"):
                self.__dict__.pop(name, None)
            return self.page(self.num_pages)

    def _rows(self, start: int, stop: int) -> list:
        object_list = self.object_list
        keys = self.__dict__.get("_keys")
        if keys is not None:  # every match's key is known: no condition to evaluate again
            return list(_by_keys(object_list, keys)[start:stop]) if keys else []
        if not hasattr(object_list, "query") or start == 0:
            return list(object_list[start:stop])
        # Skip on primary keys alone, then read full rows (joins, prefetches) for this page.
        keys = object_list.prefetch_related(None).values("pk")[start:stop]
        return list(object_list.filter(pk__in=keys))


def _first_keys(queryset, limit: int) -> list[int]:
    """The primary keys of `queryset`'s first `limit` rows (in its order).

    On PostgreSQL as one array value (`SELECT ARRAY(…)`): one row for the driver to read
    instead of a thousand for Django's row iterator, a third of the CPU (0.23 ms instead of
    0.57 per capped count, `docs/performance.md`, ninth round). SQLite has no arrays.
    """
    keys = queryset.values_list("pk", flat=True)[:limit]
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return list(keys)
    try:
        sql, params = keys.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # a condition that matches nothing (`pk__in=[]`, `.none()`)
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ARRAY({sql})", params)  # noqa: S608 (Django's compiled SQL)
        return cursor.fetchone()[0]


def _narrowable(queryset, count: int) -> bool:
    """Whether `queryset`'s rows are exactly those of its model's table that its WHERE keeps
    (no join, grouping, DISTINCT or set operation), so that a list of their `count` keys can
    stand in for the WHERE; whether those keys are integers; and whether the database takes
    them as parameters (PostgreSQL: one array; SQLite: one each, half its limit at most)."""
    query = queryset.query
    limit = connections[queryset.db].features.max_query_params
    if connections[queryset.db].vendor != "postgresql" and limit and count > limit // 2:
        return False
    joined = [alias for alias, uses in query.alias_refcount.items() if uses]  # 0: trimmed
    return (
        len(joined) <= 1
        and not query.group_by
        and not query.distinct
        and not query.combinator
        and query.get_meta().pk.get_internal_type() in {"AutoField", "BigAutoField"}
    )


def _by_keys(queryset, keys: list[int]):
    """`queryset` (its order, annotations, columns and prefetches) with its WHERE replaced by
    `pk IN keys`."""
    narrowed = queryset.all()
    narrowed.query.where = WhereNode()
    return narrowed.filter(_KeyIn("pk", keys=keys))


class _KeyIn(Func):
    """`column IN (keys)`; on PostgreSQL `column = ANY(%s::bigint[])` with the keys as one
    parameter (a thousand placeholders cost more to build than the query takes to run)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, expression, *, keys: list[int]):
        super().__init__(expression)
        self.keys = [int(key) for key in keys]

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            # The array as its text form, joined in C: psycopg's list dumper formats a
            # thousand keys one by one in Python (5 % of a studio search's CPU under load).
            keys = "{" + ",".join(map(str, self.keys)) + "}"
            return f"{column} = ANY(%s::bigint[])", [*params, keys]
        placeholders = ", ".join(["%s"] * len(self.keys))
        return f"{column} IN ({placeholders})", [*params, *self.keys]


class CappedPage(Page):
    """A page that knows whether another follows without knowing how many do."""

    def __init__(self, object_list, number, paginator, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def next_page_number(self) -> int:
        if not self._has_next:
            raise EmptyPage(self.paginator.error_messages["no_results"])
        return self.number + 1

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
