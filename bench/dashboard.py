"""The staff dashboard with a million submissions in PostgreSQL (issue 14): is it under 1 s?

`python -m bench.dashboard` makes a database `bench_dashboard` on the local PostgreSQL server,
migrates it, loads generated submissions with COPY (spread over the retention period, levels
and warning signs drawn from the default content), runs VACUUM ANALYZE as autovacuum would,
then times the once-a-day count of the finished days (triage.tallies), each dashboard query,
the whole page as a Viewer would load it, and (with --export) the CSV export's rows and the
memory it adds. It prints JSON and drops the database,
also when interrupted.
"""

import argparse
import json
import os
import random
import statistics
import time
from datetime import timedelta

DATABASE = "bench_dashboard"
LEVEL_WEIGHTS = {"normal": 55, "see_doctor": 25, "urgent": 15, "emergency": 5}


def _server_connection(server: str):
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True)


def _timed(function, repeat: int) -> dict:
    """The best and the median of `repeat` runs, in milliseconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return {"best_ms": round(min(runs), 1), "median_ms": round(statistics.median(runs), 1)}


def _answer_sets(content, count: int, rng: random.Random) -> list[str]:
    """A pool of plausible answer sets (JSON), one option or two per question."""
    pool = []
    for _ in range(count):
        answers = {}
        for question in content.questions.values():
            options = [option.slug for option in question.options]
            many = question.is_multiple and rng.random() < 0.3
            answers[question.slug] = rng.sample(options, min(len(options), 2 if many else 1))
        pool.append(json.dumps(answers))
    return pool


def load(rows: int, seed: int = 14) -> None:
    """COPY `rows` generated submissions and 90 days of funnel counters into the database."""
    from django.db import connection
    from django.utils import timezone

    from triage.content import current_content
    from triage.models import ContentVersion
    from triage.submissions import REFERENCE_ALPHABET

    rng = random.Random(seed)
    first = ContentVersion.objects.get(number=1)
    # A second version (the same content), so the version filter has something to choose.
    ContentVersion.objects.create(
        number=2, snapshot=first.snapshot, note="bench", published_by_name="bench"
    )
    content = current_content().engine
    signs_by_level = {level: [] for level in LEVEL_WEIGHTS}
    for sign in content.warning_signs.values():
        signs_by_level[str(sign.level)].append(sign.slug)
    answers = _answer_sets(content, 500, rng)
    levels = rng.choices(list(LEVEL_WEIGHTS), weights=LEVEL_WEIGHTS.values(), k=rows)
    today = timezone.localdate()
    base = len(REFERENCE_ALPHABET)
    with connection.cursor() as cursor:
        columns = "reference, submitted_on, level, answers, warning_signs, content_version, "
        columns += "seconds_to_complete"
        with cursor.connection.cursor().copy(
            f"COPY triage_submission ({columns}) FROM STDIN"
        ) as copy:
            for n, level in enumerate(levels):
                reference, rest = "", n
                for _ in range(6):  # unique: the row number in base 31
                    rest, digit = divmod(rest, base)
                    reference += REFERENCE_ALPHABET[digit]
                signs = signs_by_level[level]
                chosen = rng.sample(signs, min(len(signs), rng.randint(1, 2))) if signs else []
                copy.write_row(
                    (
                        "BP-" + reference,
                        today - timedelta(days=rng.randrange(90)),
                        level,
                        rng.choice(answers),
                        json.dumps(chosen),
                        rng.choice((1, 1, 1, 2)),
                        rng.randint(60, 900) if rng.random() < 0.95 else None,
                    )
                )
        pages = [page.slug for page in content.pages]
        with cursor.connection.cursor().copy(
            "COPY triage_journeycount (day, stage, page, count) FROM STDIN"
        ) as copy:
            for day in range(90):
                date = today - timedelta(days=day)
                copy.write_row((date, "started", "", 12_000))
                for index, page in enumerate(pages):
                    copy.write_row((date, "page", page, 11_500 - 300 * index))
                copy.write_row((date, "emergency_exit", "", 500))
                copy.write_row((date, "finished", "", 10_500))
        cursor.execute("VACUUM ANALYZE triage_submission")
        cursor.execute("VACUUM ANALYZE triage_journeycount")


def measure(repeat: int, export: bool) -> dict:
    """Time each dashboard query, the page, and optionally the export."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from triage import insights, tallies
    from triage.admin.insights import dashboard
    from triage.content import current_content

    filters = insights.Filters.default()
    version_2 = insights.Filters(filters.since, filters.until, 2)
    pages = current_content().engine.pages
    results = {
        # Once a day: the first view counts the days not counted yet (here all of them).
        "count_finished_days_once": _timed(lambda: tallies.tally(filters.since, filters.until), 1),
        "weekly_levels": _timed(lambda: insights.weekly_levels(filters), repeat),
        "top_signs": _timed(lambda: insights.top_signs(filters), repeat),
        "median_seconds": _timed(lambda: insights.median_seconds(filters), repeat),
        "funnel": _timed(lambda: insights.funnel(filters, pages), repeat),
        "all_numbers": _timed(lambda: dashboard(filters), repeat),
        "all_numbers_version_2": _timed(lambda: dashboard(version_2), repeat),
    }
    client = Client()
    client.force_login(User.objects.create_superuser("bench", password=None))
    url = reverse("admin:triage_insights_changelist")

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    results["page"] = _timed(page, repeat)
    query = {"since": filters.since, "until": filters.until, "version": 2}
    results["page_version_2"] = _timed(lambda: client.get(url, query), repeat)
    if export:
        results["export"] = _export(filters)
    return results


def _export(filters) -> dict:
    import psutil

    from triage.exports import csv_lines

    process = psutil.Process()
    before, peak, lines, size = process.memory_info().rss, 0, 0, 0
    started = time.perf_counter()
    for line in csv_lines(filters):
        lines += 1
        size += len(line)
        if lines % 50_000 == 0:
            peak = max(peak, process.memory_info().rss)
    return {
        "rows": lines - 1,
        "seconds": round(time.perf_counter() - started, 1),
        "megabytes": round(size / 1e6, 1),
        "memory_added_mb": round((max(peak, process.memory_info().rss) - before) / 1e6, 1),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="submissions (1,000,000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each timing (5)")
    parser.add_argument("--export", action="store_true", help="also time the CSV export")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--server", default="postgresql://postgres@127.0.0.1:5432", help="PostgreSQL server URL"
    )
    args = parser.parse_args(argv)

    with _server_connection(args.server) as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        server.execute(f"CREATE DATABASE {DATABASE}")
    try:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="backpop_site.settings",
            DJANGO_DEBUG="1",  # plain static names: the page needs no collectstatic
            DJANGO_ALLOWED_HOSTS="testserver",
            DATABASE_URL=f"{args.server}/{DATABASE}",
            DATABASE_STATEMENT_TIMEOUT="600",  # loading takes longer than any page may
        )
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        load(args.rows)
        loaded = round(time.perf_counter() - started, 1)
        report = {"rows": args.rows, "load_seconds": loaded, **measure(args.repeat, args.export)}
        connection.close()
        print(json.dumps(report, indent=2))
    finally:
        if not args.keep:
            with _server_connection(args.server) as server:
                server.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
