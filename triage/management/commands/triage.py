"""Triage a set of answers with the active content and print the assessment as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from triage import engine, languages
from triage.content import SiteContent, current_content, version_content
from triage.validation import answers_problems, parse_answers

INVALID = 2  # the exit status for answers that could not have come from the questionnaire


class Command(BaseCommand):
    help = (
        "Triage answers given as a JSON object mapping question slugs to an option slug or a "
        "list of option slugs, and print the level, warning signs, causes, recommendations "
        "and asked pages as JSON. Exits with status 2, naming each problem, if the answers do "
        "not fit the active content. With --language, also the result's wording as a patient "
        "reading that language gets it."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names a published content version here, not Django's version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--version",
            type=int,
            metavar="N",
            help="Assess with published version N instead of the latest.",
        )
        parser.add_argument(
            "--language",
            choices=languages.all_languages(),
            help="Also print the result's wording (outcome, warning signs, advice) in this "
            "language, as a patient reading it gets it.",
        )
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--answers", metavar="JSON", help="The answers as a JSON object.")
        source.add_argument(
            "--answers-file", metavar="PATH", help="A file holding the answers as a JSON object."
        )

    def handle(self, *args, **options):
        text = options["answers"]
        if text is None:
            text = _read(options["answers_file"])
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"The answers are not valid JSON: {error}.", returncode=INVALID
            ) from None
        try:
            answers = parse_answers(raw)
        except ValueError as error:
            raise CommandError(str(error), returncode=INVALID) from None
        site = (
            current_content() if options["version"] is None else version_content(options["version"])
        )
        if site is None:
            raise CommandError(f"There is no published version {options['version']}.")
        content = site.engine
        problems = answers_problems(content, answers)
        if problems:
            raise CommandError(
                "The answers do not fit the questionnaire:\n"
                + "\n".join(f"  - {problem}" for problem in problems),
                returncode=INVALID,
            )
        result = as_json(engine.assess(content, answers))
        if options["language"]:
            result["wording"] = wording(site.in_language(options["language"]), answers)
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))


def as_json(assessment: engine.Assessment) -> dict[str, object]:
    return {
        "level": assessment.level.value,
        "warning_signs": [matched.sign.slug for matched in assessment.warning_signs],
        "causes": [cause.slug for cause in assessment.causes],
        "recommendations": [r.slug for r in (*assessment.self_care, *assessment.get_help)],
        "asked_pages": list(assessment.asked_pages),
    }


def wording(site: SiteContent, answers: engine.Answers) -> dict[str, object]:
    """The texts of the result page in the content's language: the same assessment, worded."""
    assessment = engine.assess(site.engine, answers)
    outcome = site.outcomes.get(assessment.level)
    return {
        "language": site.language,
        "heading": outcome.heading if outcome else "",
        "summary": outcome.summary if outcome else "",
        "call_to_action": outcome.call_to_action if outcome else "",
        "emergency_number": site.clinic.emergency_number,
        "warning_signs": [
            {"slug": m.sign.slug, "title": m.sign.title, "explanation": m.sign.explanation}
            for m in assessment.warning_signs
        ],
        "recommendations": [
            {"slug": r.slug, "title": r.title}
            for r in (*assessment.self_care, *assessment.get_help)
        ],
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            f"Cannot read the answers file {path}: {error}", returncode=INVALID
        ) from None
