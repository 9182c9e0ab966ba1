"""Delete anonymous submissions past the retention period, and expired sessions; move the
funnel counts kept in Redis into the database, so none wait longer than a day.

Run it daily (see the README's "Daily job"). Without --older-than it uses
SUBMISSION_RETENTION_DAYS, the period the privacy page promises.
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from triage import funnel
from triage.models import Submission


class Command(BaseCommand):
    help = (
        "Delete anonymous submissions made more than DAYS days ago (today is day 0), "
        "and the sessions that have expired."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help="keep the submissions of the last DAYS days "
            "(default: SUBMISSION_RETENTION_DAYS, now %(default)s)",
            default=settings.SUBMISSION_RETENTION_DAYS,
        )

    def handle(self, *args, older_than: int, **options):
        if older_than < 1:
            raise CommandError(f"--older-than must be at least 1 day, not {older_than}.")
        cutoff = timezone.localdate() - timedelta(days=older_than)
        deleted, _ = Submission.objects.filter(submitted_on__lt=cutoff).delete()
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        funnel.settle()
        self.stdout.write(
            f"Deleted {deleted} submission(s) from before {cutoff.isoformat()} "
            "and every expired session."
        )
