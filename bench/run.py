"""Run backpop and the textbook formtools build side by side; write docs/benchmarks.{md,json}.

    python -m bench.run [--db postgres|sqlite]    the full bench (about six minutes)
    python -m bench.run --smoke                     a few seconds of each app: they work

Both servers run at once on 127.0.0.1 (ports 8201-8229), each on a database the bench creates
and drops. Every measurement takes turns between the apps (A B B A ...), so a burst of other
work on the machine spoils one turn of each rather than one app's figures.
"""

import argparse
import datetime
import html
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import apps, journeys, measure, report, server
from bench.patient import ANSWER_SETS, JourneyError
from bench.textbook import content

FULL = {
    "rounds": 4,
    "count": 120,
    "result_count": 25,
    "journey_count": 24,
    "threads": 4,
    "load_rounds": 3,
    "load_seconds": 15.0,
    "patients": 16,
    "scaling": (1, 4, 32),
    "scaling_rounds": 2,
    "scaling_seconds": 8.0,
    "warmup_seconds": 8.0,
}
SMOKE = {
    "rounds": 1,
    "count": 6,
    "result_count": 3,
    "journey_count": 2,
    "threads": 2,
    "load_rounds": 1,
    "load_seconds": 1.5,
    "patients": 2,
    "scaling": (1,),
    "scaling_rounds": 1,
    "scaling_seconds": 1.0,
    "warmup_seconds": 0.5,
}
_STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f} s] {text}", flush=True)


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def turns(number: int) -> tuple:
    """A B, then B A, then A B ...: each app goes first as often as the other."""
    return apps.APPS if number % 2 == 0 else apps.APPS[::-1]


def machine() -> dict:
    import django
    import gunicorn

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "django": django.__version__,
        "gunicorn": gunicorn.__version__,
        "load_average_before": load_average(),
    }


def start_apps(kind: str, workdir: Path, redis_db: int | None, made: list, running: list):
    """Create each app's database and start its server, adding both to the lists as they are
    made (so that the caller drops and stops them even when a later step fails)."""
    for app, port in zip(apps.APPS, apps.free_ports(len(apps.APPS)), strict=True):
        name, url = apps.create_database(kind, app, workdir)
        made.append(name)
        env = apps.environment(app, port=port, workdir=workdir, url=url, redis_db=redis_db)
        say(f"== {app.name}: migrating {name}, collecting static files")
        server.prepare(env)
        log = workdir / f"{app.name}.log"
        srv = server.start(env, port=port, log=log, script=app.start_script)
        running.append(apps.Running(app, env, srv, port, name))
    for run in running:
        config = server.gunicorn_config(run.env).get("gunicorn") or {}
        server.wait_ready(run.srv, path="/", workers=config.get("workers") or 1)
        run.notes = {
            "label": run.app.label,
            "settings": run.app.settings,
            "start_script": str(run.app.start_script.relative_to(server.ROOT)),
            "sessions": apps.session_engine(run.env),
            "gunicorn": config,
            "port": run.port,
        }
        say(f"== {run.app.name} up on 127.0.0.1:{run.port}, sessions: {run.notes['sessions']}")


def check_journeys(run: apps.Running) -> list[dict]:
    """One journey per answer set: the pages asked and the result's level are the content's."""
    checks = []
    for name, answers in ANSWER_SETS.items():
        expected_pages = len(content.route(answers))
        level = content.assess({k: list(v) for k, v in answers.items()}).level
        heading = _heading(level, run.app.prefix)
        patient = run.patient(answers)
        problem = ""
        try:
            pages = patient.journey()
        except (JourneyError, OSError) as error:
            pages, problem = None, str(error)
        finally:
            patient.transport.close()
        run.results += patient.results
        if not problem and pages != expected_pages:
            problem = f"asked {pages} pages, not {expected_pages}"
        if not problem and heading not in html.unescape(patient.page):
            problem = f"the result page does not say {heading!r}"
        checks.append({"app": run.app.name, "answers": name, "pages": pages, "level": level})
        checks[-1]["problem"] = problem
    return checks


def _heading(level: str, prefix: str) -> str:
    """The default content's heading of `level`, in the language the app's patients read:
    the Welsh that migration 0014 ships when they answer at /cy/."""
    if not prefix:
        return content.OUTCOMES[level].heading
    welsh = server.ROOT / "triage" / "migrations" / "welsh_default_content.json"
    return json.loads(welsh.read_text("utf-8"))["OutcomeText"][level]["heading"]["cy"]


def load(run: apps.Running, patients: int, seconds: float) -> dict:
    rows, cpu = run.rows(), run.cpu()
    found = journeys.run(
        "127.0.0.1",
        run.port,
        patients=patients,
        seconds=seconds,
        scheme="https",
        prefix=run.app.prefix,
    )
    used = run.cpu() - cpu
    found["load_average"] = load_average()
    found["server_cpu_ms_per_journey"] = (
        round(used / found["completed"] * 1000, 2) if found["completed"] else None
    )
    found["rows_added"] = run.rows() - rows
    run.results += found["completed"]
    return found


def run_bench(args, p: dict) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="backpop-bench-"))
    redis_db = (6 if args.smoke else 5) if apps.redis_reachable() else None
    results: dict = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": f"make bench{'-smoke' if args.smoke else ''}"
        + (" DB=sqlite" if args.db == "sqlite" else ""),
        "mode": "smoke" if args.smoke else "full",
        "database": "PostgreSQL" if args.db == "postgres" else "SQLite",
        "redis_db": redis_db,
        "parameters": {k: list(v) if isinstance(v, tuple) else v for k, v in p.items()},
        "machine": machine(),
        # backpop's patients' language (BENCH_LANGUAGE); the textbook build is English only.
        "backpop_language": apps.LANGUAGE,
    }
    started = time.monotonic()
    made: list[str] = []
    running: list[apps.Running] = []
    try:
        start_apps(args.db, workdir, redis_db, made, running)
        by_name = {r.app.name: r for r in running}
        results["apps"] = {r.app.name: r.notes for r in running}
        results["checks"] = [c for r in running for c in check_journeys(r)]
        say(f"== warming up for {p['warmup_seconds']} s each")
        for r in running:
            warm = journeys.run(
                "127.0.0.1",
                r.port,
                patients=4,
                seconds=p["warmup_seconds"],
                scheme="https",
                prefix=r.app.prefix,
            )
            r.results += warm["completed"]
            r.notes["warmup_errors"] = warm["errors"]

        kinds: dict = {r.app.name: {k: [] for k in measure.KINDS} for r in running}
        for number in range(p["rounds"]):
            say(f"== server CPU per request, round {number + 1} of {p['rounds']}")
            for app in turns(number):
                r = by_name[app.name]
                for kind in measure.KINDS:
                    count = p.get(f"{kind}_count", p["count"])
                    found = measure.measure(
                        kind,
                        r.patient,
                        r.cpu,
                        count=count,
                        threads=p["threads"],
                        database_cpu=r.database_cpu,
                    )
                    r.results += found["results"]
                    kinds[app.name][kind].append(found)
        results["kinds"] = kinds

        loads: dict = {r.app.name: [] for r in running}
        for number in range(p["load_rounds"]):
            for app in turns(number):
                say(f"== {app.name}: {p['patients']} patients for {p['load_seconds']} s")
                loads[app.name].append(load(by_name[app.name], p["patients"], p["load_seconds"]))
        results["load"] = loads

        scaling: dict = {r.app.name: {str(n): [] for n in p["scaling"]} for r in running}
        for number in range(p["scaling_rounds"]):
            for patients in p["scaling"]:
                for app in turns(number):
                    say(f"== {app.name}: {patients} patients for {p['scaling_seconds']} s")
                    found = load(by_name[app.name], patients, p["scaling_seconds"])
                    scaling[app.name][str(patients)].append(found)
        results["scaling"] = scaling

        for r in running:
            r.notes["memory"] = server.memory(r.srv)
            log = r.srv.log.read_text(errors="replace")
            r.notes["worker_starts"] = log.count("Booting worker")
            r.notes["server_errors_logged"] = log.count("Traceback")
            if "Traceback" in log:
                r.notes["last_traceback"] = log[log.rindex("Traceback") :][:3000]
            r.notes["results_reached"] = r.results
            r.notes["rows_stored"] = r.rows()
    except BaseException:
        for r in running:
            print(f"--- {r.app.name} server log:\n{r.srv.log_tail()}", file=sys.stderr)
        raise
    finally:
        for r in running:
            server.stop(r.srv)
        for name in made:
            apps.drop_database(args.db, name)
        if redis_db is not None:
            apps.flush_redis(redis_db)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["load_average_after"] = load_average()
    results["elapsed_seconds"] = round(time.monotonic() - started, 1)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds of each app")
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--out", type=Path, help="default docs/ (smoke: var/bench-smoke/)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    for name, value in FULL.items():
        if not isinstance(value, tuple):
            flag = "--" + name.replace("_", "-")
            parser.add_argument(flag, type=type(value), help=f"default {value}")
    args = parser.parse_args(argv)
    p = dict(SMOKE if args.smoke else FULL)
    p.update({k: getattr(args, k) for k in p if getattr(args, k, None) is not None})
    out = args.out or server.ROOT / ("var/bench-smoke" if args.smoke else "docs")

    results = run_bench(args, p)
    results["targets"] = report.targets(results)
    failures = report.failures(results)
    if failures and args.out is None and not args.smoke:
        out = server.ROOT / "var" / "bench-failed"  # docs/ only ever holds a clean run
    written = report.write(results, out, chart=True)
    say(f"== wrote {', '.join(str(path) for path in written)}")
    print(report.summary(results))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    for app, notes in results["apps"].items():
        if notes.get("last_traceback"):
            print(
                f"--- the last traceback in {app}'s log:\n{notes['last_traceback']}",
                file=sys.stderr,
            )
    if failures:
        return 1
    if args.strict and any(t["passed"] is False for t in results["targets"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
