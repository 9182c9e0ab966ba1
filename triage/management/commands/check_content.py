"""List problems in the triage content; exit non-zero when any of them is an error."""

from django.core.management.base import BaseCommand, CommandError

from triage.integrity import content_problems


class Command(BaseCommand):
    help = (
        "Check the triage content for problems that would make the questionnaire misbehave. "
        "Prints one line per problem; exits with status 1 if any is an error. "
        "With --verbosity 0 only errors are printed."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        problems = content_problems()
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity == "warning"]
        for problem in problems:
            if problem.severity == "error":
                self.stdout.write(self.style.ERROR(str(problem)))
            elif verbosity >= 1:
                self.stdout.write(self.style.WARNING(str(problem)))
        if not problems:
            if verbosity >= 1:
                self.stdout.write(self.style.SUCCESS("No content problems found."))
            return
        summary = f"{_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}."
        if errors:
            raise CommandError(f"Content check failed: {summary}")
        if verbosity >= 1:
            self.stdout.write(f"Content check passed with {summary}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
