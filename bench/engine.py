"""Micro-benchmark of triage.engine.assess on the default content and on content grown 100x.

The default content is loaded the way the service loads it (triage.content.load_content, from
the database named by the environment). The grown content repeats every page, question,
option and warning sign with a suffix, keeping each copy's links and conditions inside the copy,
so a patient answering every copy walks 100 times the questionnaire.

    python -m bench.engine [--times 100] [--seconds 0.3]   (prints JSON)
"""

import argparse
import json
import os
import statistics
import time
from dataclasses import replace

from bench.patient import ALL_CLEAR
from triage import engine
from triage.levels import Level


def grow(content: engine.Content, times: int) -> engine.Content:
    """The content repeated `times` times; copy 0 keeps the original slugs."""

    def name(slug: str, k: int) -> str:
        return slug if k == 0 else f"{slug}--{k}"

    pages, signs = [], {}
    for k in range(times):
        for sign in content.warning_signs.values():
            signs[name(sign.slug, k)] = replace(sign, slug=name(sign.slug, k))
        for page in content.pages:
            questions = tuple(
                replace(
                    question,
                    slug=name(question.slug, k),
                    shown_if=frozenset((name(q, k), o) for q, o in question.shown_if),
                    options=tuple(
                        replace(
                            option, warning_signs=tuple(name(s, k) for s in option.warning_signs)
                        )
                        for option in question.options
                    ),
                )
                for question in page.questions
            )
            pages.append(replace(page, slug=name(page.slug, k), questions=questions))
    return engine.Content(
        pages=tuple(pages),
        warning_signs=signs,
        causes=content.causes,
        recommendations=content.recommendations,
    )


def all_clear(content: engine.Content) -> dict[str, tuple[str, ...]]:
    """The all-clear answer to every question of every copy."""
    return {
        slug: ALL_CLEAR[slug.split("--")[0]]
        for slug in content.questions
        if slug.split("--")[0] in ALL_CLEAR
    }


def many_warnings(content: engine.Content) -> dict[str, tuple[str, ...]]:
    """Every answer that raises a warning sign short of an emergency: the most work to sort."""

    def raises(option: engine.Option) -> bool:
        levels = {content.warning_signs[s].level for s in option.warning_signs}
        return bool(levels) and Level.EMERGENCY not in levels

    answers = {}
    for question in content.questions.values():
        options = [o for o in question.options if raises(o) and not o.exclusive]
        if not options:
            options = [o for o in question.options if not content.is_emergency(o)][:1]
        if options:
            answers[question.slug] = tuple(
                o.slug for o in options[: 99 if question.is_multiple else 1]
            )
    return answers


def time_calls(content: engine.Content, answers, seconds: float) -> dict:
    """Microseconds per assess() call: the median of five rounds of about `seconds` each."""
    result = engine.assess(content, answers)  # warm up, and check it runs
    begun, calls = time.perf_counter(), 0
    while time.perf_counter() - begun < seconds / 5 or calls < 3:
        engine.assess(content, answers)
        calls += 1
    per_round = max(3, calls)
    rounds = []
    for _ in range(5):
        begun = time.perf_counter()
        for _ in range(per_round):
            engine.assess(content, answers)
        rounds.append((time.perf_counter() - begun) / per_round * 1e6)
    return {
        "microseconds_per_call": round(statistics.median(rounds), 1),
        "calls": per_round * 5,
        "level": str(result.level),
        "asked_pages": len(result.asked_pages),
        "warning_signs": len(result.warning_signs),
    }


def measure(content: engine.Content, *, times: int, seconds: float) -> dict:
    grown = grow(content, times)
    cases = {}
    for label, body in (("default", content), (f"x{times}", grown)):
        size = {
            "pages": len(body.pages),
            "questions": len(body.questions),
            "options": sum(len(q.options) for q in body.questions.values()),
            "warning_signs": len(body.warning_signs),
        }
        cases[label] = {
            "size": size,
            "all_clear": time_calls(body, all_clear(body), seconds),
            "many_warnings": time_calls(body, many_warnings(body), seconds),
        }
    return {"times": times, "cases": cases}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=0.5, help="per case (default 0.5)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from triage.content import load_content

    print(json.dumps(measure(load_content().engine, times=args.times, seconds=args.seconds)))


if __name__ == "__main__":
    main()
