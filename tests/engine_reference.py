"""A deliberately simple second triage engine, for the property tests to compare against.

Written straight from the numbered rules in triage/engine.py's docstring, reading only the
content's plain fields (none of the engine's helpers), in the most obvious way rather than the
quickest. It returns plain values, in the shape of `plain()` below, so a disagreement with the
engine shows as a readable diff.
"""

from triage import engine
from triage.levels import Level

MOST_URGENT_FIRST = [Level.EMERGENCY, Level.URGENT, Level.SEE_DOCTOR, Level.NORMAL]


def reference_route(content: engine.Content, answers: engine.Answers) -> dict:
    asked_pages: list[str] = []
    asked_questions: list[str] = []
    counted: dict[str, tuple[str, ...]] = {}
    for page in content.pages:
        # Rule 1: conditions look at the answers given on earlier pages only.
        given_before = {(question, option) for question in counted for option in counted[question]}
        shown = [q for q in page.questions if not q.shown_if or q.shown_if & given_before]
        if not shown:
            continue
        asked_pages.append(page.slug)
        asked_questions += [question.slug for question in shown]
        # Rule 2: only known options of asked questions, each once, in the order given.
        for question in shown:
            known = [option.slug for option in question.options]
            kept: list[str] = []
            for slug in answers.get(question.slug, ()):
                if slug in known and slug not in kept:
                    kept.append(slug)
            if kept:
                counted[question.slug] = tuple(kept)
        # Rule 3: an emergency-level answer on this page ends the questionnaire here.
        levels_on_page = [
            content.warning_signs[sign].level
            for question in shown
            for option in question.options
            if option.slug in counted.get(question.slug, ())
            for sign in option.warning_signs
            if sign in content.warning_signs
        ]
        if Level.EMERGENCY in levels_on_page:
            return _route(asked_pages, asked_questions, counted, True)
    return _route(asked_pages, asked_questions, counted, False)


def _route(pages: list[str], questions: list[str], counted: dict, ended: bool) -> dict:
    return {"pages": pages, "questions": questions, "answers": counted, "ended_early": ended}


def reference_assess(content: engine.Content, answers: engine.Answers) -> dict:
    walked = reference_route(content, answers)
    questions = {question.slug: question for page in content.pages for question in page.questions}
    chosen_options = []  # the options of every answer that counts, in question order
    # Rule 6: each matched sign quotes, question by question, the labels that raised it.
    quotes: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for question_slug in walked["questions"]:
        question = questions[question_slug]
        for slug in walked["answers"].get(question_slug, ()):
            chosen_options += [option for option in question.options if option.slug == slug]
        for sign in content.warning_signs:
            labels: list[str] = []
            for slug in walked["answers"].get(question_slug, ()):
                for option in question.options:
                    raises = option.slug == slug and sign in option.warning_signs
                    if raises and option.label not in labels:
                        labels.append(option.label)
            if labels:
                quotes.setdefault(sign, []).append((question.text, question.kind, tuple(labels)))

    # Rule 5: most urgent first, then in content order.
    content_order = list(content.warning_signs)
    signs = sorted(
        quotes,
        key=lambda slug: (
            MOST_URGENT_FIRST.index(content.warning_signs[slug].level),
            content_order.index(slug),
        ),
    )
    # Rule 4: the most urgent matched level, normal when none.
    matched_levels = [content.warning_signs[slug].level for slug in signs]
    level = next((lv for lv in MOST_URGENT_FIRST if lv in matched_levels), Level.NORMAL)

    # Rule 7.
    suggested = {cause for option in chosen_options for cause in option.causes}
    added = {advice for option in chosen_options for advice in option.recommendations}
    causes = [c.slug for c in content.causes if c.slug in suggested]
    causes += [c.slug for c in content.causes if c.slug not in suggested]
    self_care = [
        r.slug
        for r in content.recommendations
        if r.kind == "self_care"
        and (r.slug in added or (level == Level.NORMAL and r.shown_on_normal))
    ]
    get_help = [r.slug for r in content.recommendations if r.kind == "get_help"]
    return {
        "level": level,
        "warning_signs": [(slug, quotes[slug]) for slug in signs],
        "causes": causes,
        "suggested_causes": suggested,
        "self_care": self_care,
        "get_help": get_help,
        "asked_pages": walked["pages"],
        "answers": list(walked["answers"].items()),
        "ended_early": walked["ended_early"],
    }


def plain(assessment: engine.Assessment) -> dict:
    """The engine's assessment in the reference's shape."""
    return {
        "level": assessment.level,
        "warning_signs": [
            (m.sign.slug, [(q.question, q.kind, q.labels) for q in m.quotes])
            for m in assessment.warning_signs
        ],
        "causes": [cause.slug for cause in assessment.causes],
        "suggested_causes": set(assessment.suggested_causes),
        "self_care": [advice.slug for advice in assessment.self_care],
        "get_help": [advice.slug for advice in assessment.get_help],
        "asked_pages": list(assessment.asked_pages),
        "answers": list(assessment.answers.items()),
        "ended_early": assessment.ended_early,
    }
