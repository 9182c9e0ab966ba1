"""Storing the anonymous record of a completed questionnaire: one per journey.

The journey id is unique in the database, so a replayed or doubled POST of "Check your
answers" (two tabs, a double click, a saved cookie) finds the row already stored instead of
adding one.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from triage.engine import Assessment
from triage.models import Submission

# Easy to read aloud over the phone: no 0/O or 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "BP-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def record_submission(
    journey: str,
    assessment: Assessment,
    content_version: int,
    seconds_to_complete: int | None = None,
    language: str = "en",
) -> tuple[Submission, bool]:
    """Store the journey's answers as slugs with the outcome, unless already stored.

    Returns the journey's row and whether this call created it, as get_or_create does.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                created = Submission.objects.create(
                    journey=journey,
                    reference=new_reference(),
                    submitted_on=timezone.localdate(),
                    level=assessment.level,
                    answers={slug: list(options) for slug, options in assessment.answers.items()},
                    warning_signs=[matched.sign.slug for matched in assessment.warning_signs],
                    content_version=content_version,
                    language=language,
                    seconds_to_complete=seconds_to_complete,
                )
            return created, True
        except IntegrityError:
            # Either this journey's row exists (a race or a replay: keep it) or, rarely, the
            # random reference was taken (try another).
            stored = Submission.objects.filter(journey=journey).first()
            if stored is not None:
                return stored, False
    raise RuntimeError("Could not find a free submission reference.")
