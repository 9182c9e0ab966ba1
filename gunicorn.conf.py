"""gunicorn settings for the container (bin/start passes this file), read from the environment.

The values a deployment tunes are in the README's configuration table.
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {raw!r}.")
    return int(raw)


# PORT alone is what a platform usually sets; BIND overrides the whole address.
bind = [os.environ.get("BIND") or f"0.0.0.0:{_int('PORT', 8000)}"]

# Threads serve a page while another waits on the database; workers use the cores (about one
# per core; WEB_CONCURRENCY, which many platforms set, is honoured too).
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", 2))
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"

# A request still running after `timeout` seconds gets its worker restarted. On SIGTERM
# (docker stop) workers finish their requests for up to `graceful_timeout` seconds first;
# keep it below the platform's stop timeout (compose.yaml allows 30 s).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound. The application is
# imported once in the master (preload_app), so a new worker is a cheap fork, not a fresh
# import of Django (which cost 0.5 s of CPU per recycle in the benchmark).
preload_app = True
max_requests = 5000
max_requests_jitter = 500

# The proxies trusted to say a request came over HTTPS (X-Forwarded-Proto): comma-separated
# addresses or networks, or * when only the proxy can reach the container.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout: time, method, path without the query string, status, size and
# duration. No client address, user agent or referrer: the privacy page promises patients
# that none are stored.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"

# Heartbeat files in memory, not on the container's (possibly slow) overlay filesystem.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No runtime control socket: nothing uses it, and several servers on one machine would share
# its default path.
control_socket_disable = True
