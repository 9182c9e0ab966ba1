"""Run the clinic's test cases on the draft (or a published version); exit 1 on a failure."""

from django.core.management.base import BaseCommand, CommandError

from triage import models, publishing
from triage.snapshot import draft_snapshot


class Command(BaseCommand):
    help = (
        "Run every clinic test case (answers and the result the clinic expects) on the draft, "
        "or with --version N on that published version with the cases it was published with. "
        "Prints each case's expected and actual result (with --verbosity 0 only failures); "
        "exits with status 1 if any fails."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names a content version here, not Django's version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", type=int, metavar="N", help="A published version.")

    def handle(self, *args, **options):
        number = options["version"]
        if number is None:
            name, snapshot = "the draft", draft_snapshot()
        else:
            version = models.ContentVersion.objects.filter(number=number).first()
            if version is None:
                raise CommandError(f"There is no published version {number}.")
            name, snapshot = f"published version {number}", version.snapshot
        cases = publishing.checklist(snapshot).cases
        for case in cases:
            expected = _result(case.expected_level, case.expected_signs)
            if case.passed:
                if options["verbosity"] >= 1:
                    self.stdout.write(self.style.SUCCESS(f"PASS {case.name}: {expected}"))
            else:
                actual = _result(case.level, case.signs) if case.level else "no result"
                self.stdout.write(
                    self.style.ERROR(f"FAIL {case.name}: expected {expected}, got {actual}")
                )
                for failure in case.failures:
                    self.stdout.write(f"  {failure}")
        failed = sum(not case.passed for case in cases)
        if failed:
            raise CommandError(f"{failed} of {len(cases)} test cases failed on {name}.")
        if not cases:
            raise CommandError(f"There are no test cases in {name}: add some in the admin.")
        if options["verbosity"] >= 1:
            self.stdout.write(f"All {len(cases)} test cases pass on {name}.")


def _result(level: str, signs) -> str:
    return f"{level} ({', '.join(signs)})" if signs else level
