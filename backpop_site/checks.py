"""System checks for a deployment's own configuration, with stable ids for silencing.

The checks on the clinic's content (its details in the database) live in triage/checks.py.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register("backpop", deploy=True)
def emergency_number_is_set(app_configs, **kwargs):
    if settings.EMERGENCY_NUMBER:
        return []
    return [
        Warning(
            "BACKPOP_EMERGENCY_NUMBER is not set, so error pages cannot tell a patient which "
            "number to call in an emergency.",
            hint="Set it to the local emergency number, e.g. 999 in the UK, the same number as "
            "in the admin's clinic details.",
            id="backpop.W001",
        )
    ]


@register("backpop", deploy=True)
def admin_path_is_not_the_default(app_configs, **kwargs):
    """Scanners try /admin/ on every site they find; a path of the clinic's own keeps them
    from the sign-in page (and its password hashing) altogether."""
    if settings.ADMIN_PATH != "admin/":
        return []
    return [
        Warning(
            "The staff admin is at the default path /admin/, the first one scanners try.",
            hint="Set DJANGO_ADMIN_PATH to a path of your own, e.g. DJANGO_ADMIN_PATH="
            "staff-7f3k/ (letters, digits, '-' and '_'), and tell your staff the new address.",
            id="backpop.W004",
        )
    ]


@register("backpop", deploy=True)
def base_url_is_public(app_configs, **kwargs):
    """The FHIR exports name the questionnaire under this address, and record systems keep
    those names for years: the default left in place would file 127.0.0.1 in patient records."""
    if urlsplit(settings.BACKPOP_BASE_URL).hostname not in ("127.0.0.1", "localhost", "::1"):
        return []
    return [
        Warning(
            "BACKPOP_BASE_URL is not set to a public address, so the FHIR exports name this "
            f"service {settings.BACKPOP_BASE_URL}.",
            hint="Set it to the address patients use, e.g. https://triage.example.org, "
            "and keep it.",
            id="backpop.W005",
        )
    ]
