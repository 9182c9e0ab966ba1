"""CPU per whole journey in English and in Welsh, interleaved in one process (issue 16).

    python -m bench.languages [--rounds 10] > docs/bench-languages.json

backpop through its WSGI application on a SQLite database of its own (as bench.profile), with
the simulated patient of the benchmark: all-clear journeys from the start page to the
result, 25 per measurement, the three ways below taking turns round after round, so that
other work on the machine weighs on each alike. The median of the rounds is the figure;
the target is a Welsh journey within 10 % of an English-only service's.
"""

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import apps, measure, server
from bench.patient import Patient
from bench.transport import WSGITransport

HOST = "127.0.0.1"
# name -> (BACKPOP_LANGUAGES, the patient's URL prefix)
WAYS = {
    "english_only": (("en",), ""),
    "english_with_welsh_offered": (("en", "cy"), ""),
    "welsh": (("en", "cy"), "/cy"),
}
JOURNEYS = 25


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="backpop-languages-"))
    try:
        made, url = apps.create_database("sqlite", apps.BACKPOP, workdir)
        env = apps.environment(apps.BACKPOP, port=80, workdir=workdir, url=url, redis_db=None)
        server.prepare(env)
        os.environ.update(env)
        import django
        from django.core.wsgi import get_wsgi_application
        from django.test.utils import override_settings

        django.setup(set_prefix=False)
        wsgi = get_wsgi_application()
        found: dict[str, list[float]] = {name: [] for name in WAYS}
        for number in range(args.rounds):
            order = list(WAYS.items())
            for name, (offered, prefix) in order if number % 2 == 0 else reversed(order):
                with override_settings(BACKPOP_LANGUAGES=offered):
                    measured = measure.measure(
                        "journey",
                        lambda prefix=prefix: Patient(
                            WSGITransport(wsgi, HOST, 80), HOST, scheme="https", prefix=prefix
                        ),
                        time.process_time,
                        count=JOURNEYS,
                        threads=1,
                    )
                found[name].append(measured["cpu_ms_per_step"])
        medians = {name: round(statistics.median(values), 2) for name, values in found.items()}
        result = {
            "what": __doc__.splitlines()[0],
            "database": "SQLite",
            "rounds": args.rounds,
            "journeys_per_measurement": JOURNEYS,
            "cpu_ms_per_journey_median": medians,
            "cpu_ms_per_journey_rounds": found,
            "welsh_vs_english_only": round(medians["welsh"] / medians["english_only"], 3),
            "target": "at most 1.10",
        }
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
