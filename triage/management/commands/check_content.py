"""Run the safety checks (and the offered languages' completeness) on the draft and on the
published version; exit 1 on any error."""

from django.core.management.base import BaseCommand, CommandError

from triage import safety
from triage.publishing import language_problems, latest_version
from triage.snapshot import draft_snapshot


class Command(BaseCommand):
    help = (
        "Run the content safety checks (the checklist shown before publishing) on the draft "
        "and on the latest published version. Prints one line per problem, naming the object "
        "and the fix; exits with status 1 if either has an error. With --verbosity 0 only "
        "errors are printed."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        version = latest_version()
        targets = [("the draft", draft_snapshot())]
        if version is not None:
            targets.append((f"published version {version.number}", version.snapshot))
        else:
            self.stdout.write(self.style.ERROR("ERROR no_published_version: Nothing is published."))
        failed = [] if version else ["no published version"]
        for name, snapshot in targets:
            problems = [*safety.problems(snapshot), *language_problems(snapshot)]
            errors = [p for p in problems if p.severity == "error"]
            if errors or (problems and verbosity >= 1):
                self.stdout.write(f"In {name}:")
            for problem in problems:
                if problem.severity == "error":
                    self.stdout.write(self.style.ERROR(f"  {problem}"))
                elif verbosity >= 1:
                    self.stdout.write(self.style.WARNING(f"  {problem}"))
            if errors:
                failed.append(f"{name}: {_count(len(errors), 'error')}")
            elif verbosity >= 1:
                self.stdout.write(self.style.SUCCESS(f"No errors in {name}."))
        if failed:
            raise CommandError(f"Content check failed ({'; '.join(failed)}).")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
