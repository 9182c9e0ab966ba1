"""What a new gunicorn worker would otherwise do on its first requests, done once in the
master process before it forks the workers (gunicorn.conf.py calls `warm_up`).

gunicorn replaces each worker after `max_requests`; a worker forked from a warm master starts
with the templates compiled (Django's cached loader keeps them), the content loaded in every
offered language and their interface catalogues read, instead of making its first patients
wait.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, connections
from django.template.loader import get_template
from django.utils import translation

from triage import languages
from triage.content import current_content

logger = logging.getLogger(__name__)

# The page templates and the crispy-bootstrap5 templates every question page renders.
CRISPY_TEMPLATES = (
    "bootstrap5/whole_uni_form.html",
    "bootstrap5/display_form.html",
    "bootstrap5/errors.html",
    "bootstrap5/inputs.html",
)


def warm_up() -> None:
    templates = settings.BASE_DIR / "templates"
    for path in sorted(templates.glob("**/*.html")):
        if path.relative_to(templates).parts[0] != "admin":  # compiled when staff first sign in
            get_template(str(path.relative_to(templates)))
    for name in CRISPY_TEMPLATES:
        get_template(name)
    for language in languages.offered():
        with translation.override(languages.django_code(language)):
            translation.gettext("Continue")  # reads the language's catalogue once
    try:
        site = current_content()
        for language in languages.offered():
            site.in_language(language)
    except DatabaseError as error:  # the workers load it on their first request instead
        logger.warning("Content not preloaded, the database did not answer: %s", error)
    finally:
        connections.close_all()  # a connection must never be shared with forked workers
