"""System checks on the clinic's own content: the details patients see on every page.

They read the database, so they run with `migrate` and `check --database default` (every
start with RUN_MIGRATIONS=1), not with a plain `check`. The ids stay backpop.W00x, the ones
the README documents and a deployment may already silence.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

# The clinic name the default content seeds (triage/migrations/0002_default_content.py).
PLACEHOLDER_CLINIC_NAME = "Your clinic"


@register("backpop", Tags.database)
def clinic_details_are_set(app_configs, databases=None, **kwargs):
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
