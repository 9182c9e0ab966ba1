"""Publishing ten times the default content (issue 12): is it under 2 s?

`python -m bench.publish` migrates a throwaway SQLite database (or the PostgreSQL database of
BENCH_PUBLISH_DATABASE_URL, which it empties first), grows the draft to ten times the default
content (90 pages, bench/grow.py), then times what a Clinical publisher's click does: the
safety checks, the clinic test cases and writing the new numbered version. Prints JSON.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_PUBLISH_DATABASE_URL", f"sqlite:///{workdir / 'publish.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backpop_site.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from bench.grow import grow_content_tenfold
    from triage.models import QuestionnairePage
    from triage.publishing import publish

    call_command("migrate", verbosity=0)
    grow_content_tenfold()
    publisher = User.objects.create_superuser("bench-publisher", password="unused")
    runs = []
    for run in range(3):
        started = time.perf_counter()
        publish(publisher, f"Ten times the content, run {run + 1}.", acknowledged=True)
        runs.append(time.perf_counter() - started)
    report = {
        "pages": QuestionnairePage.objects.count(),
        "publish_seconds_best": round(min(runs), 3),
        "publish_seconds_median": round(statistics.median(runs), 3),
        "target_seconds": 2,
        "passed": max(runs) < 2,
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
