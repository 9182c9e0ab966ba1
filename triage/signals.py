"""Bump the content version whenever staff change triage content.

Every process keeps its own copy of the content (see triage.content) and compares its version
with this counter once per request, so an admin edit shows on the next request everywhere.
"""

import uuid

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from triage import models

CONTENT_MODELS = (
    models.Cause,
    models.WarningSign,
    models.Recommendation,
    models.OutcomeText,
    models.ClinicDetails,
    models.QuestionnairePage,
    models.Question,
    models.AnswerOption,
)
LINK_TABLES = (
    models.Question.shown_if.through,
    models.AnswerOption.warning_signs.through,
    models.AnswerOption.causes.through,
    models.AnswerOption.recommendations.through,
)


def bump_content_version(**kwargs):
    if kwargs.get("raw"):
        return
    updated = models.ContentVersion.objects.filter(pk=1).update(
        number=F("number") + 1, token=uuid.uuid4()
    )
    if not updated:
        models.ContentVersion.objects.get_or_create(pk=1, defaults={"number": 2})


for model in CONTENT_MODELS:
    post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}")
    post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"del-{model.__name__}")
for table in LINK_TABLES:
    m2m_changed.connect(bump_content_version, sender=table, dispatch_uid=f"m2m-{table.__name__}")
