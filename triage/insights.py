"""The numbers on the staff dashboard, and the questionnaire's anonymous funnel.

Clinic staff ask how many patients used the service each week, how many were sent to
emergency or urgent care, which warning signs come up most, how long the questionnaire takes
and where patients give up. Every number here is an aggregate: the funnel keeps only a count
per day and stage (triage.funnel), never a journey id, an answer or a time of day.

The results are counted per day (triage.tallies: each finished day once, today live) and
folded into ISO weeks here, which keeps the SQL free of date functions that differ between
PostgreSQL and SQLite and keeps the page fast with a million submissions.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from triage import tallies
from triage.funnel import settle as settle_funnel
from triage.levels import Level
from triage.models import DailyTally, JourneyCount, Submission

WEEKS_SHOWN = 12
TOP_SIGNS = 10
# Most urgent first: the order of the stacks (from the axis up), the legend and the table.
LEVELS = (Level.EMERGENCY, Level.URGENT, Level.SEE_DOCTOR, Level.NORMAL)
Stage = JourneyCount.Stage
Kind = DailyTally.Kind


def week_of(day: date) -> date:
    """The Monday that starts `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Filters:
    since: date
    until: date
    version: int | None = None

    @classmethod
    def default(cls, today: date | None = None) -> "Filters":
        """The last WEEKS_SHOWN ISO weeks, this one included, on every version."""
        today = today or timezone.localdate()
        return cls(week_of(today) - timedelta(weeks=WEEKS_SHOWN - 1), today)

    @property
    def period(self) -> tuple[date, date, int | None]:
        return self.since, self.until, self.version

    def submissions(self):
        found = Submission.objects.filter(
            submitted_on__gte=self.since, submitted_on__lte=self.until
        )
        if self.version is not None:
            found = found.filter(content_version=self.version)
        return found.order_by()  # no default ordering: it would split every GROUP BY


@dataclass
class Week:
    start: date
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        year, number, _ = self.start.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def per_level(self) -> list[int]:
        return [self.counts[level] for level in LEVELS]

    @property
    def emergency_or_urgent_percent(self) -> float | None:
        """The percentage sent to emergency or urgent care, or None in a week without results."""
        total = self.total
        sent = self.counts[Level.EMERGENCY] + self.counts[Level.URGENT]
        return 100 * sent / total if total else None


def weekly_levels(filters: Filters) -> list[Week]:
    """Results per level per ISO week, every week of the period listed, empty ones too."""
    weeks: dict[date, Week] = {}
    start = week_of(filters.since)
    while start <= filters.until:
        weeks[start] = Week(start)
        start += timedelta(weeks=1)
    daily = tallies.counts(Kind.LEVEL, *filters.period, per_day=True)
    for (day, level), n in daily.items():
        if level in weeks[week_of(day)].counts:
            weeks[week_of(day)].counts[level] += n
    return list(weeks.values())


@dataclass(frozen=True)
class Totals:
    """The period's results per level, and the shares sent to emergency and urgent care."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, level: str) -> float | None:
        return 100 * self.counts[level] / self.total if self.total else None

    @property
    def emergency_percent(self) -> float | None:
        return self.percent(Level.EMERGENCY)

    @property
    def urgent_percent(self) -> float | None:
        return self.percent(Level.URGENT)


def totals(weeks: list[Week]) -> Totals:
    counts = dict.fromkeys(LEVELS, 0)
    for week in weeks:
        for level, n in week.counts.items():
            counts[level] += n
    return Totals(counts)


def top_signs(filters: Filters, limit: int = TOP_SIGNS) -> list[tuple[str, int]]:
    """The most frequent warning signs as (slug, results raising it), most frequent first."""
    found = tallies.counts(Kind.SIGN, *filters.period)
    return sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit]


def median_seconds(filters: Filters) -> float | None:
    """The median time from start to result, or None when no submission has one.

    Durations are counted in 5-second steps (triage.tallies), so the median is the start of
    the step it falls in: never more than 5 s early, and a few thousand counts to walk.
    """
    counts = sorted(
        (int(seconds), n) for seconds, n in tallies.counts(Kind.SECONDS, *filters.period).items()
    )
    total = sum(n for _, n in counts)
    if not total:
        return None
    # The values at positions total // 2 and (total - 1) // 2 (from 0): the same when odd.
    wanted, seen, found = sorted({total // 2, (total - 1) // 2}), 0, []
    for seconds, n in counts:
        while wanted and wanted[0] < seen + n:
            found.append(seconds)
            wanted.pop(0)
        seen += n
    return sum(found) / len(found)


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    page: str
    label: str
    journeys: int


def funnel(filters: Filters, pages) -> list[FunnelStep]:
    """Journeys that started, answered each page (in questionnaire order) and finished.

    `pages` are the questionnaire's pages (engine.Page) to list in order; a page counted but
    no longer in the content is listed after them by its slug. The version filter does not
    apply: the counters are per day only.
    """
    settle_funnel()  # the counts kept in Redis, if any, into the rows read below
    counted = Counter()
    rows = JourneyCount.objects.filter(day__gte=filters.since, day__lte=filters.until)
    for stage, page, n in rows.values_list("stage", "page").annotate(n=Sum("count")).order_by():
        counted[(stage, page)] += n
    steps = [FunnelStep(Stage.STARTED, "", str(Stage.STARTED.label), counted[(Stage.STARTED, "")])]
    known = set()
    for page in pages:
        known.add(page.slug)
        steps.append(
            FunnelStep(Stage.PAGE, page.slug, page.title, counted[(Stage.PAGE, page.slug)])
        )
    for stage, page in sorted(counted):
        if stage == Stage.PAGE and page not in known:
            steps.append(FunnelStep(Stage.PAGE, page, page, counted[(stage, page)]))
    for stage in (Stage.EMERGENCY_EXIT, Stage.FINISHED):
        steps.append(FunnelStep(stage, "", str(stage.label), counted[(stage, "")]))
    return steps
