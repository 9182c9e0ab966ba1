"""Server CPU per kind of request, each measured alone on sessions prepared beforehand.

For every kind, simulated patients first walk to just before the request (outside the
measured window), then make only that request while the server's CPU time is read before and
after: user + system time of the server's processes divided by the requests served. Other
work on the machine slows the server down but hardly changes what a request costs it.
"""

import threading
from collections import Counter
from collections.abc import Callable

from bench.patient import JourneyError, Patient

KINDS = {
    "first_get": "First question page (GET, new session)",
    "filled_get": "Question page mid-journey, answers filled (GET)",
    "post": "Question page, valid answers (POST)",
    "answers": "Check your answers (GET)",
    "result": "Result: from confirming the answers to the result page shown",
    "journey": "Whole journey, all clear: start page to result",
}
PER_STEP = ("result", "journey")  # measured per result or journey, of several requests each
QUESTION_GETS = ("first_get", "filled_get")


def _in_threads(work: list[Callable[[], None]], errors: Counter) -> None:
    """Run one list of calls per thread; a failed call is counted, not raised."""

    lock = threading.Lock()

    def worker(calls):
        failed: Counter = Counter()
        for call in calls:
            try:
                call()
            except (JourneyError, OSError) as error:
                failed[f"{type(error).__name__}: {error}"[:200]] += 1
        with lock:
            errors.update(failed)

    if len(work) == 1:  # in this thread, where a profiler (bench.profile) sees it
        worker(work[0])
        return
    threads = [threading.Thread(target=worker, args=(calls,), daemon=True) for calls in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("a measured request did not finish in five minutes")


def _split(items: list, parts: int) -> list[list]:
    return [items[i::parts] for i in range(parts)]


def measure(
    kind: str,
    new_patient: Callable[[], Patient],
    server_cpu: Callable[[], float],
    *,
    count: int,
    threads: int = 4,
    database_cpu: Callable[[], float] = lambda: 0.0,
) -> dict:
    """Measure `count` requests (or results, or journeys) of `kind`; return the figures."""
    errors: Counter = Counter()
    # (patient, call): each call makes the measured request(s) and says how many it made.
    plan: list[tuple[Patient, Callable[[], int]]] = []
    if kind in ("first_get", "post", "result", "journey"):
        patients = [new_patient() for _ in range(count)]  # one measured call each
    else:
        patients = [new_patient() for _ in range(threads)]  # one finished session per thread
    _in_threads(
        _split([_preparer(kind, p, count, threads, plan) for p in patients], threads), errors
    )

    by_patient: dict[int, list[Callable[[], int]]] = {}
    for patient, call in plan:
        by_patient.setdefault(id(patient), []).append(call)
    served = Counter()
    lock = threading.Lock()

    def counted(call):
        def run():
            made = call()
            with lock:
                served["requests"] += made
                served["steps"] += 1

        return run

    work = [
        [counted(call) for calls in groups for call in calls]
        for groups in _split(list(by_patient.values()), threads)
    ]
    results_before = sum(p.results for p in patients)
    begun, database = server_cpu(), database_cpu()
    _in_threads(work, errors)
    used, database = server_cpu() - begun, database_cpu() - database
    for patient in patients:
        patient.transport.close()
    requests, steps = served["requests"], served["steps"]
    found = {
        "kind": kind,
        "requests": requests,
        "steps": steps,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors.most_common(3)),
        "results": sum(p.results for p in patients) - results_before,
        "cpu_ms_per_request": round(used / requests * 1000, 3) if requests else None,
        "database_cpu_ms_per_request": round(database / requests * 1000, 3) if requests else None,
    }
    if kind in PER_STEP and steps:
        found["cpu_ms_per_step"] = round(used / steps * 1000, 3)
        found["database_cpu_ms_per_step"] = round(database / steps * 1000, 3)
        found["requests_per_step"] = round(requests / steps, 2)
    return found


def _at_answers(patient: Patient) -> None:
    patient.answer_all(patient.begin())
    if patient.reached.split("?")[0] != patient.answers_path:
        raise JourneyError(f"the journey reached {patient.reached}, not {patient.answers_path}")


def _journey_requests(patient: Patient) -> int:
    before = patient.requests
    patient.journey()
    return patient.requests - before


def _preparer(kind: str, p: Patient, count: int, threads: int, plan: list) -> Callable[[], None]:
    """A call that walks `p` to just before the measured request and adds that to `plan`."""

    def prepare():
        if kind == "first_get":
            first = p.begin()
            plan.append((p, lambda: (p.get(first), 1)[1]))
        elif kind == "post":
            action, data = p.page_answers(p.begin())
            plan.append((p, lambda: (p.post(action, data), 1)[1]))
        elif kind == "result":
            _at_answers(p)
            plan.append((p, p.finish))
        elif kind == "journey":
            plan.append((p, lambda: _journey_requests(p)))
        elif kind in ("filled_get", "answers"):
            # The same GET again and again on one finished session: neither app changes
            # anything on these GETs that a second look would not change too.
            _at_answers(p)
            path = p.visited[len(p.visited) // 2] if kind == "filled_get" else p.answers_path
            plan.extend((p, lambda: (p.get(path), 1)[1]) for _ in range(-(-count // threads)))
        else:
            raise ValueError(f"unknown kind {kind!r}")

    return prepare
