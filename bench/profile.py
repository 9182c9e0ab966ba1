"""Profile the patient's pages inside one process with pyinstrument, without the network.

    python -m bench.profile [--requests 300] [--out var/bench-profile]

Builds the same temporary SQLite database and settings as the bench (debug off, the shipped
middleware), prepares sessions with the simulated patient, times each request through the
WSGI application, then profiles it and writes pyinstrument's text report per request kind.
"""

import argparse
import atexit
import cProfile
import os
import pstats
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import server
from bench.experiments import NAMES

HOST = "127.0.0.1"


def _app(workdir: Path, experiments: list[str] = ()):
    env = server.server_env(port=80, workdir=workdir, database_url=None)
    env["BENCH_EXPERIMENTS"] = ",".join(experiments)
    server.prepare(env)
    os.environ.update(env)
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup(set_prefix=False)
    return get_wsgi_application()


def scenarios(app):
    """name -> a function making one request, each on a session prepared like the bench's."""
    from bench.patient import ANSWERS, RESULT, Patient
    from bench.transport import WSGITransport

    def patient():
        return Patient(WSGITransport(app, HOST, 80), HOST, scheme="https")

    fresh = patient()
    first = fresh.begin()
    poster = patient()
    action, data = poster.page_answers(poster.begin())
    filled = patient()
    filled.answer_all(filled.begin())
    filled.get(ANSWERS)
    finished = patient()
    finished.answer_all(finished.begin())
    finished.get(ANSWERS)
    finished.get(RESULT)
    visitor = patient()
    walker = patient()

    return {
        "bare": lambda: visitor.get("/bench/bare/"),
        "start": lambda: visitor.get("/"),
        "page_fresh": lambda: fresh.get(first),
        "page_filled": lambda: filled.get(first),
        "page_post": lambda: poster.post(action, data),
        "answers": lambda: filled.get(ANSWERS),
        "result": lambda: finished.get(RESULT),
        "journey": walker.journey,
    }


def _repeat(call, count: int) -> None:
    for _ in range(count):
        call()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="per kind (default 300)")
    parser.add_argument("--out", type=Path, default=server.ROOT / "var" / "bench-profile")
    parser.add_argument("--only", nargs="*", help="kinds to profile (default: all)")
    parser.add_argument("--all", action="store_true", help="show every frame in pyinstrument")
    parser.add_argument("--experiment", action="append", default=[], choices=NAMES)
    parser.add_argument(
        "--time-only",
        action="store_true",
        help="no profiles: time each kind in 5 rounds (for before/after comparisons)",
    )
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="backpop-profile-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    app = _app(workdir, args.experiment)
    args.out.mkdir(parents=True, exist_ok=True)
    with_changes = "".join(f", {name}" for name in args.experiment)
    print(
        f"{'request':<12} {'CPU ms':>8} {'min CPU':>8} {'wall ms':>8}   (each, in process, "
        f"no network; median and best of 5 rounds{with_changes})"
    )
    for name, call in scenarios(app).items():
        if args.only and name not in args.only:
            continue
        count = max(10, args.requests // 20) if name == "journey" else args.requests
        _repeat(call, max(5, count // 10))
        cpu, wall = [], []
        for _ in range(5):
            begun, used = time.perf_counter(), time.process_time()
            _repeat(call, count // 5 or 1)
            wall.append((time.perf_counter() - begun) / (count // 5 or 1) * 1000)
            cpu.append((time.process_time() - used) / (count // 5 or 1) * 1000)
        print(
            f"{name:<12} {statistics.median(cpu):8.2f} {min(cpu):8.2f} "
            f"{statistics.median(wall):8.2f}",
            flush=True,
        )
        if not args.time_only:
            _profile(name, call, count, args)
    if not args.time_only:
        print(f"pyinstrument reports in {args.out}")


def _profile(name: str, call, count: int, args) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0002)
    with profiler:
        _repeat(call, count)
    (args.out / f"{name}.txt").write_text(
        profiler.output_text(unicode=True, color=False, show_all=args.all)
    )
    # Function totals in CPU time too: on a busy machine wall-clock samples include waits.
    functions = cProfile.Profile(time.process_time)
    functions.runcall(_repeat, call, count)
    with (args.out / f"{name}.functions.txt").open("w") as report:
        stats = pstats.Stats(functions, stream=report).strip_dirs()
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
