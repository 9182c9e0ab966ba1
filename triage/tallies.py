"""The dashboard's counts per day, each finished day counted once (the daily roll-up).

Counting three months of results on every dashboard view reads a million index entries three
times over; a finished day's counts never change (results are stored on the day they are
made), so the first view after midnight counts the days not yet counted into DailyTally, and
every view after that adds up a few thousand tally rows. Today is always counted live.

A result deleted by hand from a day already counted stays in that day's tally.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from triage.models import DailyTally, Submission

Kind = DailyTally.Kind
Rows = Iterable[tuple[date, int, str, int]]  # (day, content version, key, results)


def _submissions(since: date, until: date, version: int | None):
    found = Submission.objects.filter(submitted_on__gte=since, submitted_on__lte=until)
    if version is not None:
        found = found.filter(content_version=version)
    return found.order_by()  # no default ordering: it would split every GROUP BY


def _levels(since: date, until: date, version: int | None) -> Rows:
    found = _submissions(since, until, version)
    return found.values_list("submitted_on", "content_version", "level").annotate(n=Count("*"))


# Times to complete are counted in steps of this many seconds (a step is named by its
# start): a fifth of the tally rows of whole seconds, and a median still true to 5 s.
SECONDS_STEP = 5


def _seconds(since: date, until: date, version: int | None) -> Rows:
    found = _submissions(since, until, version).exclude(seconds_to_complete=None)
    fields = ("submitted_on", "content_version", "seconds_to_complete")
    steps: Counter = Counter()
    for day, number, seconds, n in found.values_list(*fields).annotate(n=Count("*")):
        steps[(day, number, str(seconds - seconds % SECONDS_STEP))] += n
    for (day, number, step), n in steps.items():
        yield day, number, step, n


# The signs are a JSON list per submission: each database unpacks it with its own function.
# On PostgreSQL the condition on empty lists lets a partial index answer (migration 0010).
_SIGNS_SQL = {
    "postgresql": (
        "SELECT submitted_on, content_version, sign, COUNT(*) FROM {table} "
        "CROSS JOIN LATERAL jsonb_array_elements_text(warning_signs) AS sign "
        "WHERE warning_signs <> '[]'::jsonb AND {where} "
        "GROUP BY submitted_on, content_version, sign"
    ),
    "sqlite": (
        "SELECT submitted_on, content_version, sign.value, COUNT(*) "
        "FROM {table}, json_each({table}.warning_signs) AS sign "
        "WHERE {where} GROUP BY submitted_on, content_version, sign.value"
    ),
}


def _signs(since: date, until: date, version: int | None) -> Rows:
    table = connection.ops.quote_name(Submission._meta.db_table)
    where = "submitted_on >= %s AND submitted_on <= %s"
    params: list = [
        connection.ops.adapt_datefield_value(since),
        connection.ops.adapt_datefield_value(until),
    ]
    if version is not None:
        where += " AND content_version = %s"
        params.append(version)
    with connection.cursor() as cursor:
        cursor.execute(_SIGNS_SQL[connection.vendor].format(table=table, where=where), params)
        rows = cursor.fetchall()
    for day, number, sign, n in rows:
        yield (date.fromisoformat(day) if isinstance(day, str) else day), number, str(sign), n


COUNTERS = {Kind.LEVEL: _levels, Kind.SIGN: _signs, Kind.SECONDS: _seconds}


def tally(since: date, until: date) -> None:
    """Count each day from `since` to `until` not counted yet (days before today only)."""
    until = min(until, timezone.localdate() - timedelta(days=1))
    if since > until:
        return
    counted = set(
        DailyTally.objects.filter(kind=Kind.DAY, day__gte=since, day__lte=until).values_list(
            "day", flat=True
        )
    )
    missing = [
        day
        for day in (since + timedelta(days=n) for n in range((until - since).days + 1))
        if day not in counted
    ]
    if not missing:
        return
    wanted = set(missing)
    rows = [DailyTally(day=day, kind=Kind.DAY, key="", count=0) for day in missing]
    for kind, count in COUNTERS.items():
        rows += [
            DailyTally(day=day, content_version=number, kind=kind, key=key, count=n)
            for day, number, key, n in count(missing[0], missing[-1], None)
            if day in wanted
        ]
    # Two staff opening the dashboard at once count the same days; the second adds nothing.
    with transaction.atomic():
        DailyTally.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def counts(
    kind: str, since: date, until: date, version: int | None = None, *, per_day: bool = False
) -> Counter:
    """Results per key (level, sign slug or seconds), or per (day, key) with `per_day`."""
    today = timezone.localdate()
    found: Counter = Counter()
    last = min(until, today - timedelta(days=1))
    if since <= last:
        tally(since, last)
        rows = DailyTally.objects.filter(kind=kind, day__gte=since, day__lte=last)
        if version is not None:
            rows = rows.filter(content_version=version)
        fields = ("day", "key") if per_day else ("key",)
        for *group, n in rows.values_list(*fields).annotate(n=Sum("count")).order_by():
            found[tuple(group) if per_day else group[0]] += n
    if since <= today <= until:
        for day, _number, key, n in COUNTERS[kind](today, today, version):
            found[(day, key) if per_day else key] += n
    return found
