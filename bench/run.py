"""Run the benchmark of issue #6 and write docs/benchmarks.md and docs/benchmarks.json.

    python -m bench.run            the full bench (about three minutes), writes docs/
    python -m bench.run --smoke    a few seconds of tiny load, to prove the bench still works

Starts the production server with bin/start on 127.0.0.1 (SQLite in a temporary folder, or the
database of DATABASE_URL), loads it with wrk, runs the simulated patients, reads the workers'
memory, stops the server, then times the triage engine.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench import experiments, journeys, report, server, wrk
from bench.patient import ANSWERS, RESULT, Patient
from bench.transport import HTTPTransport

PORTS = range(8201, 8220)  # the ports this project may use for benchmarks
TUNING = ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_CMD_ARGS")


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _patient(port: int) -> Patient:
    return Patient(HTTPTransport("127.0.0.1", port), f"127.0.0.1:{port}", scheme="https")


def _with_cookies(patient: Patient, path: str = "") -> dict[str, str]:
    """The headers a browser sends behind the proxy: the cookies, and a Referer for a POST."""
    headers = {**server.PROXY_HEADERS, "Cookie": patient.cookie_header()}
    if path:
        headers["Referer"] = patient.referer_base + path
    return headers


def stylesheet(page: str) -> str:
    """The site's own stylesheet link on a page: a hashed file that whitenoise serves."""
    links = re.findall(r'<link\b[^>]*\bhref="(/[^"]+\.css)"', page)
    own = [link for link in links if "vendor" not in link] or links
    if not own:
        raise RuntimeError("the start page links no stylesheet to measure static files with")
    return own[0]


def targets(port: int) -> list[wrk.Target]:
    """The requests to measure, each with a session prepared over HTTP as a patient's."""
    visitor = _patient(port)
    css = stylesheet(visitor.get("/").text)
    hashed = re.search(r"\.[0-9a-f]{12}\.css$", css) is not None
    static_label = f"{'Hashed s' if hashed else 'S'}tatic file via whitenoise (baseline)"
    proxied = dict(server.PROXY_HEADERS)

    fresh = _patient(port)
    first = fresh.begin()

    poster = _patient(port)
    action, data = poster.page_answers(poster.begin())

    filled = _patient(port)
    filled.answer_all(filled.begin())
    filled.get(ANSWERS)

    finished = _patient(port)
    finished.answer_all(finished.begin())
    finished.get(ANSWERS)
    finished.get(RESULT)

    return [
        wrk.Target("bare", "Bare Django view (baseline)", "/bench/bare/", headers=proxied),
        wrk.Target("static", static_label, css, headers=proxied),
        wrk.Target("start", "Start page", "/", headers=proxied),
        wrk.Target("page_fresh", "Questionnaire page, fresh", first, headers=_with_cookies(fresh)),
        wrk.Target(
            "page_filled",
            "Questionnaire page, answers filled",
            first,
            headers=_with_cookies(filled),
        ),
        wrk.Target(
            "page_post",
            "Questionnaire page, valid POST",
            action,
            method="POST",
            body=urlencode(data, doseq=True),
            headers=_with_cookies(poster, action),
            expect=302,
        ),
        wrk.Target("answers", "Check your answers", ANSWERS, headers=_with_cookies(filled)),
        wrk.Target("result", "Result page", RESULT, headers=_with_cookies(finished)),
    ]


def _load_average() -> float:
    """The machine's 1-minute load: above zero, something else was using the cores too."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def database_kind(url: str) -> str:
    scheme = urlsplit(url).scheme
    return (
        "PostgreSQL"
        if scheme.startswith("postgres")
        else "SQLite"
        if scheme == "sqlite"
        else scheme
    )


def machine() -> dict:
    import django
    import gunicorn

    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    wrk_version = (
        subprocess.run([wrk.wrk_path(), "-v"], capture_output=True, text=True)
        .stdout.splitlines()[0]
        .split(" [")[0]
    )
    return {
        "load_average_before": _load_average(),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "django": django.__version__,
        "gunicorn": gunicorn.__version__,
        "wrk": wrk_version,
    }


def measure_endpoints(srv, env, plan, args) -> list[dict]:
    if args.smoke:
        # Tiny load on every request at once: this proves each path works, it times nothing.
        running = [
            (t, wrk.start(t, srv.base_url, seconds=args.seconds, connections=args.connections))
            for t in plan
        ]
        found = [wrk.finish(p, t, timeout=args.seconds + 60) for t, p in running]
    else:
        for target in plan:
            if args.warmup:
                wrk.run(target, srv.base_url, seconds=args.warmup, connections=args.connections)
        # Rounds, each measuring every request in turn: a burst of other work on the shared
        # cores then lowers one round of each request rather than all of one request, and
        # the median round of each leaves it out of the ratios.
        rounds: dict[str, list[dict]] = {target.name: [] for target in plan}
        for number in range(1, args.rounds + 1):
            say(f"   round {number} of {args.rounds}")
            for target in plan:
                before = server.count_submissions(env) if target.name == "result" else None
                cpu = server.cpu_seconds(srv)
                result = wrk.run(
                    target, srv.base_url, seconds=args.seconds, connections=args.connections
                )
                result["server_cpu_seconds"] = server.cpu_seconds(srv) - cpu
                if before is not None:
                    result["submissions_added"] = server.count_submissions(env) - before
                rounds[target.name].append(result)
        found = [wrk.combine(rounds[target.name]) for target in plan]
    bare = next(e for e in found if e["name"] == "bare")
    for endpoint in found:
        rps = endpoint["requests_per_second"]
        endpoint["ratio_to_bare"] = (
            round(rps / bare["requests_per_second"], 3) if bare["requests_per_second"] else None
        )
        # The same ratio from the server's CPU cost per request, which a busy machine skews less.
        cost, bare_cost = (
            endpoint.get("server_cpu_ms_per_request"),
            bare.get("server_cpu_ms_per_request"),
        )
        if cost and bare_cost:
            endpoint["cpu_ratio_to_bare"] = round(bare_cost / cost, 3)
    return found


_STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f} s] {text}", flush=True)


def run(args) -> dict:
    wrk.wrk_path()  # ask for wrk before anything starts
    port = args.port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="backpop-bench-"))
    database_url = os.environ.get("DATABASE_URL") or None
    env = server.server_env(port=port, workdir=workdir, database_url=database_url)
    env["BENCH_EXPERIMENTS"] = ",".join(args.experiment)
    results: dict = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "make bench-smoke" if args.smoke else "make bench",
        "mode": "smoke" if args.smoke else "full",
        # What differs from the shipped service and its default gunicorn configuration.
        "experiments": list(args.experiment),
        "tuning": {name: os.environ[name] for name in TUNING if os.environ.get(name)},
        "machine": machine(),
        "load": {
            "tool": "wrk",
            "connections": args.connections,
            "seconds": args.seconds,
            "rounds": 1 if args.smoke else args.rounds,
            "warmup_seconds": 0 if args.smoke else args.warmup,
        },
    }
    started = time.monotonic()
    try:
        say(f"== preparing the database and static files in {workdir}")
        server.prepare(env)
        say(f"== starting bin/start on 127.0.0.1:{port}")
        srv = server.start(env, port=port, log=workdir / "server.log", script=args.start_script)
        try:
            config = server.gunicorn_config(env)
            server.wait_ready(srv, workers=(config.get("gunicorn") or {}).get("workers") or 1)
            memory_before = server.memory(srv)
            results["server"] = {
                "start_script": str(args.start_script.relative_to(server.ROOT))
                if args.start_script.is_relative_to(server.ROOT)
                else str(args.start_script),
                "settings": "bench.settings",
                "database": database_kind(env["DATABASE_URL"]),
                "workers": len(memory_before["workers"]),
                **config,
            }
            say(f"== {results['server']['workers']} workers up; preparing sessions")
            plan = targets(port)
            say("== wrk")
            results["endpoints"] = measure_endpoints(srv, env, plan, args)

            say(f"== {args.patients} patients for {args.journey_seconds} s")
            before = server.count_submissions(env)
            cpu = server.cpu_seconds(srv)
            found = journeys.run(
                "127.0.0.1",
                port,
                patients=args.patients,
                seconds=args.journey_seconds,
                scheme="https",
            )
            used = server.cpu_seconds(srv) - cpu
            if found["completed"]:
                found["server_cpu_ms_per_journey"] = round(used / found["completed"] * 1000, 1)
            found["submissions_added"] = server.count_submissions(env) - before
            found["submissions_match"] = found["submissions_added"] == found["completed"]
            results["journeys"] = found
            results["memory"] = server.memory(srv)
            results["memory"]["after"] = "all load"
            # gunicorn restarts a worker after max_requests; each restart re-imports Django.
            boots = srv.log.read_text(errors="replace").count("Booting worker")
            results["server"]["worker_starts"] = boots
            results["server"]["worker_restarts"] = max(0, boots - results["server"]["workers"])
        except BaseException:
            print(srv.log_tail(), file=sys.stderr)
            raise
        finally:
            server.stop(srv)

        say("== triage engine")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.engine",
                "--seconds",
                str(args.engine_seconds),
                "--times",
                str(args.engine_times),
            ],
            env=env,
            cwd=server.ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the engine benchmark failed:\n{done.stderr}")
        results["engine"] = json.loads(done.stdout)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["elapsed_seconds"] = round(time.monotonic() - started, 1)
    results["machine"]["load_average_after"] = _load_average()
    results["targets"] = report.targets(results)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds of tiny load")
    parser.add_argument("--out", type=Path, help="where to write benchmarks.md and .json")
    parser.add_argument("--port", type=int, help=f"default: the first free of {PORTS.start}-")
    parser.add_argument("--connections", type=int, help="wrk connections (default 16)")
    parser.add_argument("--seconds", type=int, help="per request and round (default 4)")
    parser.add_argument("--rounds", type=int, help="rounds over every request (default 3)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds before each row")
    parser.add_argument("--patients", type=int, help="concurrent patients (default 16)")
    parser.add_argument("--journey-seconds", type=float, help="default 30")
    parser.add_argument("--engine-seconds", type=float, help="per engine case (default 0.5)")
    parser.add_argument("--engine-times", type=int, help="content growth (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--start-script", type=Path, default=server.START_SCRIPT, help="default: bin/start"
    )
    parser.add_argument(
        "--experiment",
        action="append",
        default=[],
        choices=experiments.NAMES,
        help="a suggested change to measure (see bench/experiments.py); needs --out",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    defaults = (
        {
            "connections": 2,
            "seconds": 1,
            "rounds": 1,
            "patients": 2,
            "journey_seconds": 1.5,
            "engine_seconds": 0.02,
            "engine_times": 10,
            "out": server.ROOT / "var" / "bench-smoke",
        }
        if args.smoke
        else {
            "connections": 16,
            "seconds": 4,
            "rounds": 3,
            "patients": 16,
            "journey_seconds": 30,
            "engine_seconds": 0.5,
            "engine_times": 100,
            "out": server.ROOT / "docs",
        }
    )
    changed = args.experiment or any(os.environ.get(v) for v in TUNING)
    if changed and args.out is None and not args.smoke:
        parser.error("with an experiment or gunicorn tuning, choose where to write: --out DIR")
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.port is not None and args.port not in PORTS:
        parser.error(f"--port must be in {PORTS.start}-{PORTS.stop - 1}")

    try:
        results = run(args)
    except wrk.WrkMissing as missing:
        print(missing, file=sys.stderr)
        return 2
    as_md, as_json = report.write(results, args.out)
    print(f"== wrote {as_md} and {as_json} in {results['elapsed_seconds']} s")
    for target in results["targets"]:
        print(
            f"   {'pass' if target['passed'] else 'FAIL'}  {target['target']}: {target['measured']}"
        )
    errors = sum(e["errors"] for e in results["endpoints"]) + results["journeys"]["errors"]
    if errors or not results["journeys"]["submissions_match"]:
        print(f"== {errors} errors; submissions match: {results['journeys']['submissions_match']}")
        return 1
    if args.strict and not all(t["passed"] for t in results["targets"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
