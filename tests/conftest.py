"""Fixtures shared by the whole suite."""

import pytest

from tests.patient import Patient


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The Welsh pages need locale/cy's catalogue compiled (the .mo files are not in git),
    as `make test` and `make run` do first; here too, so a plain `pytest` works."""
    from django.core.management import call_command

    call_command("compilemessages", verbosity=0)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A Welsh page leaves Welsh active in this thread (a server's next request sets its own
    language); the next test starts in English, as django-modeltranslation's `title` follows
    the active language."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def patient(client):
    """One simulated patient, answering through Django's test client (see tests/patient.py)."""
    return Patient(client)


# Publishing (issue 12): staff in the roles the data migration ships, and publishing the draft.


def _staff(username: str, role: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    """A member of the "Content editor" role: edits the draft, runs the checklist."""
    return _staff("editor", "Content editor")


@pytest.fixture
def publisher(db):
    """A member of the "Clinical publisher" role: publishes and rolls back."""
    return _staff("publisher", "Clinical publisher")


@pytest.fixture
def publish(publisher):
    """Publish the draft as the publisher: `publish(note="...")` returns the new version."""
    from triage.publishing import publish as publish_draft

    def publish(note: str = "A test change.", **kwargs):
        return publish_draft(publisher, note, **kwargs)

    return publish
