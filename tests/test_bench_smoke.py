"""The benchmark's smoke run, so `make bench` cannot rot between full runs.

It runs `python -m bench.run --smoke`: bin/start on a temporary SQLite database, one second of
tiny wrk load on every measured request, two simulated patients for a second or two, and the
engine timings on little work. It checks the report says every path worked; it asserts no
speed, which a shared CI machine cannot promise.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MEASURED = {
    "bare",
    "static",
    "start",
    "page_fresh",
    "page_filled",
    "page_post",
    "answers",
    "result",
}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    if shutil.which("wrk") is None:
        message = "wrk is not installed: apt-get install wrk (Debian's package)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("bench")
    # A temporary SQLite database whatever the suite runs on: the bench must never load, or
    # write submissions into, the PostgreSQL database of DATABASE_URL from a test.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WEB_CONCURRENCY"}}
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads((out / "benchmarks.json").read_text()), (out / "benchmarks.md").read_text()


def test_smoke_run_measures_every_request_without_errors(smoke):
    results, _ = smoke
    endpoints = {e["name"]: e for e in results["endpoints"]}
    assert set(endpoints) == MEASURED
    for name, endpoint in endpoints.items():
        assert endpoint["requests"] > 0, name
        assert endpoint["errors"] == 0, (name, endpoint["error_detail"])
        assert endpoint["ratio_to_bare"] is not None, name
    assert endpoints["static"]["path"].startswith("/static/")


def test_smoke_journeys_complete_and_each_stores_one_submission(smoke):
    journeys = smoke[0]["journeys"]
    assert journeys["completed"] > 0
    assert journeys["errors"] == 0, journeys["error_kinds"]
    assert journeys["submissions_added"] == journeys["completed"]


def test_smoke_reports_engine_memory_and_targets(smoke):
    results, markdown = smoke
    cases = results["engine"]["cases"]
    assert {"default", f"x{results['engine']['times']}"} == set(cases)
    assert all(case["all_clear"]["microseconds_per_call"] > 0 for case in cases.values())
    assert all(worker["rss_mib"] > 0 for worker in results["memory"]["workers"])
    assert results["server"]["workers"] >= 1
    assert {t["name"] for t in results["targets"]} >= {"zero_errors", "journeys", "memory"}
    assert "| Result page" in markdown
    assert "## Targets" in markdown
