"""docs/benchmarks.md: the side-by-side tables, the targets and the chart, from the results."""

from bench.measure import KINDS, PER_STEP
from bench.report import (
    APP_ORDER,
    _f,
    errors,
    journeys_per_second,
    kind_cost,
    largest_worker,
    load_figure,
    ratio,
    shown,
    verdict,
)


def _cost_table(r: dict, *, with_database: bool) -> list[str]:
    lines = [
        "| Request | backpop | textbook | backpop ÷ textbook |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, label in KINDS.items():
        a = kind_cost(r, "backpop", kind, with_database)
        c = kind_cost(r, "textbook", kind, with_database)
        if kind in PER_STEP:
            per = [_f(r["kinds"][app][kind][0].get("requests_per_step"), 0) for app in APP_ORDER]
            label += f" ({per[0]} and {per[1]} requests)"
        if kind == "journey":
            label = f"**{label}**"
        lines.append(f"| {label} | {shown(a, 2)} | {shown(c, 2)} | {_f(ratio(a, c), 2)} |")
    return lines


def shown_verdict(target: dict) -> str:
    found = verdict(target)
    return "**FAIL**" if found == "FAIL" else found


def markdown(r: dict, chart: str | None = None) -> str:
    m, p, apps = r["machine"], r["parameters"], r["apps"]
    b, t = apps["backpop"], apps["textbook"]
    workers = (b.get("gunicorn") or {}).get("workers")
    lines = [
        "# Benchmarks",
        "",
        f"Measured {r['date']} by `{r['command']}` ({r['mode']} run), {r['database']}, on "
        f"{m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}, "
        f"Django {m['django']}, gunicorn {m['gunicorn']}, in {r.get('elapsed_seconds')} s. "
        f"Load average {m['load_average_before']} before, {m.get('load_average_after')} after"
        + (
            " (**the machine was busy with other work: requests/s and latencies are lower than "
            "on a quiet one; server CPU per request moves much less**)."
            if max(m["load_average_before"], m.get("load_average_after") or 0) >= 1
            else "."
        ),
        "",
        *(
            [
                "**A smoke run: a second or two of each step, to prove both apps work. Its "
                "figures are not measurements.**",
                "",
            ]
            if r["mode"] == "smoke"
            else []
        ),
        "Two apps asking the same questions from the same default content, side by side:",
        "",
        f"- **backpop**, as in production: `{b['start_script']}`, `{b['settings']}`, debug off,"
        f" sessions: {b['sessions']}.",
        f"- **The textbook build** (`bench/textbook/`): django-formtools "
        "`NamedUrlSessionWizardView` with one `Form` per page and a `condition_dict`, "
        "django-crispy-forms with crispy-bootstrap5, Django templates with the cached loader, "
        f"whitenoise, sessions: {t['sessions']}; started by `{t['start_script']}`.",
        "",
        f"Both with gunicorn.conf.py ({workers} sync workers each), each on a database of "
        f"its own, requests marked as forwarded over HTTPS as by the TLS proxy. Every "
        f"measurement takes turns between the apps (A B B A ...): {p['rounds']} rounds of "
        f"each request, {p['load_rounds']} of the load.",
        "",
        "## Targets",
        "",
        "| Target | Measured | Result |",
        "| --- | ---: | --- |",
    ]
    for target in r["targets"]:
        value = target["measured"]
        if isinstance(value, float):
            value = _f(value, 3 if value < 1 else 2)  # a ratio just above a limit shows so
        value = "-" if value is None else value
        lines.append(f"| {target['target']} | {value} | {shown_verdict(target)} |")
    lines += [
        "",
        "## Server CPU per request",
        "",
        "Milliseconds of CPU the server's processes (gunicorn's master and workers) used per "
        "request, median of the rounds (min-max): their user + system time from /proc over "
        "the window, divided by the requests served (the result and the whole journey: by "
        "the results and journeys). The database's and Redis's own CPU is not included here. "
        f"Sessions are prepared by simulated patients before each window; {p['threads']} "
        "patients make the measured requests at once.",
        "",
        *_cost_table(r, with_database=False),
    ]
    if kind_cost(r, "textbook", "journey", with_database=True) and r["database"] == "PostgreSQL":
        lines += [
            "",
            "The same, adding the CPU of the PostgreSQL backends connected to each app's "
            "database over the window (the textbook app keeps its sessions there; backpop's "
            "sessions are in Redis, whose CPU is still left out):",
            "",
            *_cost_table(r, with_database=True),
        ]
    lines += [
        "",
        f"## {p['patients']} concurrent patients",
        "",
        f"Simulated patients (threads on plain sockets, cookies, CSRF, on the same cores as the "
        f"servers) answering all clear from the start page to the result, again and again, "
        f"{p['load_seconds']} s a round; median of the rounds (min-max).",
        "",
        "| App | Journeys/s | Request p50 ms | Request p95 ms | Server CPU ms per journey "
        "| Load average after each round | Errors | Rows stored for journeys |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for app in APP_ORDER:
        rounds = r["load"][app]
        lines.append(
            f"| {app} | {shown(load_figure(r, app, lambda f: f['journeys_per_second']), 2)} | "
            f"{shown(load_figure(r, app, lambda f: f['request_latency_ms']['p50']))} | "
            f"{shown(load_figure(r, app, lambda f: f['request_latency_ms']['p95']))} | "
            f"{shown(load_figure(r, app, lambda f: f['server_cpu_ms_per_journey']))} | "
            f"{', '.join(str(f['load_average']) for f in rounds)} | {errors(r, app)} | "
            f"{apps[app]['rows_stored']} for {apps[app]['results_reached']} |"
        )
    lines += [
        "",
        "## Scaling",
        "",
        f"Journeys per second by concurrent patients: the median of {p['scaling_rounds']} runs "
        f"of {p['scaling_seconds']} s per app and count, taking turns ({p['patients']}: the "
        "rounds above). The patients share the two cores with both servers.",
        "",
    ]
    if chart:
        lines += [f"![Journeys per second against concurrent patients]({chart})", ""]
    counts = sorted({int(n) for app in APP_ORDER for n in r["scaling"][app]} | {p["patients"]})
    lines += [
        "| Patients | " + " | ".join(str(n) for n in counts) + " |",
        "| --- |" + " ---: |" * len(counts),
    ]
    for app in APP_ORDER:
        cells = []
        for n in counts:
            cells.append(_f(journeys_per_second(r, app, n), 2))
        lines.append(f"| {app}, journeys/s | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## The same questionnaire",
        "",
        "One journey per answer set in each app before the measurements: the pages asked and "
        "the result's level must be those of the default content.",
        "",
        "| Answers | App | Pages asked | Level | Problem |",
        "| --- | --- | ---: | --- | --- |",
    ]
    for check in r["checks"]:
        lines.append(
            f"| {check['answers']} | {check['app']} | {check['pages']} | {check['level']} | "
            f"{check['problem'] or 'none'} |"
        )
    lines += [
        "",
        "## Memory after the run",
        "",
        "| App | Master MiB | Largest worker MiB | Worker starts |",
        "| --- | ---: | ---: | ---: |",
    ]
    for app in APP_ORDER:
        notes = apps[app]
        lines.append(
            f"| {app} | {_f(notes['memory']['master_rss_mib'])} | "
            f"{_f(largest_worker(r, app))} | {notes['worker_starts']} |"
        )
    return "\n".join(lines) + "\n"
