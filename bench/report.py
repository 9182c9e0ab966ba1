"""Judge the figures against the targets of issue #6 and write docs/benchmarks.{md,json}."""

import json
from pathlib import Path

FINDINGS = Path(__file__).resolve().parent / "findings.md"

# (name, what, measured value as shown, passed) for every target of issue #6.
PAGE_RATIOS = (("page_fresh", 0.30), ("page_filled", 0.30), ("page_post", 0.30), ("result", 0.20))


def targets(results: dict) -> list[dict]:
    found = []
    by_name = {e["name"]: e for e in results["endpoints"]}

    def add(name, what, value, passed):
        found.append({"name": name, "target": what, "measured": value, "passed": bool(passed)})

    for name, floor in PAGE_RATIOS:
        endpoint = by_name.get(name)
        ratio = endpoint.get("ratio_to_bare") if endpoint else None
        add(
            f"{name}_ratio",
            f"{endpoint['label'] if endpoint else name}: at least {floor:.2f} of the bare view",
            ratio,
            ratio is not None and ratio >= floor,
        )
    journeys = results.get("journeys") or {}
    errors = sum(e["errors"] for e in results["endpoints"]) + journeys.get("errors", 0)
    stored = journeys.get("submissions_match")
    add(
        "zero_errors",
        "no errors, and one stored submission per journey",
        errors,
        not errors and stored,
    )
    p95 = (journeys.get("request_latency_ms") or {}).get("p95")
    add(
        "p95_latency",
        f"p95 request latency under 50 ms with {journeys.get('patients')} concurrent patients",
        p95,
        p95 is not None and p95 < 50,
    )
    per_second = journeys.get("journeys_per_second")
    add("journeys", "at least 20 whole journeys per second", per_second, (per_second or 0) >= 20)
    engine = results.get("engine") or {}
    grown = engine.get("cases", {}).get(f"x{engine.get('times')}", {})
    worst = max(
        (
            case["microseconds_per_call"]
            for case in grown.values()
            if isinstance(case, dict) and "microseconds_per_call" in case
        ),
        default=None,
    )
    add(
        "engine",
        f"the engine under 1 ms (1000 µs) per call with {engine.get('times')}x the content",
        worst,
        worst is not None and worst < 1000,
    )
    workers = (results.get("memory") or {}).get("workers") or []
    largest = max((w["rss_mib"] for w in workers), default=None)
    add("memory", "every worker under 100 MB resident", largest, workers and largest < 100)
    return found


def write(results: dict, out: Path, *, findings: Path = FINDINGS) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    as_json = out / "benchmarks.json"
    as_md = out / "benchmarks.md"
    as_json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    notes = findings.read_text() if findings.exists() else ""
    as_md.write_text(markdown(results, notes))
    return as_md, as_json


def _f(value, digits=1, unit=""):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}{unit}"


def markdown(r: dict, notes: str = "") -> str:
    m, s, load = r["machine"], r["server"], r["load"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {r['date']} by `{r['command']}` ({r['mode']} run) on {m['cores']} cores "
        f"({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}, Django {m['django']}, "
        f"gunicorn {m['gunicorn']}, {m['wrk']}. Load average {m.get('load_average_before')} "
        f"before and {m.get('load_average_after')} after"
        f"{_busy(m)}.",
        "",
        *_changes(r),
        f"Server: `bin/start` with `DJANGO_SETTINGS_MODULE=bench.settings` (the shipped settings "
        f"and middleware, plus `/bench/bare/`), debug off, {s['workers']} gunicorn workers"
        f"{_gunicorn(s.get('gunicorn') or {})}, {s['database']} database, requests marked "
        f"as forwarded over HTTPS as by the TLS proxy. "
        f"Load from 127.0.0.1: wrk, {load['connections']} connections, "
        f"{load['warmup_seconds']} s of warm-up per request, then {_rounds(load)}.",
        "",
        "## Pages and baselines",
        "",
        "| Request | Requests/s | p50 ms | p95 ms | p99 ms | × bare view | Errors | "
        "Server CPU ms/request | × bare, by CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for e in r["endpoints"]:
        lat = e["latency_ms"]
        lines.append(
            f"| {e['label']} (`{e['method']} {_short_path(e['path'])}`) | "
            f"{_f(e['requests_per_second'])} | {_f(lat['p50'], 2)} | {_f(lat['p95'], 2)} | "
            f"{_f(lat['p99'], 2)} | {_f(e.get('ratio_to_bare'), 2)} | {e['errors']} | "
            f"{_f(e.get('server_cpu_ms_per_request'), 2)} | {_f(e.get('cpu_ratio_to_bare'), 2)} |"
        )
    lines += [
        "",
        "Server CPU is what gunicorn's processes used (from /proc) divided by the requests "
        "served: other work on the machine lowers requests/s but hardly changes it. "
        "\"× bare, by CPU\" is the bare view's CPU cost over the page's."
        + (" PostgreSQL's own CPU is not included." if s["database"] == "PostgreSQL" else ""),
    ]
    j = r.get("journeys")
    if j:
        lines += [
            "",
            "## Whole journeys",
            "",
            f"{j['patients']} simulated patients, each answering all clear from the start page "
            f"to the result ({j['pages_per_journey']} questionnaire pages, "
            f"{round(j['requests'] / j['completed']) if j['completed'] else '-'} requests a "
            f"journey) with cookies and CSRF, for {j['seconds']} s. The patients themselves "
            f"(Python threads on the same cores) used {_f(j.get('client_cpu_ms_per_journey'))} "
            f"ms of CPU a journey, the server {_f(j.get('server_cpu_ms_per_journey'))} ms"
            f"{_capacity(j, r['machine']['cores'])}.",
            "",
            "| Journeys/s | Journey p50 ms | Journey p95 ms | Requests/s | Request p50 ms | "
            "Request p95 ms | Request p99 ms | Errors | Submissions stored |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {_f(j['journeys_per_second'], 2)} | {_f(j['journey_ms']['p50'])} | "
            f"{_f(j['journey_ms']['p95'])} | {_f(j['requests_per_second'])} | "
            f"{_f(j['request_latency_ms']['p50'], 2)} | {_f(j['request_latency_ms']['p95'], 2)} | "
            f"{_f(j['request_latency_ms']['p99'], 2)} | {j['errors']} | "
            f"{j['submissions_added']} for {j['completed']} journeys "
            f"({'match' if j['submissions_match'] else 'MISMATCH'}) |",
        ]
        if j.get("error_kinds"):
            lines += [
                "",
                "Errors seen: " + "; ".join(f"{k} ×{v}" for k, v in j["error_kinds"].items()),
            ]
    engine = r.get("engine")
    if engine:
        lines += [
            "",
            "## Triage engine",
            "",
            "`triage.engine.assess`, microseconds per call, in one process (median of 5 rounds).",
            "",
            "| Content | Pages | Questions | Options | Warning signs | All clear µs | "
            "Every non-emergency warning µs |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, case in engine["cases"].items():
            size = case["size"]
            lines.append(
                f"| {label} | {size['pages']} | {size['questions']} | {size['options']} | "
                f"{size['warning_signs']} | {_f(case['all_clear']['microseconds_per_call'])} | "
                f"{_f(case['many_warnings']['microseconds_per_call'])} |"
            )
    mem = r.get("memory")
    if mem:
        lines += [
            "",
            "## Memory after the run",
            "",
            f"gunicorn restarted a worker {s.get('worker_restarts', '-')} times during the run "
            f"(`max_requests`), so these are the workers that served the last requests.",
            "",
            "| Process | PID | Resident MiB |",
            "| --- | ---: | ---: |",
            f"| gunicorn master | {mem['master_pid']} | {_f(mem['master_rss_mib'])} |",
        ]
        for w in mem["workers"]:
            lines.append(f"| worker | {w['pid']} | {_f(w['rss_mib'])} |")
    lines += ["", "## Targets", "", "| Target | Measured | Result |", "| --- | ---: | --- |"]
    for t in r["targets"]:
        value = t["measured"]
        shown = _f(value, 2) if isinstance(value, float) else ("-" if value is None else value)
        lines.append(f"| {t['target']} | {shown} | {'pass' if t['passed'] else '**FAIL**'} |")
    if notes.strip():
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def _changes(r: dict) -> list[str]:
    changes = [f"experiment `{name}`" for name in r.get("experiments", [])]
    changes += [f"`{name}={value}`" for name, value in (r.get("tuning") or {}).items()]
    if not changes:
        return []
    return [f"**Not the shipped configuration: with {', '.join(changes)}.**", ""]


def _capacity(journeys: dict, cores: int) -> str:
    server_ms = journeys.get("server_cpu_ms_per_journey")
    client_ms = journeys.get("client_cpu_ms_per_journey")
    if not server_ms:
        return ""
    alone = cores * 1000 / server_ms
    shared = cores * 1000 / (server_ms + (client_ms or 0))
    return (
        f": at most {alone:.1f} journeys/s on {cores} cores for the server alone, "
        f"{shared:.1f} with the patients on the same cores"
    )


def _busy(machine: dict) -> str:
    load = machine.get("load_average_before") or 0
    if load < 0.5:
        return ""
    return " (**the machine was busy with other work: figures are lower than on a quiet one**)"


def _rounds(load: dict) -> str:
    rounds = load.get("rounds", 1)
    if rounds == 1:
        return f"{load['seconds']} s per request"
    return (
        f"{rounds} rounds of {load['seconds']} s per request, taking turns; each row shows "
        "the median round (requests/s and latencies) and the total errors and server CPU"
    )


def _gunicorn(config: dict) -> str:
    if not config:
        return ""
    shown = f" ({config.get('worker_class')}"
    if config.get("worker_class") == "gthread":
        shown += f", {config.get('threads')} threads each"
    if config.get("max_requests"):
        shown += f", recycled after {config['max_requests']} requests"
    return shown + ")"


def _short_path(path: str) -> str:
    return path if len(path) <= 40 else path[:37] + "..."


def main(argv=None) -> None:
    """Write benchmarks.md again from benchmarks.json, e.g. after editing bench/findings.md."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument(
        "json", type=Path, nargs="?", default=FINDINGS.parent.parent / "docs" / "benchmarks.json"
    )
    args = parser.parse_args(argv)
    results = json.loads(args.json.read_text())
    results["targets"] = targets(results)
    write(results, args.json.parent)
    print(f"wrote {args.json.parent / 'benchmarks.md'}")


if __name__ == "__main__":
    main()
