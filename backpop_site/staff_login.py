"""Staff sign-in throttling: django-axes, keeping as little about the person as it can.

Only the admin has a login (patients never sign in), so axes only ever sees staff. Failures
count per username and address together (settings.AXES_LOCKOUT_PARAMETERS); this handler
adds a limit per address across all usernames (ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT), records no
user agent, and axes's log lines name the username but never the address. The lockout answer
is the friendly 403 page with a plain message, sent as 429.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.conf import settings as axes_settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backpop_site.errors import error_page


class StaffLoginHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        request.axes_user_agent = ""
        return super().user_logged_in(sender, request, user, **kwargs)

    def get_failures(self, request, credentials=None) -> int:
        """The failures for this username from this address; the limit once the address has
        failed ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT times, whichever usernames it tried."""
        failures = super().get_failures(request, credentials)
        from_address = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        if (from_address or 0) >= settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def _trusted(address: str) -> bool:
    for allowed in settings.FORWARDED_ALLOW_IPS:
        if allowed == "*":
            return True
        try:
            if ipaddress.ip_address(address) in ipaddress.ip_network(allowed, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request) -> str:
    """The client's address: X-Real-IP when a trusted proxy sent the request."""
    direct = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded and _trusted(direct):
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return direct


def client_description(username, ip_address, user_agent, path_info, request) -> str:
    """How axes names a client in its log lines: the username only."""
    return f"username {username!r}"


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    message = ngettext(
        "Too many failed sign-in attempts from here. Signing in is paused for %(minutes)d "
        "minute; try again after that, or ask whoever runs the service to unlock it.",
        "Too many failed sign-in attempts from here. Signing in is paused for %(minutes)d "
        "minutes; try again after that, or ask whoever runs the service to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    return error_page(
        "403.html",
        axes_settings.AXES_HTTP_RESPONSE_CODE,
        message=message,
        title=_("Sign-in paused"),
    )
