"""FHIR in the admin (issue 17): API tokens shown once and revoked by unticking, and the
Questionnaire and responses downloads for staff with the export permission."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.http import HttpRequest
from django.urls import reverse

from tests.fhir import BASE, parse, validate
from triage import models
from triage.fhir.questionnaire import published

pytestmark = pytest.mark.django_db

KEY_MESSAGE = re.compile(r"The key for “[^”]+” is ([A-Za-z0-9_-]+)\.")
WEEK = {"since": "2026-11-10", "until": "2026-11-16"}


@pytest.fixture(autouse=True)
def clinic_address(settings):
    settings.BACKPOP_BASE_URL = BASE


@pytest.fixture
def viewer():
    user = User.objects.create_user("reader", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewer"))
    return user


def _create_token(client, name: str = "Ward EHR"):
    """Save a new token; the page after the save, and the messages the browser was sent in
    cookies on the way (decoded) so a test can check the key was never among them."""
    saved = client.post(reverse("admin:triage_apitoken_add"), {"name": name})
    assert saved.status_code == 302
    page = client.get(saved["Location"])
    storage = CookieStorage(HttpRequest())
    sent = [
        str(message)
        for response in (saved, page)
        if "messages" in response.cookies
        for message in storage._decode(response.cookies["messages"].value) or []
    ]
    return page, " ".join(sent)


def test_a_new_token_shows_its_key_once_and_the_key_reads_the_endpoints(client, admin_user):
    client.force_login(admin_user)

    page, in_cookies = _create_token(client)

    (key,) = KEY_MESSAGE.findall(page.content.decode())
    assert "was added successfully" in in_cookies  # the usual message did go by cookie...
    assert key not in in_cookies  # ...the key did not
    token = models.ApiToken.objects.get()
    assert (token.name, token.prefix, token.created_by) == ("Ward EHR", key[:8], "admin")
    assert key not in {token.key_digest, token.name}
    again = client.get(reverse("admin:triage_apitoken_changelist"))
    assert key not in again.content.decode()
    assert token.prefix in again.content.decode()
    response = client.get("/fhir/Questionnaire/1", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200


def test_unticking_active_revokes_a_token_at_once(client, admin_user):
    client.force_login(admin_user)
    (key,) = KEY_MESSAGE.findall(_create_token(client)[0].content.decode())
    token = models.ApiToken.objects.get()

    client.post(reverse("admin:triage_apitoken_change", args=[token.pk]), {"name": token.name})

    token.refresh_from_db()
    assert token.is_active is False
    response = client.get("/fhir/Questionnaire/1", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401


def test_tokens_are_kept_as_a_record_not_deleted(client, admin_user):
    client.force_login(admin_user)
    _create_token(client)
    token = models.ApiToken.objects.get()

    response = client.get(reverse("admin:triage_apitoken_delete", args=[token.pk]))

    assert response.status_code == 403
    assert models.ApiToken.objects.exists()


def test_a_published_version_downloads_as_a_fhir_questionnaire(client, publisher):
    client.force_login(publisher)
    version = models.ContentVersion.objects.order_by("-number").first()

    page = client.get(reverse("admin:triage_contentversion_change", args=[version.pk]))
    download = client.get(reverse("admin:triage_contentversion_fhir", args=[version.pk]))

    assert "Download as a FHIR Questionnaire" in page.content.decode()
    assert download["Content-Disposition"] == (
        f'attachment; filename="questionnaire-v{version.number}.json"'
    )
    assert parse(download.content) == published(version.number)


def test_the_dashboard_downloads_its_period_as_a_bundle_of_responses(client, publisher):
    models.Submission.objects.create(
        reference="BP-AAAAAA",
        submitted_on=datetime.date(2026, 11, 11),
        level="normal",
        answers={"emergency_signs": ["none"]},
        warning_signs=[],
        content_version=1,
    )
    client.force_login(publisher)

    dashboard = client.get(reverse("admin:triage_insights_changelist"), WEEK)
    download = client.get(reverse("admin:triage_insights_fhir"), WEEK)

    assert "Download these submissions (FHIR)" in dashboard.content.decode()
    assert download["Content-Disposition"] == (
        'attachment; filename="submissions-2026-11-10-to-2026-11-16.fhir.json"'
    )
    bundle = parse(b"".join(download.streaming_content))
    validate(bundle)
    out = StringIO()
    call_command("export_fhir", "responses", "--since", WEEK["since"], "--until", WEEK["until"],
                 stdout=out)  # fmt: skip
    assert bundle["entry"] == parse(out.getvalue())["entry"]


def test_staff_without_the_export_permission_get_no_download(client, viewer):
    client.force_login(viewer)
    version = models.ContentVersion.objects.order_by("-number").first()

    page = client.get(reverse("admin:triage_contentversion_change", args=[version.pk]))
    dashboard = client.get(reverse("admin:triage_insights_changelist"), WEEK)

    assert "FHIR" not in page.content.decode() + dashboard.content.decode()
    assert (
        client.get(reverse("admin:triage_contentversion_fhir", args=[version.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:triage_insights_fhir"), WEEK).status_code == 403


def test_a_download_with_bad_dates_shows_the_dashboard_naming_the_problem(client, publisher):
    client.force_login(publisher)

    response = client.get(
        reverse("admin:triage_insights_fhir"), {"since": "2026-11-12", "until": "2026-11-11"}
    )

    assert response.status_code == 400
    assert "“From” must be on or before “To”." in response.content.decode()
