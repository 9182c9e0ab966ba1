"""The site chrome's links (stylesheets, start, privacy) and the page in each language.

Every page shows the links, patient pages and error pages alike; the error pages, which
render without a request, call `site_links(None)` themselves. The links depend only on the
language, and a patient page's address in each language only on its path: both are worked
out once per process.
"""

from functools import cache, lru_cache

from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from triage import languages


@cache
def _links(language: str) -> dict[str, str]:
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


@lru_cache(maxsize=1024)
def _addresses(path: str, language: str, offered: tuple[str, ...]) -> tuple[dict, ...]:
    """The patient page at `path` in each offered language, or () for any other page."""
    try:
        match = resolve(path)
    except Resolver404:
        return ()
    if match.namespace != "triage" or len(offered) < 2:
        return ()
    current = languages.of(language)
    found = []
    for short in offered:
        code = languages.django_code(short)
        with translation.override(code):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        found.append(
            {
                "code": code,
                "name": languages.local_name(short),
                "url": url,
                "current": short == current,
            }
        )
    return tuple(found)


def site_links(request) -> dict:
    language = translation.get_language()
    context: dict = {"links": _links(language)}
    if request is not None:
        # The header's switcher links to the others; <link rel="alternate" hreflang> names
        # them all, with absolute addresses as search engines expect.
        found = _addresses(request.path, language, languages.offered())
        origin = request.build_absolute_uri("/")[:-1] if found else ""  # one host check
        context["languages"] = [{**a, "absolute_url": origin + a["url"]} for a in found]
    return context
