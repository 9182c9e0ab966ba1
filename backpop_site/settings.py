"""Settings for backpop, read from the environment (see the README's configuration table)."""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from backpop_site.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "insecure-local-development-key-never-deploy"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env_required(
        "DJANGO_SECRET_KEY", "with DJANGO_DEBUG off the service needs a long random secret."
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must be set with DJANGO_DEBUG off: "
            "a comma-separated list of the host names the service answers to."
        )

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation requires: it adds each content text's
    # Welsh column (triage/translation.py) and shows both languages in the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "adminsortable2",
    "triage",
    "backpop_site",
]

MIDDLEWARE = [
    # First, so that probes answer without a Host check, a redirect or a session.
    "backpop_site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "backpop_site.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The patient's language is the URL's (/cy/... for Welsh); everything else is English.
    "backpop_site.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the staff member in each content history record.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "backpop_site.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backpop_site.urls"
WSGI_APPLICATION = "backpop_site.wsgi.application"

TEMPLATES = [
    {
        # One engine, Django's own, for the admin, the patient pages and the error pages.
        # templates/ comes first, so its bootstrap5/ files override crispy-bootstrap5's.
        # With no "loaders" given, Django caches compiled templates in each process.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "backpop_site.context_processors.site_links",
            ],
        },
    },
]

# The questionnaire's forms are rendered by django-crispy-forms with the Bootstrap 5 pack;
# the few NHS.UK / GOV.UK patterns it lacks are overrides in templates/bootstrap5/.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that stops answering must cost a patient a few seconds and the friendly 503
# page, never a worker held until gunicorn kills it: every wait on the server is bounded.
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 3, minimum=1)
# A server that keeps the connection open and sends nothing (see backpop_site/postgresql).
DATABASE_READ_TIMEOUT = DATABASE_STATEMENT_TIMEOUT + 1
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "backpop_site.postgresql"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # An unreachable server fails a connection attempt after this many seconds.
    _options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 3, minimum=2))
    # The server cancels a query that runs longer (milliseconds), before the client gives up.
    _options.setdefault("options", f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}")
    # A server whose host or network vanished: the kernel notices within seconds.
    _options.setdefault("keepalives", 1)
    _options.setdefault("keepalives_idle", 10)
    _options.setdefault("keepalives_interval", 5)
    _options.setdefault("keepalives_count", 2)
    _options.setdefault("tcp_user_timeout", DATABASE_READ_TIMEOUT * 1000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin's URL prefix. It must not shadow a patient page, so the questionnaire's own first
# path segments are refused.
ADMIN_PATH = env_str("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
if not re.fullmatch(r"[\w-]+(/[\w-]+)*/", ADMIN_PATH) or ADMIN_PATH.split("/")[0] in {
    "check",
    "privacy",
    "static",
    "healthz",
    "readyz",
    "fhir",
    "cy",
}:
    raise ImproperlyConfigured(
        "DJANGO_ADMIN_PATH must be a path such as 'admin/' or 'staff/backpop/' made of letters, "
        "digits, '-' and '_', and must not start with check/, privacy/, static/, fhir/, cy/ "
        f"(the Welsh pages), healthz or readyz, not {env_str('DJANGO_ADMIN_PATH')!r}."
    )

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
# The product's languages, each named in itself for the patients' switcher. English is the
# default: its pages are unprefixed, and the admin is English only. Every patient-facing
# content text has one column per language (django-modeltranslation: title_en, title_cy),
# so the schema never depends on the environment; BACKPOP_LANGUAGES picks those offered.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
MODELTRANSLATION_LANGUAGES = ("en", "cy")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"


def _column_label(verbose_name, language: str) -> str:
    """The admin's label of one language's column: "title (Welsh)"."""
    return f"{verbose_name} ({ {'en': 'English', 'cy': 'Welsh'}[language] })"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _column_label
# The languages offered to patients, by the codes of MODELTRANSLATION_LANGUAGES: English
# alone ("en") serves no Welsh page at all; publishing needs every offered language complete.
BACKPOP_LANGUAGES = tuple(dict.fromkeys(env_list("BACKPOP_LANGUAGES", ["en", "cy"])))
if (
    not BACKPOP_LANGUAGES
    or BACKPOP_LANGUAGES[0] != "en"
    or not set(BACKPOP_LANGUAGES) <= set(MODELTRANSLATION_LANGUAGES)
):
    raise ImproperlyConfigured(
        "BACKPOP_LANGUAGES must list the languages offered to patients, English first, from "
        f"{', '.join(MODELTRANSLATION_LANGUAGES)}: e.g. 'en,cy' or 'en', "
        f"not {env_str('BACKPOP_LANGUAGES')!r}."
    )
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes content-hashed names plus .gz and .br copies; whitenoise serves the
    # hashed ones with a far-future immutable Cache-Control and picks the encoding per client.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A failed CSRF check (usually an expired page or blocked cookies) gets the friendly 403 page.
CSRF_FAILURE_VIEW = "backpop_site.errors.csrf_failure"

# Answers in progress live on the server; the session cookie holds only a random id, so an
# answer never travels in a request header. In Redis when REDIS_URL is set (Django's Redis
# cache backend, keeping one client per pool: backpop_site/cache.py; every instance shares
# it), in the database otherwise (the embedded default of `make run`). Starting again and
# seeing the result give the session a new key, and signing out deletes a staff session, so
# a copied cookie stops working.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "backpop_site.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "backpop",
            # A Redis that stops answering costs a page a few seconds, never a stuck worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE_SECONDS", 2 * 60 * 60, minimum=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# A questionnaire page body is a few hundred bytes; anything far larger is tampering.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# Anonymous submissions older than this are deleted by `manage.py purge_submissions`, run
# daily; the privacy page quotes the same number.
SUBMISSION_RETENTION_DAYS = env_int("SUBMISSION_RETENTION_DAYS", 90, minimum=1)

# Shown on error pages, which cannot rely on the database for the clinic's details.
EMERGENCY_NUMBER = env_str("BACKPOP_EMERGENCY_NUMBER")

# The clinic's public address, e.g. https://triage.example.org. The FHIR exports name the
# questionnaire, its code systems and extensions under it, and clinics file those names in
# patient records for years: set it once, to the address patients use, and keep it.
BACKPOP_BASE_URL = env_str("BACKPOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[\w.~-]+)*", BACKPOP_BASE_URL):
    raise ImproperlyConfigured(
        "BACKPOP_BASE_URL must be the service's public address, such as "
        f"https://triage.example.org, with no query or fragment, not {BACKPOP_BASE_URL!r}."
    )

# Where an urgent result sends a patient besides the clinic (whose details staff may not
# have set yet): NHS 111 online and the 111 line by default. Elsewhere, e.g. "NHS 24",
# "https://www.nhs24.scot/", "111". An empty URL or phone leaves that link out.
BACKPOP_URGENT_ADVICE_NAME = env_str("BACKPOP_URGENT_ADVICE_NAME", "NHS 111")
# Its name on the Welsh pages, e.g. "GIG 111 Cymru" for "NHS 111 Wales"; unset, the same name.
BACKPOP_URGENT_ADVICE_NAME_CY = env_str("BACKPOP_URGENT_ADVICE_NAME_CY")
BACKPOP_URGENT_ADVICE_URL = env_str("BACKPOP_URGENT_ADVICE_URL", "https://111.nhs.uk/")
BACKPOP_URGENT_ADVICE_PHONE = env_str("BACKPOP_URGENT_ADVICE_PHONE", "111")
if BACKPOP_URGENT_ADVICE_URL and not BACKPOP_URGENT_ADVICE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "BACKPOP_URGENT_ADVICE_URL must start with https:// (or be empty), "
        f"not {BACKPOP_URGENT_ADVICE_URL!r}."
    )
if not (BACKPOP_URGENT_ADVICE_URL or BACKPOP_URGENT_ADVICE_PHONE):
    raise ImproperlyConfigured(
        "BACKPOP_URGENT_ADVICE_URL and BACKPOP_URGENT_ADVICE_PHONE cannot both be empty: "
        "an urgent result must always offer a way to get advice today."
    )

# Content publishing: when true, the staff member who made the draft's latest change cannot
# publish it; a second clinical publisher reviews it.
BACKPOP_PUBLISHER_MUST_DIFFER = env_bool("BACKPOP_PUBLISHER_MUST_DIFFER", False)

# Security headers. The policy holds in debug too, so a page that breaks it breaks early.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the service never uses, denied to every page and frame.
PERMISSIONS_POLICY_DENIED = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "web-share",
    "xr-spatial-tracking",
)

if not DEBUG:
    # __Host- cookies are only accepted over HTTPS, for this exact host and every path.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)

_proxy_header = env_str("DJANGO_SECURE_PROXY_SSL_HEADER")
if _proxy_header:
    if not re.fullmatch(r"[A-Za-z0-9-]+", _proxy_header):
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, "
            f"not {_proxy_header!r}."
        )
    # The proxy sets this header to "https" on every request it received over TLS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")

# Staff sign-in throttling (django-axes). Only the admin has a login. Failures are counted
# per username and address together, so nobody can lock a colleague out from elsewhere
# (clinic staff often share one public address), plus a higher limit per address across all
# usernames, which stops one client trying many usernames. Attempts during a pause are not
# counted, so they never extend it. Axes keeps a failed attempt (username, address, no browser
# details: see backpop_site.staff_login) until the first sign-in after its cool-off.
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ONLY_ADMIN_SITE = True
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Lockouts end by themselves; whoever runs the service can lift one early with
# `manage.py axes_reset_username NAME`. Not in the admin, which would show staff addresses.
AXES_ENABLE_ADMIN = False
AXES_HANDLER = "backpop_site.staff_login.StaffLoginHandler"
AXES_LOCKOUT_CALLABLE = "backpop_site.staff_login.locked_out"
# Behind the proxy every request comes from the proxy: the client's address is the one the
# proxy puts in X-Real-IP, believed only from these addresses (gunicorn reads the same list).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
AXES_CLIENT_IP_CALLABLE = "backpop_site.staff_login.client_address"
# Axes's log lines name the username only, never the address.
AXES_CLIENT_STR_CALLABLE = "backpop_site.staff_login.client_description"

SILENCED_SYSTEM_CHECKS = []
if not DEBUG and not SECURE_SSL_REDIRECT:
    # Switched off on purpose: the TLS-terminating proxy in front redirects plain HTTP.
    SILENCED_SYSTEM_CHECKS.append("security.W008")

# Logs go to the console (the container's stdout/stderr); errors keep their tracebacks here
# and never on a page. A malformed request is the client's mistake: one warning line, no
# traceback (backpop_site.logs). No line names a client's address.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "quiet_requests": {"()": "backpop_site.logs.QuietClientErrors"},
        "no_addresses": {"()": "backpop_site.logs.NoAddresses"},
    },
    "formatters": {"plain": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["quiet_requests", "no_addresses"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Failed staff sign-ins and lockouts are warnings; its routine bookkeeping is not news.
        "axes": {"level": "WARNING"},
    },
}
