"""Links every page shows, worked out once per process rather than per page."""

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
    }


def site_links(request) -> dict[str, dict[str, str]]:
    return {"links": _links()}
