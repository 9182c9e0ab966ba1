"""System checks for a deployment's own configuration, with stable ids for silencing."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

# The clinic name the default content seeds (triage/migrations/0002_default_content.py).
PLACEHOLDER_CLINIC_NAME = "Your clinic"


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


@register("backpop", Tags.database)
def clinic_details_are_set(app_configs, databases=None, **kwargs):
    """Runs with `migrate` and `check --database default`, as it reads the database."""
    if not databases or "default" not in databases or settings.DEBUG:
        return []
    from triage.models import ClinicDetails

    try:
        clinic = ClinicDetails.objects.first()
    except DatabaseError:  # not migrated yet: nothing to compare
        return []
    problems = []
    if clinic is None or clinic.name == PLACEHOLDER_CLINIC_NAME or not clinic.phone:
        problems.append(
            Warning(
                "The clinic details still hold the default content's placeholder (the name "
                f"{PLACEHOLDER_CLINIC_NAME!r} or no phone number), which patients would see.",
                hint="Sign in to the admin and fill in Clinic details.",
                id="backpop.W002",
            )
        )
    if clinic is not None and settings.EMERGENCY_NUMBER not in ("", clinic.emergency_number):
        problems.append(
            Warning(
                f"The emergency number in the admin's clinic details ({clinic.emergency_number}) "
                f"differs from BACKPOP_EMERGENCY_NUMBER ({settings.EMERGENCY_NUMBER}).",
                hint="Patients would see two numbers: make them the same.",
                id="backpop.W003",
            )
        )
    return problems
