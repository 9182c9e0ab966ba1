"""Settings for the test suite: the real settings, with debug off, plus test-only speed-ups."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from backpop_site.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite runs without collectstatic: plain names, found in static/ on each request.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The test client and the live server speak plain HTTP; tests/deploy proves the
# redirect to HTTPS over a real server.
SECURE_SSL_REDIRECT = False

# On PostgreSQL, no statement or read timeout: creating and flushing test databases on a busy
# CI machine may take longer than a page's query ever should. tests/deploy proves the
# production timeouts.
DATABASE_READ_TIMEOUT = None
DATABASES["default"].get("OPTIONS", {}).pop("options", None)  # noqa: F405


class UnknownTemplateVariable(str):
    """Django's `string_if_invalid`: a misspelt variable fails the test that renders it.

    Django shows this value for a variable it cannot resolve (interpolating the name when the
    value contains "%s"); here both raise, so a misspelt emergency number is never blank.
    """

    def __bool__(self):
        return True

    def __contains__(self, item):
        return True

    def __mod__(self, name):
        raise AssertionError(f"Unknown template variable: {name!r}")

    def __str__(self):
        raise AssertionError("Unknown template variable")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = UnknownTemplateVariable()  # noqa: F405
