"""What keeping sessions on the server costs a request (issue 13): per session store, the CPU
of reading a patient's session and writing it back, as every question page POST does.

`python -m bench.sessions` compares Django's signed-cookie sessions (what backpop used before
answers moved to the server), database sessions (the embedded default) and the Redis cache
(production with REDIS_URL), each with a mid-journey session of the default questionnaire.
It migrates a throwaway SQLite database (or uses BENCH_SESSIONS_DATABASE_URL) and Redis
database 7 at 127.0.0.1:6379 (BENCH_REDIS_URL), which it empties afterwards. Prints JSON:
CPU microseconds per read, and per read and write, median of five rounds.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

ROUNDS, CALLS = 5, 300
STORES = {
    "signed cookie (before)": "django.contrib.sessions.backends.signed_cookies",
    "database": "django.contrib.sessions.backends.db",
    "Redis cache": "django.contrib.sessions.backends.cache",
}


def _journey() -> dict:
    from bench.patient import ALL_CLEAR

    return {
        "triage": {
            "id": "bench-journey-0001",
            "answers": {slug: list(options) for slug, options in ALL_CLEAR.items()},
            "done": ["emergency-check", "the-popping", "pain", "nerves"],
            "reviewing": False,
            "finished": False,
            "version": 1,
            "started": time.time(),
        }
    }


def _cpu_us(call) -> float:
    rounds = []
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(CALLS):
            call()
        rounds.append((time.process_time() - started) / CALLS * 1e6)
    return round(statistics.median(rounds), 1)


def measure(engine: str) -> dict[str, float]:
    store_class = import_module(engine).SessionStore
    session = store_class()
    session.update(_journey())
    session.save()
    key = session.session_key  # a signed cookie's "key" is the whole session, signed

    def read():
        store_class(key).load()

    def read_and_write():
        store = store_class(key)
        store["triage"] = {**store["triage"], "reviewing": not store["triage"]["reviewing"]}
        store.save()

    return {"read_us": _cpu_us(read), "read_and_write_us": _cpu_us(read_and_write)}


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-sessions-"))
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_SESSIONS_DATABASE_URL", f"sqlite:///{workdir / 'sessions.sqlite3'}"
    )
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backpop_site.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        report = {name: measure(engine) for name, engine in STORES.items()}
    finally:
        cache.clear()
        shutil.rmtree(workdir, ignore_errors=True)
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
