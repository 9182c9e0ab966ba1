"""Micro-benchmark of the triage engine (triage.engine) on the default content.

The content is loaded the way the service loads it (triage.content.load_content, from the
database the environment names). Two answer sets: a harmless answer to every question, and
every answer that raises a warning sign short of an emergency (the most signs to sort and
quote). For each: CPU microseconds per route() and per assess() call, and the engine time of
one patient's journey (a route() when each page is shown and when it is submitted, one for "Check
your answers", and the assessment of the result).

    python -m bench.engine [--seconds 0.5]   (prints JSON)
"""

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

from triage import engine


def harmless(content: engine.Content) -> dict[str, tuple[str, ...]]:
    """An answer raising no warning sign to every question: "None of these" where there is one."""
    answers = {}
    for question in content.questions.values():
        calm = [option for option in question.options if not content.signs_raised_by(option)]
        calm.sort(key=lambda option: not option.exclusive)
        if calm:
            answers[question.slug] = (calm[0].slug,)
    return answers


def many_warnings(content: engine.Content) -> dict[str, tuple[str, ...]]:
    """Every answer that raises a warning sign short of an emergency (one per single choice)."""
    answers = {}
    for question in content.questions.values():
        options = [
            option
            for option in question.options
            if content.signs_raised_by(option)
            and not content.is_emergency(option)
            and not option.exclusive
        ]
        if not options:
            options = [option for option in question.options if not content.is_emergency(option)]
        if options:
            chosen = options if question.is_multiple else options[:1]
            answers[question.slug] = tuple(option.slug for option in chosen)
    return answers


def journey(content: engine.Content, answers: engine.Answers) -> engine.Assessment:
    """The engine calls of one journey through the pages these answers lead to."""
    given: dict[str, tuple[str, ...]] = {}
    submitted: set[str] = set()
    while True:
        walked = engine.route(content, given)  # a page is shown (at the end: Check your answers)
        page = next((page for page in walked.pages if page.slug not in submitted), None)
        if page is None:
            return engine.assess(content, given)  # the result
        given.update({q.slug: answers[q.slug] for q in page.questions if q.slug in answers})
        submitted.add(page.slug)
        engine.route(content, given)  # the page is submitted


def microseconds(call: Callable[[], object], seconds: float) -> float:
    """CPU microseconds per call: the median of five rounds of about `seconds` / 5 each.

    CPU time of this process rather than the wall clock, so other work on a shared machine
    hardly changes the figure.
    """
    clock = time.process_time
    begun, calls = clock(), 0
    while clock() - begun < seconds / 5 or calls < 3:
        call()
        calls += 1
    rounds = []
    for _ in range(5):
        begun = clock()
        for _ in range(calls):
            call()
        rounds.append((clock() - begun) / calls * 1e6)
    return round(statistics.median(rounds), 1)


def measure(content: engine.Content, *, seconds: float) -> dict:
    results: dict[str, dict] = {
        "content": {
            "pages": len(content.pages),
            "questions": len(content.questions),
            "options": sum(len(q.options) for q in content.questions.values()),
            "warning_signs": len(content.warning_signs),
        }
    }
    for label, answers in (
        ("all_clear", harmless(content)),
        ("many_warnings", many_warnings(content)),
    ):
        result = journey(content, answers)
        results[label] = {
            "level": str(result.level),
            "asked_pages": len(result.asked_pages),
            "warning_signs": len(result.warning_signs),
            "route_microseconds": microseconds(lambda a=answers: engine.route(content, a), seconds),
            "assess_microseconds": microseconds(
                lambda a=answers: engine.assess(content, a), seconds
            ),
            "journey_microseconds": microseconds(lambda a=answers: journey(content, a), seconds),
        }
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="per figure (default 0.5)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from triage.content import load_content

    print(json.dumps(measure(load_content().engine, seconds=args.seconds)))


if __name__ == "__main__":
    main()
