"""The patient's pages: each view parses the request, asks the wizard, renders or redirects."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from triage import engine, languages, wizard
from triage.forms import page_form_class, render_questions, render_unbound
from triage.wizard import Flow, Journey, page_url


@never_cache
@require_GET
def start(request):
    preferred = _preferred_language(request)
    if preferred != languages.current():
        with translation.override(languages.django_code(preferred)):
            response = redirect("triage:start")
    else:
        response = render(request, "triage/start.html", {"clinic": wizard.site_content().clinic})
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _preferred_language(request) -> str:
    """The start page's language for a patient who has not chosen one: the browser's first
    offered preference (Accept-Language). Choosing is following a link on our own pages (the
    switcher, the header's link home), which arrive with our own address as the Referer
    (Referrer-Policy: same-origin sends it only to us); there, and on /cy/, the URL decides."""
    if languages.current() != languages.DEFAULT or len(languages.offered()) < 2:
        return languages.current()
    referrer = urlsplit(request.headers.get("Referer", ""))
    if referrer.netloc and referrer.netloc == request.get_host():
        return languages.current()
    preferred = languages.of(translation.get_language_from_request(request))
    return preferred if preferred in languages.offered() else languages.current()


@never_cache
@require_GET
def privacy(request):
    context = {
        "clinic": wizard.site_content().clinic,
        "retention_days": settings.SUBMISSION_RETENTION_DAYS,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
    }
    return render(request, "triage/privacy.html", context)


@never_cache
@require_GET
def expired(request):
    return render(request, "triage/expired.html", {"clinic": wizard.site_content().clinic})


@never_cache
@require_POST
def begin(request):
    """Start (or start again): forget every earlier answer, under a new session key."""
    site = wizard.site_content()
    Journey.begin(request.session, site)
    return redirect(Flow(request, site=site).where_next())


@never_cache
@require_http_methods(["GET", "POST"])
def page(request, slug):
    posting = request.method == "POST"
    flow = Flow(request, slug)
    current = flow.page
    if current is None:
        raise Http404("No such questionnaire page.")
    if posting and not flow.accepts(request.POST.get("journey")):
        return redirect("triage:expired")
    if not flow.may_open(current):
        return redirect(flow.where_next())
    questions = flow.visible_questions(current)
    form = None
    if posting:
        form = page_form_class(flow.site.cache_key, current, questions)(request.POST)
        if request.POST.get("action") == "back":
            return redirect(flow.back_from(current, form.valid_answers()))
        if form.is_valid():
            return redirect(flow.continue_from(current, form.cleaned_data))
    return render(request, "triage/page.html", _page_context(flow, current, questions, form))


def _page_context(flow: Flow, current: engine.Page, questions, form) -> dict:
    if form is None:
        html = render_unbound(flow.site.cache_key, current, questions, flow.journey.chosen())
    else:
        html = render_questions(form)  # with the errors and what was posted
    return {
        "clinic": flow.site.clinic,
        "preview": flow.preview,
        "page": current,
        "page_url": page_url(current.slug),
        "journey_id": flow.journey.id,
        "form": form,
        "questions": html,
        "single_question": len(questions) == 1,
        "progress": flow.progress(current),
        "back_url": flow.back_url(current),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def check_answers(request):
    flow = Flow(request)
    if request.method == "POST" and not flow.accepts(request.POST.get("journey")):
        return redirect("triage:expired")
    if flow.journey is None or flow.journey.finished or flow.next_to_answer() is not None:
        return redirect(flow.where_next())
    if request.method == "POST":
        return redirect(flow.finish())  # the one result of this journey
    flow.review()
    context = {
        "clinic": flow.site.clinic,
        "preview": flow.preview,
        "summary": flow.summary(),
        "journey_id": flow.journey.id,
        "check_answers_url": reverse("triage:check_answers"),
        "back_url": flow.back_url(),
    }
    return render(request, "triage/check_answers.html", context)


@never_cache
@require_GET
def result(request):
    """Shows the result stored for this journey (a preview's, unstored); never stores one."""
    flow = Flow(request)
    final = flow.final_answers()
    if final is None:
        return redirect(flow.where_next())
    answers, reference = final
    assessment = engine.assess(flow.site.engine, answers)
    context = {
        "clinic": flow.site.clinic,
        "preview": flow.preview,
        "assessment": assessment,
        "outcome": flow.site.outcomes.get(assessment.level),
        "reference": reference,
        "urgent_advice": urgent_advice(),
        # When this copy was made, for the printed page: the result's own time is not stored.
        "produced": timezone.localtime(),
    }
    return render(request, "triage/result.html", context)


def urgent_advice() -> dict[str, str]:
    """The service an urgent result points to by default (NHS 111 unless configured), so
    it always offers an action, even before staff fill in the clinic's details."""
    # Its own name in the page's language, where one is set (NHS 111 Wales is GIG 111 Cymru).
    name = getattr(settings, f"BACKPOP_URGENT_ADVICE_NAME_{languages.current().upper()}", "")
    return {
        "name": name or settings.BACKPOP_URGENT_ADVICE_NAME,
        "url": settings.BACKPOP_URGENT_ADVICE_URL,
        "phone": settings.BACKPOP_URGENT_ADVICE_PHONE,
    }
