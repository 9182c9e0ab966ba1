"""Staff sign-in throttling: django-axes, keeping as little about the person as it can.

Only the admin has a login (patients never sign in), so axes only ever sees staff. Its
database handler records the browser's user agent with each failed attempt; this one records
none. The lockout answer is the friendly 403 page with a plain message, sent as 429.
"""

from axes.conf import settings as axes_settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
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


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    message = ngettext(
        "Too many failed sign-in attempts for this account. Signing in is paused for "
        "%(minutes)d minute; try again after that, or ask whoever runs the service to unlock it.",
        "Too many failed sign-in attempts for this account. Signing in is paused for "
        "%(minutes)d minutes; try again after that, or ask whoever runs the service to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    return error_page(
        "403.html",
        axes_settings.AXES_HTTP_RESPONSE_CODE,
        message=message,
        title=_("Sign-in paused"),
    )
