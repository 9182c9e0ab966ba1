"""The site chrome's links (stylesheets, start, privacy), worked out once per process.

Every page shows them, patient pages and error pages alike; the error pages, which render
without a request, call `site_links(None)` themselves.
"""

from functools import cache

from django.templatetags.static import static
from django.urls import reverse


@cache
def _links() -> dict[str, str]:
    return {
        "start_url": reverse("triage:start"),
        "privacy_url": reverse("triage:privacy"),
        "begin_url": reverse("triage:begin"),
        "bootstrap_css": static("vendor/bootstrap/bootstrap.min.css"),
        "site_css": static("css/backpop.css"),
        "favicon": static("img/favicon.svg"),
        "print_js": static("js/print.js"),
        "questions_js": static("js/questions.js"),
    }


def site_links(request) -> dict[str, dict[str, str]]:
    return {"links": _links()}
