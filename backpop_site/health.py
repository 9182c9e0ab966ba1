"""Health probes for the container platform and load balancer.

/healthz (liveness): the process answers; touches nothing else, so a database outage never
gets healthy containers restarted. /readyz (readiness): the database answers a trivial query;
503 when it does not. Both answer in plain text, with nothing about versions or
configuration.

They are served by the first middleware, before the Host check, the HTTPS redirect and the
session, because probes call the container directly by its address over plain HTTP.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse

logger = logging.getLogger(__name__)


def _plain(text: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    # Answered before CommonMiddleware, which would otherwise add it: without it gunicorn
    # sends the body chunked.
    response["Content-Length"] = str(len(response.content))
    return response


def healthz(request) -> HttpResponse:
    return _plain("ok")


def readyz(request) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Not ready: the database is unreachable: %s", error)
        return _plain("unavailable", status=503)
    return _plain("ok")


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
