"""Storing the anonymous record of a completed questionnaire."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from triage.engine import Assessment
from triage.models import Submission

# Easy to read aloud over the phone: no 0/O or 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "BP-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def record_submission(assessment: Assessment, content_version: int) -> str:
    """Store the answers as slugs with the outcome; return the patient's reference code."""
    for _attempt in range(5):
        reference = new_reference()
        try:
            with transaction.atomic():
                Submission.objects.create(
                    reference=reference,
                    submitted_on=timezone.localdate(),
                    level=assessment.level,
                    answers={slug: list(options) for slug, options in assessment.answers.items()},
                    warning_signs=[matched.sign.slug for matched in assessment.warning_signs],
                    content_version=content_version,
                )
        except IntegrityError:
            continue
        return reference
    raise RuntimeError("Could not find a free submission reference.")
