"""The friendly error pages: plain templates that need no request, session or database.

Each renders without the request's context processors, so an error page cannot fail again
on the thing that failed (a lost database, a broken session) and shows no internals.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from backpop_site.context_processors import site_links

# A backing store that cannot be reached: the database, or Redis holding the sessions.
# Either is an outage that passes, so patients get the friendly 503, never "went wrong".
OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def error_page(template_name: str, status: int, **context) -> HttpResponse:
    context.setdefault("emergency_number", settings.EMERGENCY_NUMBER)
    context.setdefault("links", site_links(None)["links"])  # no database or session needed
    return HttpResponse(loader.render_to_string(template_name, context), status=status)


def bad_request(request, exception=None):
    return error_page("400.html", 400)


def permission_denied(request, exception=None):
    return error_page("403.html", 403)


def page_not_found(request, exception=None):
    return error_page("404.html", 404)


def server_error(request):
    # A store lost outside a view (a session saved on the way out): an outage, so the
    # same friendly 503 as DatabaseUnavailableMiddleware gives, not "something went wrong".
    if isinstance(sys.exception(), OUTAGES):
        return service_unavailable()
    return error_page("500.html", 500)


def csrf_failure(request, reason=""):
    """The form's security token was missing or stale: usually cookies blocked or expired."""
    message = _(
        "We could not accept your answers because this page had expired or your browser "
        "blocked cookies. Allow cookies for this site, then start again."
    )
    return error_page("403.html", 403, message=message)


def service_unavailable() -> HttpResponse:
    response = error_page("503.html", 503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
