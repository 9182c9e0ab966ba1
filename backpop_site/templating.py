"""The Jinja2 environment of the patient pages and the error pages (templates/).

Django's template language still renders the admin. The patient's pages use Jinja2, which
Django supports as a template backend: it compiles each template to Python once, and cut
rendering over a patient's journey from 9.5 to 6.8 ms (docs/benchmarks.md). Translation
works as in Django's templates: `_()` and `{% trans %}` call Django's gettext, with the
variables escaped.
"""

from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import ChainableUndefined, Environment


def environment(**options) -> Environment:
    # A missing variable renders as nothing, as in Django's templates, and so does an
    # attribute of one: an error page rendered without its context must not fail again.
    options["undefined"] = ChainableUndefined
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(url=reverse, get_language=get_language)
    return env


def csrf_field(request) -> dict:
    """`{{ csrf_field }}`: the form's CSRF input, made once however many forms a page has.

    The backend's lazy `csrf_input` masks the token anew each time it is shown (32 calls to
    the system's random source), and a questionnaire page has two forms.
    """
    return {"csrf_field": SimpleLazyObject(lambda: csrf_input(request))}
