"""N simulated patients, each completing the questionnaire again and again for a fixed time.

Threads and plain sockets (bench.transport): the server, not the client, should be
the bottleneck, so each patient parses only the forms it must fill in. A patient starts a
new journey only before the deadline and always finishes the one it is on, so every completed
journey has asked for its result and the count of stored submissions can be checked exactly.
"""

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.patient import ALL_CLEAR, Answers, JourneyError, Patient
from bench.stats import percentile
from bench.transport import HTTPTransport


@dataclass
class PatientLog:
    journeys: list[float] = field(default_factory=list)  # seconds, per completed journey
    latencies: list[float] = field(default_factory=list)  # seconds, per request
    requests: int = 0
    pages: int = 0
    errors: Counter = field(default_factory=Counter)


def _patient(
    host: str,
    port: int,
    scheme: str,
    deadline: float,
    log: PatientLog,
    answers: Answers,
    prefix: str,
) -> None:
    transport = HTTPTransport(host, port)
    patient = Patient(transport, f"{host}:{port}", scheme, answers=answers, prefix=prefix)
    patient.clock = time.perf_counter
    try:
        while time.perf_counter() < deadline:
            begun = time.perf_counter()
            try:
                log.pages = patient.journey()
            except (JourneyError, OSError) as error:
                log.errors[_short(error)] += 1
                transport.close()
                continue
            log.journeys.append(time.perf_counter() - begun)
    finally:
        transport.close()
        log.latencies = patient.latencies
        log.requests = patient.requests


def _short(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:200]


def run(
    host: str,
    port: int,
    *,
    patients: int,
    seconds: float,
    scheme: str = "http",
    answers: Answers = ALL_CLEAR,
    prefix: str = "",
) -> dict:
    logs = [PatientLog() for _ in range(patients)]
    begun, client_cpu = time.perf_counter(), time.process_time()
    deadline = begun + seconds
    threads = [
        threading.Thread(
            target=_patient,
            args=(host, port, scheme, deadline, log, answers, prefix),
            daemon=True,
        )
        for log in logs
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.perf_counter() - begun
    client_cpu = time.process_time() - client_cpu
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("a simulated patient is still waiting two minutes after the deadline")

    journeys = [t for log in logs for t in log.journeys]
    latencies = [t for log in logs for t in log.latencies]
    errors = sum((log.errors for log in logs), Counter())
    requests = sum(log.requests for log in logs)
    return {
        "patients": patients,
        "seconds": round(elapsed, 2),
        "completed": len(journeys),
        "journeys_per_second": round(len(journeys) / elapsed, 2),
        "pages_per_journey": max((log.pages for log in logs), default=0),
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "journey_ms": _ms({"p50": 50, "p95": 95, "max": 100}, journeys),
        "request_latency_ms": _ms({"p50": 50, "p95": 95, "p99": 99, "max": 100}, latencies),
        # The simulated patients share the cores with the server: what they took of them.
        "client_cpu_seconds": round(client_cpu, 2),
        "client_cpu_ms_per_journey": round(client_cpu / len(journeys) * 1000, 1)
        if journeys
        else None,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors.most_common(5)),
    }


def _ms(wanted: dict[str, float], samples: list[float]) -> dict[str, float | None]:
    return {
        name: (round(percentile(samples, p) * 1000, 2) if samples else None)
        for name, p in wanted.items()
    }
