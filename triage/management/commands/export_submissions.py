"""Write the submissions of a date range as CSV, for the clinic's audit spreadsheet.

The same columns as the dashboard's download (triage.exports), to standard output or a
file; streamed, so a long period needs no more memory than a short one.
"""

import argparse
import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from triage.exports import csv_lines
from triage.insights import Filters


def iso_date(value: str) -> date:
    """An argparse type: a date written YYYY-MM-DD, or a message naming what was given."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01"
        ) from None


class Command(BaseCommand):
    help = "Write the submissions made from --since to --until (both included) as CSV."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names a published content version here, not Django's version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--since", type=iso_date, required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--until", type=iso_date, required=True, metavar="YYYY-MM-DD")
        parser.add_argument(
            "--version", type=int, metavar="N", help="only submissions assessed with version N"
        )
        parser.add_argument(
            "--output", metavar="FILE", help="write to FILE instead of standard output"
        )

    def handle(self, *args, since: date, until: date, version, output, **options):
        if since > until:
            raise CommandError(
                f"--since ({since}) is after --until ({until}): nothing to export.", returncode=2
            )
        lines = csv_lines(Filters(since, until, version))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line, ending="")
