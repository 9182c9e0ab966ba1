"""purge_submissions: the daily job that deletes old submissions and expired sessions."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from triage.models import Submission

pytestmark = pytest.mark.django_db


def _submission(days_ago: int) -> Submission:
    return Submission.objects.create(
        reference=f"BP-{days_ago:06d}",
        submitted_on=timezone.localdate() - timedelta(days=days_ago),
        level="normal",
        answers={"pain": ["no_pain"]},
        content_version=1,
    )


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["journey"] = "in progress"
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def _purge(*args) -> str:
    out = StringIO()
    call_command("purge_submissions", *args, stdout=out)
    return out.getvalue()


def test_deletes_submissions_older_than_the_given_days_and_keeps_the_rest():
    for days_ago in (0, 29, 30, 31, 400):
        _submission(days_ago)

    output = _purge("--older-than", "30")

    kept = sorted(Submission.objects.values_list("reference", flat=True))
    assert kept == ["BP-000000", "BP-000029", "BP-000030"]
    assert output.startswith("Deleted 2 submission(s) from before ")


def test_without_older_than_it_keeps_the_retention_period(settings):
    settings.SUBMISSION_RETENTION_DAYS = 7
    _submission(7)
    _submission(8)

    _purge()

    assert list(Submission.objects.values_list("reference", flat=True)) == ["BP-000007"]


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_deletes_expired_sessions_and_keeps_live_ones_when_sessions_are_stored():
    # The shipped sessions are signed cookies that expire in the browser; a clinic that
    # switches to database sessions gets its expired ones cleared by the same daily job.
    expired = _session(timedelta(minutes=-1))
    live = _session(timedelta(hours=1))

    _purge("--older-than", "30")

    assert not Session.objects.filter(pk=expired).exists()
    assert Session.objects.filter(pk=live).exists()


@pytest.mark.parametrize("days", ["0", "-5"])
def test_refuses_to_delete_todays_submissions(days):
    _submission(0)

    with pytest.raises(CommandError, match="at least 1 day"):
        _purge("--older-than", days)

    assert Submission.objects.count() == 1
