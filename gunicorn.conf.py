"""gunicorn settings for the container (bin/start passes this file), read from the environment.

The values a deployment tunes are in the README's configuration table.
"""

import os

from gunicorn.glogging import Logger


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {raw!r}.")
    return int(raw)


# PORT alone is what a platform usually sets; BIND overrides the whole address.
bind = [os.environ.get("BIND") or f"0.0.0.0:{_int('PORT', 8000)}"]

# Sync workers, one request at a time each, about one per core (WEB_CONCURRENCY, which many
# platforms set, is honoured too). An idle worker is the one that accepts the next
# connection, so the cores share the load evenly. Threaded workers (GUNICORN_THREADS above 1
# selects gthread) keep browsers' connections open and accept more than they can serve: in
# the benchmark one worker often held every connection while the other idled, doubling p95.
# Sync workers need the TLS proxy in front (see the README) to send them whole requests.
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", 2))
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# A request still running after `timeout` seconds gets its worker restarted. On SIGTERM
# (docker stop) workers finish their requests for up to `graceful_timeout` seconds first;
# keep it below the platform's stop timeout (compose.yaml allows 30 s).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = 5  # seconds an idle connection stays open (threaded workers only)
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
# that none are stored. gunicorn's own messages lose any address too (QuietLogger).
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"


class QuietLogger(Logger):
    """gunicorn's logger, with addresses removed from its error log ("Invalid request from
    ip=...") by the filter the application's log uses for the same promise."""

    def setup(self, cfg):
        super().setup(cfg)
        from backpop_site.logs import NoAddresses

        self.error_log.addFilter(NoAddresses())


logger_class = QuietLogger

# Heartbeat files in memory, not on the container's (possibly slow) overlay filesystem.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No runtime control socket: nothing uses it, and several servers on one machine would share
# its default path.
control_socket_disable = True


def when_ready(server):
    """Before the first worker is forked: compile the templates and load the content once."""
    from backpop_site.warmup import warm_up

    warm_up()
