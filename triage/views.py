"""The patient's pages: thin views over the journey state and the triage engine."""

from functools import lru_cache, wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from triage import engine
from triage.content import SiteContent, current_content
from triage.forms import as_answers, page_form_class, question_rows
from triage.journey import Journey, Progress, progress
from triage.question_html import questions_html
from triage.submissions import record_submission


def _expired():
    return redirect("triage:expired")


def _go_to(page: engine.Page | None):
    if page is None:
        return redirect("triage:check_answers")
    return redirect(page_url(page.slug))


@lru_cache(maxsize=1024)
def page_url(slug: str) -> str:
    return reverse("triage:page", args=[slug])


def _context(site: SiteContent, **extra):
    return {"clinic": site.clinic, **extra}


@never_cache
@require_GET
def start(request):
    return render(request, "triage/start.html", _context(current_content()))


@never_cache
@require_GET
def privacy(request):
    context = _context(
        current_content(),
        retention_days=getattr(settings, "SUBMISSION_RETENTION_DAYS", None),
        session_hours=settings.SESSION_COOKIE_AGE // 3600,
    )
    return render(request, "triage/privacy.html", context)


@never_cache
@require_GET
def expired(request):
    return render(request, "triage/expired.html", _context(current_content()))


@never_cache
@require_POST
def begin(request):
    """Start (or start again): forget every earlier answer."""
    journey = Journey.begin(request.session)
    site = current_content()
    return _go_to(progress(site.engine, journey).next_to_answer)


@never_cache
@require_http_methods(["GET", "POST"])
def page(request, slug):
    site = current_content()
    current = site.engine.page(slug)
    if current is None:
        raise Http404("No such questionnaire page.")
    journey = Journey.load(request.session)
    if journey is None or (request.method == "POST" and request.POST.get("journey") != journey.id):
        return _expired()
    where = progress(site.engine, journey)
    if current not in where.route.pages:
        return _go_to(where.next_to_answer)  # skipped by earlier answers
    if where.next_to_answer is not None and where.route.pages.index(
        current
    ) > where.route.pages.index(where.next_to_answer):
        return _go_to(where.next_to_answer)  # not reached yet

    questions = current.visible_questions(where.route.answers)
    form_class = page_form_class(site.token, current, questions)
    form = form_class(request.POST) if request.method == "POST" else form_class()
    if request.method == "POST":
        going_back = request.POST.get("action") == "back"
        valid = form.is_valid()
        if going_back or valid:
            kept = {
                q.slug: as_answers(q, form.cleaned_data[q.slug])
                for q in questions
                if q.slug in form.cleaned_data
            }
            journey.record(current, kept, submitted=valid and not going_back)
            journey.save(request.session)
            if going_back:
                before = where.page_before(current)
                return _go_to(before) if before else redirect("triage:start")
            return _after(site, journey, current)

    rows = question_rows(form, questions, journey.chosen())
    single_question = len(questions) == 1  # the question itself is the page's heading
    context = _context(
        site,
        page=current,
        page_url=page_url(current.slug),
        journey=journey,
        form=form,
        rows=rows,
        single_question=single_question,
        questions_html=questions_html(rows, current, single_question),
        number=where.position(current),
        total=len(where.route.pages),
    )
    return render(request, "triage/page.html", context)


def _after(site: SiteContent, journey: Journey, current: engine.Page):
    where = progress(site.engine, journey)
    if where.route.ended_early and where.finished:
        return redirect("triage:result")
    if journey.reviewing:
        return _go_to(where.next_to_answer)
    return _go_to(where.page_after(current))


def finished_journey(view):
    """For the pages after the questions: every page this patient is asked must be answered."""

    @wraps(view)
    def checked(request):
        site = current_content()
        journey = Journey.load(request.session)
        if journey is None:
            return _expired()
        where = progress(site.engine, journey)
        if not where.finished:
            return _go_to(where.next_to_answer)
        return view(request, site, journey, where)

    return checked


@never_cache
@require_GET
@finished_journey
def check_answers(request, site: SiteContent, journey: Journey, where: Progress):
    if where.route.ended_early:
        return redirect("triage:result")
    if not journey.reviewing:
        journey.reviewing = True
        journey.save(request.session)
    answered = where.route.answers
    summary = [
        {
            "page": p,
            "change_url": page_url(p.slug),
            "answers": [
                {
                    "question": q,
                    "labels": [q.option(slug).label for slug in answered.get(q.slug, ())],
                }
                for q in p.visible_questions(answered)
            ],
        }
        for p in where.route.pages
    ]
    return render(request, "triage/check_answers.html", _context(site, summary=summary))


@never_cache
@require_GET
@finished_journey
def result(request, site: SiteContent, journey: Journey, where: Progress):
    assessment = engine.assess(site.engine, journey.chosen())
    if not journey.reference:
        journey.reference = record_submission(assessment, site.version)
        journey.save(request.session)
    context = _context(
        site,
        assessment=assessment,
        outcome=site.outcomes.get(assessment.level),
        reference=journey.reference,
    )
    return render(request, "triage/result.html", context)
