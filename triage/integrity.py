"""Find content that staff can save but that would make the questionnaire misbehave.

Run by `manage.py check_content` and after each admin save, so mistakes show up before a
patient meets them. Errors break the questionnaire; warnings are probably unintended.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q

from triage import models
from triage.levels import Level

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str  # stable: scripts and tests match on it, never on the wording
    message: str

    def __str__(self) -> str:
        return f"{self.severity.upper()} {self.code}: {self.message}"


def page_position(page: models.QuestionnairePage) -> tuple[int, int]:
    """Where a page comes in the questionnaire: pages run in (order, pk) order."""
    return (page.order, page.pk)


def options_before(page: models.QuestionnairePage) -> models.ContentQuerySet:
    """Answer options on pages strictly earlier than `page`: the only valid shown-if targets."""
    return models.AnswerOption.objects.filter(
        Q(question__page__order__lt=page.order)
        | Q(question__page__order=page.order, question__page__pk__lt=page.pk)
    )


def shown_if_error(
    option: models.AnswerOption, page: models.QuestionnairePage, question_id: int | None
) -> str | None:
    """What is wrong with asking a question on `page` only if `option` was chosen, or None.

    Only an answer on a strictly earlier page can decide whether a question is asked.
    """
    name = option_name(option)
    if question_id is not None and option.question_id == question_id:
        return f"an answer to the question itself: “{name}”"
    target, own = page_position(option.question.page), page_position(page)
    if target == own:
        return f"an answer on the same page: “{name}”"
    if target > own:
        return f"an answer on a later page (“{option.question.page}”): “{name}”"
    return None


def option_name(option: models.AnswerOption) -> str:
    return f"{option.question.text}: {option.label}"


def content_problems() -> list[Problem]:
    """Every problem in the current content, most serious checks first, in content order."""
    pages = list(models.QuestionnairePage.objects.all())
    questions = list(
        models.Question.objects.select_related("page").prefetch_related("shown_if__question__page")
    )
    options = list(
        models.AnswerOption.objects.select_related("question__page").prefetch_related(
            "warning_signs"
        )
    )
    return [
        *_clinic_problems(),
        *_outcome_problems(),
        *_question_problems(pages, questions, options),
        *_sign_problems(options),
    ]


def _clinic_problems() -> list[Problem]:
    if models.ClinicDetails.objects.exists():
        return []
    return [
        Problem(
            "error",
            "clinic_details_missing",
            "There is no clinic details record, so results cannot name the clinic.",
        )
    ]


def _outcome_problems() -> list[Problem]:
    present = set(models.OutcomeText.objects.values_list("level", flat=True))
    return [
        Problem(
            "error",
            "outcome_text_missing",
            f"The “{level.label}” outcome has no text, so that result page would be blank.",
        )
        for level in reversed(Level)
        if level not in present
    ]


def _is_live(option: models.AnswerOption) -> bool:
    """An option a patient can actually choose."""
    question = option.question
    return option.is_active and question.is_active and question.page.is_active


def _question_problems(pages, questions, options) -> list[Problem]:
    live_options = defaultdict(list)
    for option in options:
        if _is_live(option):
            live_options[option.question_id].append(option)
    problems = []
    live_questions = {q.page_id for q in questions if q.is_active}
    for page in pages:
        if page.is_active and page.pk not in live_questions:
            problems.append(
                Problem(
                    "warning",
                    "page_without_questions",
                    f"Page “{page}” ({page.slug}) has no active questions, so it is always "
                    "skipped.",
                )
            )
    questions = sorted(
        (q for q in questions if q.is_active and q.page.is_active),
        key=lambda q: (page_position(q.page), q.order, q.pk),
    )
    for question in questions:
        if not live_options[question.pk]:
            problems.append(
                Problem(
                    "error",
                    "question_without_options",
                    f"Question “{question}” ({question.slug}) has no active answers to choose "
                    "from.",
                )
            )
        if question.kind != models.Question.Kind.MULTIPLE:
            for option in live_options[question.pk]:
                if option.exclusive:
                    problems.append(
                        Problem(
                            "error",
                            "exclusive_not_multiple",
                            f"“{option_name(option)}” is marked exclusive, but only a "
                            "multiple-choice question can have an exclusive answer.",
                        )
                    )
        for option in question.shown_if.all():
            reason = shown_if_error(option, question.page, question.pk)
            if reason:
                problems.append(
                    Problem(
                        "error",
                        "shown_if_not_earlier",
                        f"Question “{question}” ({question.slug}) depends on {reason}. Only "
                        "answers on earlier pages can decide whether it is asked.",
                    )
                )
        problems += _retired_condition_problems(question)
    return problems


def _retired_condition_problems(question: models.Question) -> list[Problem]:
    """A question shown only after answers a patient can no longer give is never asked."""
    conditions = list(question.shown_if.all())
    retired = [option for option in conditions if not _is_live(option)]
    if not retired:
        return []
    names = "; ".join(f"“{option_name(option)}”" for option in retired)
    if len(retired) == len(conditions):
        return [
            Problem(
                "error",
                "shown_if_never_met",
                f"Question “{question}” ({question.slug}) is asked only after answers that are "
                f"no longer active ({names}), so no patient is ever asked it.",
            )
        ]
    return [
        Problem(
            "warning",
            "shown_if_retired_answer",
            f"Question “{question}” ({question.slug}) is also asked after answers that are no "
            f"longer active ({names}); only its other conditions can show it now.",
        )
    ]


def _sign_problems(options) -> list[Problem]:
    triggered = {
        sign.pk for option in options if _is_live(option) for sign in option.warning_signs.all()
    }
    return [
        Problem(
            "warning",
            "warning_sign_not_triggered",
            f"Warning sign “{sign}” ({sign.slug}) is not triggered by any active answer, so no "
            "patient can be shown it.",
        )
        for sign in models.WarningSign.objects.active()
        if sign.pk not in triggered
    ]
