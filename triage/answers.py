"""Check an answers mapping against the content, for callers that have no wizard form.

The engine quietly ignores what it does not know, which is right for stale answers but would
hide a typo in a scripted call (the `triage` command); these functions name every problem.
Pure: content and answers in, messages out.
"""

from triage import engine


def parse_answers(raw: object) -> dict[str, tuple[str, ...]]:
    """Turn decoded JSON into question slug -> option slugs, or raise ValueError saying why."""
    if not isinstance(raw, dict):
        raise ValueError(
            "Answers must be a JSON object mapping question slugs to an option slug or a list "
            f"of option slugs, not {_kind(raw)}."
        )
    parsed: dict[str, tuple[str, ...]] = {}
    for question, value in raw.items():
        if not isinstance(question, str):
            raise ValueError(f"Question slugs must be strings, not {_kind(question)}.")
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
        parsed[question] = tuple(dict.fromkeys(chosen))  # the same option twice is one answer
    return parsed


def answer_problems(content: engine.Content, answers: engine.Answers) -> list[str]:
    """Every reason these answers could not have come from the questionnaire, in page order."""
    problems = [f"Unknown question {slug!r}." for slug in answers if slug not in content.questions]
    for question in content.questions.values():
        chosen = answers.get(question.slug, ())
        known = ", ".join(option.slug for option in question.options)
        problems.extend(
            f"Unknown option {slug!r} for question {question.slug!r} (expected one of: {known})."
            for slug in chosen
            if question.option(slug) is None
        )
        if not question.is_multiple and len(chosen) > 1:
            problems.append(
                f"Question {question.slug!r} takes one answer, not {len(chosen)}: "
                f"{', '.join(chosen)}."
            )
        elif len(chosen) > 1:
            problems.extend(
                f"Option {option.slug!r} of question {question.slug!r} cannot be combined with "
                "other answers."
                for slug in chosen
                if (option := question.option(slug)) is not None and option.exclusive
            )
    problems.extend(_missing(content, answers))
    return problems


def _missing(content: engine.Content, answers: engine.Answers) -> list[str]:
    """Required questions left unanswered on the pages this patient would be asked."""
    walked = engine.route(content, answers)
    position = {page.slug: index for index, page in enumerate(content.pages)}
    problems = []
    for page in walked.pages:
        # Visibility depends only on earlier pages, exactly as engine.route sees it.
        earlier = {
            slug: chosen
            for slug, chosen in walked.answers.items()
            if position[content.page_of_question[slug].slug] < position[page.slug]
        }
        problems.extend(
            f"Missing an answer to required question {question.slug!r} on page {page.slug!r}."
            for question in page.visible_questions(earlier)
            if question.required and not answers.get(question.slug)
        )
    return problems


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")
