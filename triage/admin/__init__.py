"""The admin clinic staff use to edit the triage content and look up submissions."""

from triage.admin import (  # noqa: F401  (registers)
    content,
    insights,
    publishing,
    questionnaire,
    submissions,
    testcases,
    tokens,
)
