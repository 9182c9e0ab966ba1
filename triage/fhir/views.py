"""Read-only FHIR endpoints: a published Questionnaire and one submission's response.

Every answer is FHIR JSON, errors included: an `OperationOutcome` saying what went wrong
(401 without credentials, 403 without the export permission, 400 for a malformed version or
reference, 404 for an unknown one, 405 for anything but GET). Nothing is cached: a response
holds a patient's answers.
"""

import re
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from triage.fhir import auth, questionnaire, responses
from triage.fhir.common import MEDIA_TYPE, dumps

CONTENT_TYPE = f"{MEDIA_TYPE}; charset=utf-8"
VERSION = re.compile(r"[1-9][0-9]{0,8}")
# Canonical URLs name the questionnaire "backpop": reading that gives the latest version.
LATEST = "backpop"
REFERENCE = re.compile(r"[A-Z0-9-]{1,12}")


def document(data: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(dumps(data) + "\n", status=status, content_type=CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response


def outcome(status: int, code: str, message: str) -> HttpResponse:
    issue = {"severity": "error", "code": code, "diagnostics": message}
    return document({"resourceType": "OperationOutcome", "issue": [issue]}, status)


def fhir_read(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET or HEAD only, for staff with the export permission or an active API token."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = outcome(405, "not-supported", "These endpoints are read-only: use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        refused = auth.refusal(request)
        if refused is not None:
            response = outcome(refused.status, refused.code, refused.message)
            if refused.challenge:
                response["WWW-Authenticate"] = refused.challenge
            return response
        return view(request, *args, **kwargs)

    return guarded


@fhir_read
def read_questionnaire(request: HttpRequest, version: str) -> HttpResponse:
    if version != LATEST and not VERSION.fullmatch(version):
        return outcome(
            400,
            "invalid",
            "A questionnaire version is a published version number, such as 3, "
            f"or '{LATEST}' for the latest one.",
        )
    found = questionnaire.published(None if version == LATEST else int(version))
    if found is None:
        missing = "Nothing has been published yet." if version == LATEST else ""
        return outcome(404, "not-found", missing or f"There is no published version {version}.")
    return document(found)


@fhir_read
def read_response(request: HttpRequest, reference: str) -> HttpResponse:
    reference = reference.strip().upper()
    if not REFERENCE.fullmatch(reference):
        return outcome(
            400, "invalid", "A reference is the code on the patient's result, such as BP-7K3F9Q."
        )
    found = responses.for_reference(reference)
    if found is None:
        return outcome(404, "not-found", f"There is no submission with the reference {reference}.")
    return document(found)


def unknown(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other path under /fhir/: names what is served, and reveals nothing else."""
    return outcome(
        404,
        "not-found",
        "Only Questionnaire/<version> and QuestionnaireResponse/<reference> are served here.",
    )
