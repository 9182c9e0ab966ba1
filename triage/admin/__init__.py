"""The admin clinic staff use to edit the triage content and look up submissions."""

from triage.admin import content, questionnaire, submissions  # noqa: F401  (registers)
