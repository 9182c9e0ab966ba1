"""What a new gunicorn worker would otherwise do on its first requests, done once in the
master process before it forks the workers (gunicorn.conf.py calls `warm_up`).

gunicorn replaces each worker after `max_requests`; a worker forked from a warm master starts
with the templates compiled and the content loaded, instead of making its first patients wait.
"""

import logging

from django.db import DatabaseError, connections
from django.template import engines

from triage.content import current_content

logger = logging.getLogger(__name__)


def warm_up() -> None:
    patient_pages = engines["jinja2"].env
    for name in patient_pages.list_templates(extensions=["html"]):
        patient_pages.get_template(name)
    try:
        current_content()
    except DatabaseError as error:  # the workers load it on their first request instead
        logger.warning("Content not preloaded, the database did not answer: %s", error)
    finally:
        connections.close_all()  # a connection must never be shared with forked workers
