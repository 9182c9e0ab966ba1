"""What a valid answer, an exclusive option and a page slug are: each rule once, one message.

The page forms, the wizard (is a page still answered under the content as it now stands), the
`triage` command, clinic test cases, the models' `clean`, the admin and the content checks all
ask here. The engine is lenient on purpose (it ignores what it does not know, right for stale
answers); these functions say what is wrong. Pure: content and answers in, messages out.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from triage import engine

# Page slugs that the questionnaire's own URLs use (check/<slug>/); no content page may take one.
RESERVED_PAGE_SLUGS = frozenset({"start", "answers", "result", "expired"})


def answer_errors(question: engine.Question, chosen: Sequence[str]) -> list[str]:
    """Why `chosen` is not a valid answer to `question`, for the patient; [] when it is valid.

    At most one message, the first thing to put right. The same option given twice is one answer.
    """
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        return [_required_message(question)] if question.required else []
    options = [question.option(slug) for slug in chosen]
    if None in options or (len(chosen) > 1 and not question.is_multiple):
        return [_("Choose one of the answers shown.")]
    exclusive = [option for option in options if option.exclusive]
    if exclusive and len(chosen) > 1:
        return [
            _("“%(label)s” cannot be chosen with other answers. Untick it, or untick the others.")
            % {"label": exclusive[0].label}
        ]
    return []


def _required_message(question: engine.Question) -> str:
    if not question.is_multiple:
        return _("Select an answer.")
    exclusive = [option for option in question.options if option.exclusive]
    if exclusive:
        return _("Select at least one answer, or “%(label)s”.") % {"label": exclusive[0].label}
    return _("Select at least one answer.")


def answers_problems(content: engine.Content, answers: engine.Answers) -> list[str]:
    """Every reason a whole set of answers could not have come from the questionnaire.

    Unknown questions, then question by question in questionnaire order: each answer given
    that is not valid, and each question asked on this route that is required but unanswered.
    Answers to questions not asked are checked too (they may be typos), but never required.
    """
    problems = [f"Unknown question {slug!r}." for slug in answers if slug not in content.questions]
    asked = {question.slug for question in engine.route(content, answers).questions}
    for question in content.questions.values():
        chosen = answers.get(question.slug, ())
        if not chosen and question.slug not in asked:
            continue
        page = content.page_of_question[question.slug]
        problems.extend(
            f"Question {question.slug!r} on page {page.slug!r}: {message} "
            f"Given: {', '.join(chosen) or 'nothing'}. "
            f"Options: {', '.join(option.slug for option in question.options)}."
            for message in answer_errors(question, chosen)
        )
    return problems


def parse_answers(raw: object) -> dict[str, tuple[str, ...]]:
    """Decoded JSON as question slug -> option slugs, or ValueError saying what is wrong.

    An answer is one option slug or a list of them; the same option twice is one answer.
    """
    if not isinstance(raw, dict):
        raise ValueError(
            "Answers must be a JSON object mapping question slugs to an option slug or a list "
            f"of option slugs, not {_kind(raw)}."
        )
    parsed: dict[str, tuple[str, ...]] = {}
    for question, value in raw.items():
        chosen = [value] if isinstance(value, str) else value
        if not isinstance(chosen, list):
            raise ValueError(
                f"The answer to {question!r} must be an option slug or a list of option slugs, "
                f"not {_kind(value)}."
            )
        for slug in chosen:
            if not isinstance(slug, str):
                raise ValueError(
                    f"The answer to {question!r} must list option slugs (strings), "
                    f"not {_kind(slug)}."
                )
        parsed[question] = tuple(dict.fromkeys(chosen))
    return parsed


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")


def exclusive_option_error(kind: str, exclusive: bool) -> str | None:
    """Only a multiple-choice question may have an exclusive ("None of these") answer."""
    if exclusive and kind != engine.QuestionKind.MULTIPLE:
        return _("Only a multiple-choice question can have an exclusive answer.")
    return None


def page_slug_error(slug: str) -> str | None:
    """A page slug must not be one the questionnaire's own URLs use."""
    if slug in RESERVED_PAGE_SLUGS:
        return _(
            "“%(slug)s” is reserved for the questionnaire's own pages (%(reserved)s). "
            "Choose another slug."
        ) % {"slug": slug, "reserved": ", ".join(sorted(RESERVED_PAGE_SLUGS))}
    return None
