"""Drive wrk (Debian's package) at one URL and read back its figures as a dict."""

import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "lua" / "request.lua"
INSTALL_HINT = (
    "wrk is not installed. The bench drives the server with wrk from Debian's packages:\n"
    "    sudo apt-get install wrk     (as root: apt-get update && apt-get install -y wrk)"
)


class WrkMissing(RuntimeError):
    pass


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise WrkMissing(INSTALL_HINT)
    return path


@dataclass
class Target:
    """One request for wrk to repeat: what is measured and what a good answer looks like."""

    name: str
    label: str
    path: str
    method: str = "GET"
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    expect: int = 200


def command(target: Target, base_url: str, *, seconds: int, connections: int, threads: int):
    env = dict(
        os.environ,
        BENCH_METHOD=target.method,
        BENCH_BODY=target.body,
        BENCH_HEADERS="\n".join(f"{k}: {v}" for k, v in target.headers.items()),
        BENCH_EXPECT=str(target.expect),
    )
    args = [
        wrk_path(),
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=5s",
        f"--script={SCRIPT}",
        base_url + target.path,
    ]
    return args, env


def start(target: Target, base_url: str, *, seconds: int, connections: int, threads: int = 2):
    args, env = command(target, base_url, seconds=seconds, connections=connections, threads=threads)
    return subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen, target: Target, *, timeout: float) -> dict:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise RuntimeError(f"wrk did not finish in {timeout:.0f}s for {target.path}") from None
    line = next((x for x in out.splitlines() if x.startswith("BENCH_JSON ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {target.path} ({process.returncode}):\n{out}\n{err}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    return summarise(raw, target)


def summarise(raw: dict, target: Target) -> dict:
    seconds = raw["duration_us"] / 1e6
    # wrk's own "status" errors (4xx/5xx) are among the unexpected statuses counted by Lua.
    errors = sum(v for k, v in raw["errors"].items() if k != "status") + raw["unexpected_status"]
    latency = raw["latency_us"]
    return {
        "name": target.name,
        "label": target.label,
        "method": target.method,
        "path": target.path,
        "expected_status": target.expect,
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "requests_per_second": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "latency_ms": {k: round(v / 1000, 2) for k, v in latency.items()},
        "errors": errors,
        "error_detail": {**raw["errors"], "unexpected_status": raw["unexpected_status"]},
        "first_unexpected_status": raw["first_unexpected_status"] or None,
    }


def run(target: Target, base_url: str, *, seconds: int, connections: int, threads: int = 2):
    process = start(target, base_url, seconds=seconds, connections=connections, threads=threads)
    return finish(process, target, timeout=seconds + 30)


def combine(rounds: list[dict]) -> dict:
    """One request's rounds as one row: the median round's rate and latencies, the totals of
    requests, errors and server CPU."""
    first = rounds[0]
    requests = sum(r["requests"] for r in rounds)
    combined = {
        **first,
        "requests": requests,
        "seconds": round(sum(r["seconds"] for r in rounds), 2),
        "requests_per_second": statistics.median(r["requests_per_second"] for r in rounds),
        "rounds_requests_per_second": [r["requests_per_second"] for r in rounds],
        "latency_ms": {
            name: round(statistics.median(r["latency_ms"][name] for r in rounds), 2)
            for name in first["latency_ms"]
        },
        "errors": sum(r["errors"] for r in rounds),
        "error_detail": {
            kind: sum(r["error_detail"][kind] for r in rounds) for kind in first["error_detail"]
        },
        "first_unexpected_status": next(
            (r["first_unexpected_status"] for r in rounds if r["first_unexpected_status"]), None
        ),
    }
    combined.pop("server_cpu_seconds", None)
    cpu = sum(r.get("server_cpu_seconds", 0.0) for r in rounds)
    if requests and cpu:
        combined["server_cpu_ms_per_request"] = round(cpu / requests * 1000, 3)
    if "submissions_added" in first:
        combined["submissions_added"] = sum(r["submissions_added"] for r in rounds)
    return combined
