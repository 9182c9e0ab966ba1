"""Who may read the FHIR endpoints: staff with the export permission, or an active API token.

A request that sends `Authorization` is judged by its token alone: its session is never
read, so a record system polling with a token creates no session and gets no cookie. The key
itself is never stored or logged, only its digest (triage.models.access).
"""

from dataclasses import dataclass

from django.utils import timezone

from triage.models.access import ApiToken, digest

EXPORT = "triage.export_submissions"
CHALLENGE = 'Bearer realm="backpop"'
LONGEST_KEY = 200  # far longer than any key we issue; anything longer is not worth hashing


@dataclass(frozen=True)
class Refusal:
    status: int  # 401 or 403
    code: str  # the OperationOutcome issue type
    message: str
    challenge: str = ""  # the WWW-Authenticate header of a 401


def refusal(request) -> Refusal | None:
    """Why this request may not read patient documents, or None when it may."""
    header = request.headers.get("Authorization")
    if header is not None:
        return _token_refusal(header)
    user = request.user
    if not user.is_authenticated:
        return Refusal(
            401,
            "login",
            "Sign in to the admin as staff, or send an API token as 'Authorization: Bearer <key>'.",
            CHALLENGE,
        )
    if not (user.is_staff and user.has_perm(EXPORT)):
        return Refusal(
            403,
            "forbidden",
            "Your staff account may not export submissions: ask for the "
            "'Can export submissions as CSV' permission.",
        )
    return None


def _token_refusal(header: str) -> Refusal | None:
    scheme, _, key = header.strip().partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key or len(key) > LONGEST_KEY:
        return Refusal(
            401, "login", "Send the API token as 'Authorization: Bearer <key>'.", CHALLENGE
        )
    token = (
        ApiToken.objects.filter(key_digest=digest(key), is_active=True)
        .only("pk", "last_used_on")
        .first()
    )
    if token is None:
        return Refusal(
            401,
            "login",
            "This API token is not known or has been revoked.",
            f'{CHALLENGE}, error="invalid_token"',
        )
    today = timezone.localdate()
    if token.last_used_on != today:  # at most one write a day per token
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
    return None
