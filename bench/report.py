"""Judge the figures against the targets of issue #10; write benchmarks.{md,json} and the chart.

python -m bench.report [docs/benchmarks.json]    rewrite the .md and chart from the .json
"""

import json
import statistics
from pathlib import Path

from bench.measure import KINDS, PER_STEP, QUESTION_GETS

CHART = "bench-scaling.svg"
APP_ORDER = ("backpop", "textbook")


def spread(values: list) -> dict | None:
    """Median with min and max, of the values that were measured."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def kind_cost(r: dict, app: str, kind: str, with_database: bool = False) -> dict | None:
    """Server CPU ms per request (per result or journey), optionally plus PostgreSQL's."""
    unit = "step" if kind in PER_STEP else "request"

    def cost(found):
        app_cpu, database = (
            found.get(f"cpu_ms_per_{unit}"),
            found.get(f"database_cpu_ms_per_{unit}"),
        )
        if not with_database:
            return app_cpu
        return None if app_cpu is None or database is None else app_cpu + database

    return spread([cost(found) for found in r["kinds"][app][kind]])


def load_figure(r: dict, app: str, pick) -> dict | None:
    return spread([pick(found) for found in r["load"][app]])


def journey_cost(r: dict, app: str) -> dict | None:
    return kind_cost(r, app, "journey")


def p95(r: dict, app: str) -> dict | None:
    return load_figure(r, app, lambda f: f["request_latency_ms"]["p95"])


def scaling_runs(r: dict, app: str) -> list[dict]:
    return [found for runs in r["scaling"][app].values() for found in runs]


def journeys_per_second(r: dict, app: str, patients: int) -> float | None:
    """The median rate with this many patients: of the load rounds, or of the scaling runs."""
    if patients == r["parameters"]["patients"]:
        runs = r["load"][app]
    else:
        runs = r["scaling"][app].get(str(patients), [])
    figure = spread([found["journeys_per_second"] for found in runs])
    return figure and figure["median"]


def ratio(a: dict | None, b: dict | None) -> float | None:
    if not a or not b or not b["median"]:
        return None
    return round(a["median"] / b["median"], 3)


def errors(r: dict, app: str) -> int:
    found = sum(f["errors"] for rounds in r["kinds"][app].values() for f in rounds)
    found += sum(f["errors"] for f in r["load"][app])
    found += sum(f["errors"] for f in scaling_runs(r, app))
    found += sum(1 for c in r["checks"] if c["app"] == app and c["problem"])
    notes = r["apps"][app]
    return found + notes.get("server_errors_logged", 0) + notes.get("warmup_errors", 0)


def rows_match(r: dict, app: str) -> bool:
    notes = r["apps"][app]
    rounds = [*r["load"][app], *scaling_runs(r, app)]
    return notes["rows_stored"] == notes["results_reached"] and all(
        f["rows_added"] == f["completed"] for f in rounds
    )


def largest_worker(r: dict, app: str) -> float | None:
    workers = r["apps"][app]["memory"]["workers"]
    return max((w["rss_mib"] for w in workers), default=None)


def targets(r: dict) -> list[dict]:
    found = []

    def add(name, what, measured, passed):
        found.append({"name": name, "target": what, "measured": measured, "passed": passed})

    journey = ratio(journey_cost(r, "backpop"), journey_cost(r, "textbook"))
    add(
        "journey_cpu",
        "backpop's server CPU per journey at most 0.5× the textbook's",
        journey,
        journey is not None and journey <= 0.5,
    )
    for kind in QUESTION_GETS:
        value = ratio(kind_cost(r, "backpop", kind), kind_cost(r, "textbook", kind))
        add(
            f"{kind}_cpu",
            f"{KINDS[kind]}: at most 0.35× the textbook's server CPU",
            value,
            value is not None and value <= 0.35,
        )
    latency = p95(r, "backpop")
    patients = r["parameters"]["patients"]
    add(
        "p95",
        f"backpop's p95 request latency under 50 ms with {patients} patients ({r['database']})",
        latency and latency["median"],
        (bool(latency) and latency["median"] < 50) if r["database"] == "PostgreSQL" else None,
    )
    count = sum(errors(r, app) for app in APP_ORDER)
    add("errors", "no errors in either app", count, count == 0)
    match = all(rows_match(r, app) for app in APP_ORDER)
    stored = ", ".join(
        f"{app} {r['apps'][app]['rows_stored']} for {r['apps'][app]['results_reached']}"
        for app in APP_ORDER
    )
    add("rows", "one stored row per completed journey, in both apps", stored, match)
    rss = largest_worker(r, "backpop")
    add("memory", "every backpop worker under 100 MB resident", rss, rss is not None and rss < 100)
    return found


def verdict(target: dict) -> str:
    """pass, FAIL, or not judged (the latency target holds on PostgreSQL only)."""
    return {True: "pass", False: "FAIL", None: "not judged"}[target["passed"]]


def failures(r: dict) -> list[str]:
    """What means an app or the bench is broken, whatever the speed (smoke fails on these)."""
    found = [
        f"{c['app']}, {c['answers']} journey: {c['problem']}" for c in r["checks"] if c["problem"]
    ]
    for app in APP_ORDER:
        if errors(r, app):
            kinds = [k for f in r["load"][app] for k in f.get("error_kinds", {})]
            kinds += [k for rs in r["kinds"][app].values() for f in rs for k in f["error_kinds"]]
            found.append(f"{app}: {errors(r, app)} errors {kinds[:3]}")
        if not rows_match(r, app):
            found.append(f"{app}: stored rows do not match the completed journeys")
        if not any(f["completed"] for f in r["load"][app]):
            found.append(f"{app}: no journey completed under load")
    return found


def write(r: dict, out: Path, *, chart: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    as_json, as_md = out / "benchmarks.json", out / "benchmarks.md"
    as_json.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")
    written = [as_md, as_json]
    if chart:
        from bench.chart import draw

        written.append(draw(r, out / CHART))
    from bench.markdown import markdown

    as_md.write_text(markdown(r, chart=CHART if chart else None))
    return written


def _f(value, digits=1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def shown(figure: dict | None, digits=1) -> str:
    if not figure:
        return "-"
    low, high = _f(figure["min"], digits), _f(figure["max"], digits)
    return f"{_f(figure['median'], digits)} ({low}-{high})"


def summary(r: dict) -> str:
    lines = ["", f"{'':<48} {'backpop':>22} {'textbook':>22} {'ratio':>6}"]
    for kind, label in KINDS.items():
        a, b = kind_cost(r, "backpop", kind), kind_cost(r, "textbook", kind)
        lines.append(
            f"{label[:48]:<48} {shown(a, 2):>22} {shown(b, 2):>22} {_f(ratio(a, b), 2):>6}"
        )
    a = kind_cost(r, "backpop", "journey", with_database=True)
    b = kind_cost(r, "textbook", "journey", with_database=True)
    if r["database"] == "PostgreSQL":
        label = "Whole journey, with PostgreSQL's CPU"
        lines.append(f"{label:<48} {shown(a, 2):>22} {shown(b, 2):>22} {_f(ratio(a, b), 2):>6}")
    lines.append("")
    for t in r["targets"]:
        value = t["measured"]
        value = _f(value, 3 if value < 1 else 2) if isinstance(value, float) else value
        lines.append(f"   {verdict(t):<10}  {t['target']}: {value}")
    return "\n".join(lines)


def main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.json"
    parser.add_argument("json", type=Path, nargs="?", default=default)
    args = parser.parse_args(argv)
    results = json.loads(args.json.read_text())
    results["targets"] = targets(results)
    write(results, args.json.parent)
    print(f"wrote {args.json.parent / 'benchmarks.md'}")


if __name__ == "__main__":
    main()
