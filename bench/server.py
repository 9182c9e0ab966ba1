"""Start a server through a start script as the container does, and look inside it.

backpop runs bin/start exactly as the container does (debug off, gunicorn, the worker count of
gunicorn.conf.py), by default with bench.settings so that /bench/bare/ exists; the textbook
app runs bench/textbook/start the same way. Each on a temporary SQLite database unless
`database_url` names another one.
"""

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
START_SCRIPT = ROOT / "bin" / "start"
PYTHON = sys.executable
STATIC_CACHE = ROOT / "var" / "bench-static"
PROXY_HEADER = "X-Forwarded-Proto"
# What the TLS proxy in front of the container adds to every request it forwards.
PROXY_HEADERS = {PROXY_HEADER: "https"}


def server_env(
    *, port: int, workdir: Path, database_url: str | None, settings: str = "bench.settings"
) -> dict[str, str]:
    env = dict(os.environ)
    venv_bin = str(Path(PYTHON).parent)
    env.update(
        PATH=venv_bin + os.pathsep + env.get("PATH", ""),
        PYTHONPATH=str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
        DJANGO_SETTINGS_MODULE=settings,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        # As in production behind the TLS proxy: every request says it came over HTTPS, so
        # the redirect, secure cookies and CSRF's Referer check all run as they do there.
        DJANGO_SECURE_PROXY_SSL_HEADER=PROXY_HEADER,
        PORT=str(port),
        BIND=f"127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    env.pop("RUN_MIGRATIONS", None)  # the bench migrates first, so a failure shows plainly
    return env


def gunicorn_config(env: dict[str, str]) -> dict:
    """What gunicorn.conf.py sets for this environment (the figures depend on it)."""
    code = (
        "import json, runpy; c = runpy.run_path('gunicorn.conf.py'); print(json.dumps({k: c.get(k)"
        " for k in ('worker_class', 'workers', 'threads', 'keepalive', 'max_requests', "
        "'max_requests_jitter', 'timeout')}))"
    )
    done = subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        return {}
    return {"gunicorn": json.loads(done.stdout)}


def _manage(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def prepare(env: dict[str, str], timeout: float = 300) -> None:
    """Migrate the database and collect the static files, side by side.

    collectstatic (hashing and compressing ~800 files, the admin's included) is the slowest
    step, so its output is kept in var/bench-static/ and reused while static/ and the
    versions of Django and whitenoise are unchanged; env's DJANGO_STATIC_ROOT is pointed there.
    """
    cached = STATIC_CACHE / _static_fingerprint(env["DJANGO_SETTINGS_MODULE"])
    running = {"migrate": _manage(env, "migrate", "--noinput", "-v0")}
    fresh = None
    if not (cached / "staticfiles.json").exists():
        fresh = Path(tempfile.mkdtemp(prefix="collecting-", dir=_mkdir(STATIC_CACHE)))
        running["collectstatic"] = _manage(
            {**env, "DJANGO_STATIC_ROOT": str(fresh)}, "collectstatic", "--noinput", "-v0"
        )
    for name, process in running.items():
        out, _ = process.communicate(timeout=timeout)
        if process.returncode != 0:
            raise RuntimeError(f"manage.py {name} failed:\n{out}")
    if fresh is not None:
        try:
            fresh.rename(cached)  # atomic: a bench running alongside may have won the race
        except OSError:
            shutil.rmtree(fresh, ignore_errors=True)
        _prune(STATIC_CACHE, keep=cached)
    env["DJANGO_STATIC_ROOT"] = str(cached)


def _prune(folder: Path, *, keep: Path, older_than: float = 3600) -> None:
    """Drop collections of earlier static files, not touched for an hour."""
    for path in folder.iterdir():
        if path != keep and time.time() - path.stat().st_mtime > older_than:
            shutil.rmtree(path, ignore_errors=True)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _static_fingerprint(settings: str) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('django')} {version('whitenoise')} {settings}".encode())
    for path in sorted((ROOT / "static").rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(ROOT)} {stat.st_size} {stat.st_mtime_ns}".encode())
    digest.update((ROOT / "backpop_site" / "settings.py").read_bytes())
    module = ROOT.joinpath(*settings.split(".")).with_suffix(".py")
    if module.exists():
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def count_submissions(env: dict[str, str], table: str = "triage_submission") -> int:
    """The stored submissions (rows of `table`), read straight from the database."""
    url = env["DATABASE_URL"]
    query = f"SELECT COUNT(*) FROM {table}"
    if url.startswith("sqlite:"):
        import sqlite3

        with closing(sqlite3.connect(dj_database_url.parse(url)["NAME"], timeout=30)) as db:
            return db.execute(query).fetchone()[0]
    if url.startswith(("postgres:", "postgresql:")):
        import psycopg

        with psycopg.connect(url, connect_timeout=10) as db:
            return db.execute(query).fetchone()[0]
    code = (
        "import django; django.setup(); from triage.models import Submission; "
        "print(Submission.objects.count())"
    )
    done = subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"counting submissions failed:\n{done.stderr}")
    return int(done.stdout.strip())


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start(env: dict[str, str], *, port: int, log: Path, script: Path = START_SCRIPT) -> Server:
    if not script.exists():
        raise FileNotFoundError(f"{script} does not exist: the bench starts the server with it")
    handle = log.open("wb")
    process = subprocess.Popen(
        [str(script)],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so a stray worker can be stopped too
    )
    handle.close()
    return Server(process, port, log)


def wait_ready(
    server: Server, path: str = "/bench/bare/", timeout: float = 60, workers: int = 1
) -> None:
    """Wait until the server answers `path` and has forked `workers` workers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            request = urllib.request.Request(server.base_url + path, headers=PROXY_HEADERS)
            with urllib.request.urlopen(request, timeout=2) as response:
                forked = len(_children().get(server.process.pid, []))
                if response.status == 200 and forked >= workers:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {path} in {timeout:.0f}s:\n{server.log_tail()}")


def stop(server: Server, timeout: float = 30) -> None:
    """SIGTERM to gunicorn's master (bin/start execs it), then to its group if it lingers."""
    process = server.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    # Workers of a master that died abruptly would linger in the group the server started.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _status(pid: int) -> dict[str, str]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return fields


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def memory(server: Server) -> dict:
    """Resident memory of gunicorn's master and of each of its workers, in MiB."""
    children = _children()
    family, todo = [], [server.process.pid]
    while todo:
        pid = todo.pop()
        family.append(pid)
        todo.extend(children.get(pid, []))
    gunicorn = [pid for pid in family if "gunicorn" in _cmdline(pid)]
    master = next((pid for pid in gunicorn if _parent(pid) not in gunicorn), None)
    workers = sorted(pid for pid in gunicorn if _parent(pid) == master)

    def rss(pid: int) -> float:
        return round(int(_status(pid)["VmRSS"].split()[0]) / 1024, 1)

    return {
        "master_pid": master,
        "master_rss_mib": rss(master) if master else None,
        "workers": [
            {"pid": pid, "rss_mib": rss(pid), "threads": int(_status(pid)["Threads"])}
            for pid in workers
        ],
    }


def cpu_seconds(server: Server) -> float:
    """CPU time used so far by the server: the master, its live workers and reaped ones.

    Robust where requests per second are not: other work on the machine slows the server
    down but does not change how much CPU a request costs it.
    """
    tick = os.sysconf("SC_CLK_TCK")
    children = _children()
    total, todo, first = 0.0, [server.process.pid], True
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # Fields after the name: utime, stime at 12, 13; cutime, cstime at 14, 15 (0-based).
        running = _on_cpu_ns(pid)
        total += (
            running / 1e9 if running is not None else (int(fields[11]) + int(fields[12])) / tick
        )
        if first:  # workers that exited (recycled) are counted in their parent's cutime
            total += (int(fields[13]) + int(fields[14])) / tick
            first = False
        todo.extend(children.get(pid, []))
    return total


def database_cpu_seconds(database: str) -> dict[int, float]:
    """CPU time used so far by each PostgreSQL backend connected to `database` (a connection
    is a process titled "postgres: ... user database address state"), by process id."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
            if not title.startswith(b"postgres: ") or f" {database} ".encode() not in title:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        running = _on_cpu_ns(int(entry.name))
        ticks = int(fields[11]) + int(fields[12])
        found[int(entry.name)] = running / 1e9 if running is not None else ticks / tick
    return found


def _on_cpu_ns(pid: int) -> int | None:
    """User + system time of a live process in nanoseconds, summed over its threads (the
    scheduler's own count; /proc/PID/stat rounds to clock ticks of 10 ms)."""
    try:
        return sum(
            int((task / "schedstat").read_text().split()[0])
            for task in Path(f"/proc/{pid}/task").iterdir()
        )
    except (OSError, ValueError, IndexError):
        return None


def _parent(pid: int) -> int:
    return int(_status(pid)["PPid"])
