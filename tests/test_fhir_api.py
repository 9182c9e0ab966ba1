"""The read-only /fhir/ endpoints (issue 17): who may read them, and what every error says."""

import datetime
import logging
import runpy

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from tests.fhir import BASE, parse, validate
from triage import models

pytestmark = pytest.mark.django_db

MEDIA_TYPE = "application/fhir+json"


@pytest.fixture(autouse=True)
def clinic_address(settings):
    settings.BACKPOP_BASE_URL = BASE


@pytest.fixture
def submission():
    return models.Submission.objects.create(
        reference="BP-7K3F9Q",
        submitted_on=datetime.date(2026, 11, 10),
        level="normal",
        answers={"emergency_signs": ["none"]},
        warning_signs=[],
        content_version=1,
    )


def _token(name: str = "The clinic's record system") -> tuple[models.ApiToken, str]:
    token = models.ApiToken(name=name)
    key = token.issue()
    token.save()
    return token, key


def _latest() -> int:
    return models.ContentVersion.objects.order_by("-number").first().number


def _outcome(response, status: int) -> str:
    """The OperationOutcome's message, after checking it is one, with this status."""
    assert response.status_code == status
    assert response["Content-Type"].split(";")[0] == MEDIA_TYPE
    document = parse(response.content)
    validate(document)
    assert document["resourceType"] == "OperationOutcome"
    return document["issue"][0]["diagnostics"]


def test_anonymous_requests_get_401_with_a_bearer_challenge(client, submission):
    for path in ("/fhir/Questionnaire/1", "/fhir/QuestionnaireResponse/BP-7K3F9Q"):
        response = client.get(path)

        assert "Sign in" in _outcome(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_staff_without_the_export_permission_get_403(client, submission):
    viewer = User.objects.create_user("reader", password="pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewer"))
    client.force_login(viewer)

    response = client.get("/fhir/QuestionnaireResponse/BP-7K3F9Q")

    assert "permission" in _outcome(response, 403)


def test_staff_with_the_export_permission_read_both_documents(client, publisher, submission):
    client.force_login(publisher)

    questionnaire = client.get(f"/fhir/Questionnaire/{_latest()}")
    answers = client.get("/fhir/QuestionnaireResponse/BP-7K3F9Q")

    assert questionnaire.status_code == answers.status_code == 200
    assert questionnaire["Content-Type"].split(";")[0] == MEDIA_TYPE
    assert questionnaire["Cache-Control"] == "no-store"
    assert validate(parse(questionnaire.content)).version == str(_latest())
    assert parse(answers.content)["identifier"]["value"] == "BP-7K3F9Q"


def test_an_api_token_reads_without_creating_a_session_and_is_marked_used(client, submission):
    token, key = _token()

    response = client.get(
        "/fhir/QuestionnaireResponse/BP-7K3F9Q", headers={"Authorization": f"Bearer {key}"}
    )

    assert response.status_code == 200
    validate(parse(response.content))
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert Session.objects.count() == 0
    token.refresh_from_db()
    assert token.last_used_on == timezone.localdate()


def test_a_revoked_or_unknown_token_gets_401_and_the_key_never_reaches_the_log(
    client, submission, caplog
):
    token, key = _token()
    token.is_active = False
    token.save()
    caplog.set_level(logging.DEBUG)

    for sent in (f"Bearer {key}", "Bearer not-a-key-we-issued", f"Basic {key}"):
        response = client.get("/fhir/Questionnaire/1", headers={"Authorization": sent})
        _outcome(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")

    assert (
        'error="invalid_token"'
        in client.get("/fhir/Questionnaire/1", headers={"Authorization": f"Bearer {key}"})[
            "WWW-Authenticate"
        ]
    )
    assert caplog.records, "the 401s are logged"
    assert all(key not in record.getMessage() for record in caplog.records)


def test_a_token_request_is_judged_by_its_token_even_with_a_staff_session(client, publisher):
    client.force_login(publisher)

    response = client.get("/fhir/Questionnaire/1", headers={"Authorization": "Bearer wrong"})

    _outcome(response, 401)


def test_the_canonical_name_reads_the_latest_version(client, publish, publisher):
    publish(note="A new version.")
    client.force_login(publisher)

    response = client.get("/fhir/Questionnaire/backpop")

    document = parse(response.content)
    assert (document["version"], document["status"]) == (str(_latest()), "active")
    assert parse(client.get("/fhir/Questionnaire/1").content)["status"] == "retired"


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/fhir/Questionnaire/99", 404, "There is no published version 99."),
        ("/fhir/Questionnaire/latest", 400, "published version number"),
        ("/fhir/Questionnaire/0", 400, "published version number"),
        ("/fhir/QuestionnaireResponse/BP-2222222", 404, "no submission with the reference"),
        ("/fhir/QuestionnaireResponse/BP-7K3F9Q!", 400, "such as BP-7K3F9Q"),
        ("/fhir/QuestionnaireResponse/" + "A" * 40, 400, "such as BP-7K3F9Q"),
        ("/fhir/Patient/1", 404, "Only Questionnaire/<version> and QuestionnaireResponse"),
        ("/fhir/QuestionnaireResponse", 404, "Only Questionnaire/<version>"),
    ],
)
def test_bad_or_unknown_input_gets_an_operation_outcome(client, publisher, path, status, message):
    client.force_login(publisher)

    assert message in _outcome(client.get(path), status)


def test_a_reference_is_found_whatever_its_case_and_a_trailing_slash(client, publisher, submission):
    client.force_login(publisher)

    response = client.get("/fhir/QuestionnaireResponse/bp-7k3f9q/")

    assert parse(response.content)["id"] == "BP-7K3F9Q"


def test_the_endpoints_are_read_only(client, publisher, submission):
    client.force_login(publisher)

    for method in (client.post, client.put, client.delete):
        response = method("/fhir/QuestionnaireResponse/BP-7K3F9Q")
        assert "read-only" in _outcome(response, 405)
        assert response["Allow"] == "GET, HEAD"
    assert models.Submission.objects.filter(reference="BP-7K3F9Q").exists()


@pytest.mark.parametrize(
    "address", ["triage.example.org", "https://triage.example.org/?x=1", "ftp://triage.example.org"]
)
def test_a_base_url_that_is_not_a_web_address_stops_the_service_at_start(monkeypatch, address):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("BACKPOP_BASE_URL", address)

    with pytest.raises(ImproperlyConfigured, match="BACKPOP_BASE_URL must be"):
        runpy.run_path(str(settings.BASE_DIR / "backpop_site" / "settings.py"))


def test_the_base_url_is_kept_without_a_trailing_slash(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("BACKPOP_BASE_URL", "https://clinic.example.org/triage/")

    read = runpy.run_path(str(settings.BASE_DIR / "backpop_site" / "settings.py"))

    assert read["BACKPOP_BASE_URL"] == "https://clinic.example.org/triage"
