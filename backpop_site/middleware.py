"""Project middleware: the Permissions-Policy header, the patient's language, and a friendly
page when the database is unreachable."""

import logging

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from backpop_site.errors import OUTAGES, service_unavailable
from triage import languages

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Deny the browser features the service does not use (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (the language of /cy/... is Welsh, of every unprefixed URL
    English), for the languages offered to patients only.

    A product language that BACKPOP_LANGUAGES leaves out is not served: its prefix then
    matches no URL, so /cy/... answers the English "page not found". The Accept-Language
    header never picks a page's language here; only the start page reads it (triage.views).
    """

    def process_request(self, request):
        super().process_request(request)
        if languages.current() not in languages.offered():
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE


class DatabaseUnavailableMiddleware:
    """Answer 503 with the friendly page when a view cannot reach the database, or Redis
    when it holds the sessions.

    Connection attempts and queries time out quickly (DATABASE_CONNECT_TIMEOUT,
    DATABASE_STATEMENT_TIMEOUT, and backpop_site.postgresql for a server that sends nothing),
    and Django reconnects on a later request, so the same workers recover by themselves when
    the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OUTAGES):
            return None
        # The error names the server and the failure, never a patient's answers.
        logger.warning(
            "%s unavailable for %s %s: %s",
            "Database" if exception.__module__.startswith("django") else "Session store",
            request.method,
            request.path,
            exception,
        )
        return service_unavailable()
