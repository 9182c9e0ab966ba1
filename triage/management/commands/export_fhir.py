"""Print the questionnaire or the submissions of a period as FHIR R4 JSON (see the README).

    manage.py export_fhir questionnaire [--version N]
    manage.py export_fhir responses --since YYYY-MM-DD [--until YYYY-MM-DD] [--version N]

Bad input (an unknown version, a malformed date, a period that ends before it starts) is
named on standard error with exit status 2, as the other commands do.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from triage.fhir import questionnaire, responses
from triage.fhir.common import dumps
from triage.insights import Filters
from triage.management.commands.export_submissions import iso_date
from triage.models import ContentVersion

INVALID = 2


class Command(BaseCommand):
    help = (
        "Print a published version as a FHIR Questionnaire, or the submissions made from "
        "--since to --until (both included) as a Bundle of QuestionnaireResponses."
    )

    def add_arguments(self, parser):
        documents = parser.add_subparsers(dest="document", required=True)
        one = documents.add_parser(
            "questionnaire", help="a published version as a Questionnaire (default: the latest)"
        )
        one.add_argument("--version", type=int, metavar="N", help="published version N")
        many = documents.add_parser(
            "responses", help="the submissions of a period as a Bundle of QuestionnaireResponses"
        )
        many.add_argument("--since", type=iso_date, required=True, metavar="YYYY-MM-DD")
        many.add_argument(
            "--until", type=iso_date, metavar="YYYY-MM-DD", help="the last day (default: today)"
        )
        many.add_argument(
            "--version", type=int, metavar="N", help="only submissions assessed with version N"
        )

    def handle(self, *args, document: str, **options):
        if document == "questionnaire":
            self._questionnaire(options["version"])
        else:
            self._responses(options["since"], options["until"], options["version"])

    def _questionnaire(self, version: int | None) -> None:
        found = questionnaire.published(version)
        if found is None:
            problem = (
                "Nothing has been published yet."
                if version is None
                else f"There is no published version {version}."
            )
            raise CommandError(problem, returncode=INVALID)
        self.stdout.write(dumps(found))

    def _responses(self, since: date, until: date | None, version: int | None) -> None:
        until = until or timezone.localdate()
        if since > until:
            raise CommandError(
                f"--since ({since}) is after --until ({until}): nothing to export.",
                returncode=INVALID,
            )
        if version is not None and not ContentVersion.objects.filter(number=version).exists():
            raise CommandError(f"There is no published version {version}.", returncode=INVALID)
        for piece in responses.bundle_lines(Filters(since, until, version)):
            self.stdout.write(piece, ending="")
