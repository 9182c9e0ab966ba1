"""Triage content that clinic staff edit in the admin, its published releases, and the
anonymous records patients leave: one module each, all importable from here."""

from triage.models.access import ApiToken
from triage.models.content import (
    AnswerOption,
    Cause,
    ClinicDetails,
    Content,
    ContentQuerySet,
    EditedBy,
    OutcomeText,
    Question,
    QuestionnairePage,
    Recommendation,
    WarningSign,
)
from triage.models.records import DailyTally, Insights, JourneyCount, Submission
from triage.models.releases import ClinicTestCase, ContentVersion

__all__ = [
    "ApiToken",
    "AnswerOption",
    "Cause",
    "ClinicDetails",
    "ClinicTestCase",
    "Content",
    "ContentQuerySet",
    "ContentVersion",
    "DailyTally",
    "EditedBy",
    "Insights",
    "JourneyCount",
    "OutcomeText",
    "Question",
    "QuestionnairePage",
    "Recommendation",
    "Submission",
    "WarningSign",
]
