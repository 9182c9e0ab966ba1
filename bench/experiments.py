"""Changes this bench suggests, applied only to the server it starts, to measure them first.

    python -m bench.run --experiment content_recheck_1s --out var/bench-after

Each is named in the report's header, so figures with an experiment are never mistaken for
the shipped service's. Changes are made when bench.urls is imported, after Django is set up,
in every worker. gunicorn changes need no experiment: GUNICORN_CMD_ARGS (for instance
"--max-requests 0") reaches the server's gunicorn as it would the container's.
"""

import os
import threading
import time

# Sessions in a signed cookie and translation off were measured here first, then shipped.
NAMES = ("content_recheck_1s",)


def chosen() -> list[str]:
    names = [n.strip() for n in os.environ.get("BENCH_EXPERIMENTS", "").split(",") if n.strip()]
    unknown = sorted(set(names) - set(NAMES))
    if unknown:
        raise ValueError(f"unknown bench experiments {unknown}; known: {', '.join(NAMES)}")
    return names


def apply_code() -> None:
    if "content_recheck_1s" in chosen():
        _content_recheck(1.0)


def _content_recheck(seconds: float) -> None:
    """Ask the database for the content version at most once a second per process."""
    from triage import content, views

    real = content.current_content
    lock = threading.Lock()
    state = {"at": -seconds, "site": None}

    def current_content():
        now = time.monotonic()
        if state["site"] is not None and now - state["at"] < seconds:
            return state["site"]
        with lock:
            state["site"], state["at"] = real(), now
        return state["site"]

    content.current_content = current_content
    views.current_content = current_content
