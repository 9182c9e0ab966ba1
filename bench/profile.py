"""Time and profile one app's requests in this process, through its WSGI application.

    python -m bench.profile [--app backpop|textbook] [--kind post ...] [--count 200]
                            [--db sqlite|postgres] [--redis]

Builds a temporary database (SQLite, or PostgreSQL at 127.0.0.1:5432 as `make bench` uses;
--redis keeps backpop's sessions in Redis database 8, as production does) with the app's
settings (debug off, its middleware), then
for each kind of request of bench.measure prepares sessions with the simulated patient and
measures only those requests, as `make bench` does over HTTP: CPU ms per request in this
process, and a pyinstrument profile of the measured window in var/bench-profile/.
"""

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import apps, measure, server
from bench.patient import Patient
from bench.transport import WSGITransport

HOST = "127.0.0.1"
PROFILE_REDIS_DB = 8


class Window:
    """The CPU clock `measure` reads before and after its window, profiling in between."""

    def __init__(self, profiler):
        self.profiler, self.open = profiler, False

    def __call__(self) -> float:
        if self.open:
            self.profiler.stop()
        else:
            self.profiler.start()
        self.open = not self.open
        return time.process_time()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", choices=[a.name for a in apps.APPS], default="backpop")
    parser.add_argument("--kind", action="append", choices=list(measure.KINDS))
    parser.add_argument("--count", type=int, default=200, help="requests per kind")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--redis", action="store_true", help="backpop's sessions in Redis")
    parser.add_argument("--out", type=Path, default=server.ROOT / "var" / "bench-profile")
    args = parser.parse_args(argv)
    app = next(a for a in apps.APPS if a.name == args.app)

    workdir = Path(tempfile.mkdtemp(prefix="backpop-profile-"))
    made = None
    try:
        made, url = apps.create_database(args.db, app, workdir)
        redis_db = PROFILE_REDIS_DB if args.redis else None
        env = apps.environment(app, port=80, workdir=workdir, url=url, redis_db=redis_db)
        server.prepare(env)
        os.environ.update(env)
        import django
        from django.core.wsgi import get_wsgi_application
        from pyinstrument import Profiler

        django.setup(set_prefix=False)
        wsgi = get_wsgi_application()
        args.out.mkdir(parents=True, exist_ok=True)
        print(f"{'request':<12} {'CPU ms':>8}   ({app.name}, in process, no network)")
        for kind in args.kind or measure.KINDS:
            profiler = Profiler(interval=0.0002)
            found = measure.measure(
                kind,
                lambda: Patient(
                    WSGITransport(wsgi, HOST, 80), HOST, scheme="https", prefix=app.prefix
                ),
                Window(profiler),
                count=args.count // 5 if kind in measure.PER_STEP else args.count,
                threads=1,
            )
            cost = found.get("cpu_ms_per_step") or found["cpu_ms_per_request"]
            print(f"{kind:<12} {cost:8.2f}", flush=True)
            report = profiler.output_text(unicode=True, color=False)
            (args.out / f"{app.name}-{kind}.txt").write_text(report)
        print(f"pyinstrument reports in {args.out}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.redis:
            apps.flush_redis(PROFILE_REDIS_DB)
        if made is not None:
            apps.drop_database(args.db, made)


if __name__ == "__main__":
    main()
