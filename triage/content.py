"""The active content, loaded once per content change and shared by every request.

Each request costs one small query (the content version); the full load, a fixed number of
queries whatever the size of the content, runs only after staff change something.
"""

import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connection

from triage import engine, models
from triage.levels import Level


@dataclass(frozen=True)
class Outcome:
    heading: str
    summary: str
    call_to_action: str


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    booking_url: str
    emergency_number: str


@dataclass(frozen=True)
class SiteContent:
    engine: engine.Content
    outcomes: Mapping[str, Outcome]
    clinic: Clinic
    version: int
    token: str


_lock = threading.Lock()
_cached: SiteContent | None = None


def _version() -> tuple[int, str]:
    # Asked on every request, so plain SQL: the ORM spent longer building this query than
    # the database took to answer it.
    table = connection.ops.quote_name(models.ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, token FROM {table} ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    return (row[0], str(row[1])) if row else (0, "")


def current_content() -> SiteContent:
    """Return the active content, reloading it if staff have changed it since."""
    global _cached
    number, token = _version()
    cached = _cached
    if cached is not None and token and cached.token == token:
        return cached
    with _lock:
        _cached = load_content(number, token)
        return _cached


def _links(through, left: str, right: str) -> dict[int, list[int]]:
    linked: dict[int, list[int]] = defaultdict(list)
    for a, b in through.objects.values_list(left, right).order_by(left, right):
        linked[a].append(b)
    return linked


def load_content(number: int = 0, token: str = "") -> SiteContent:
    active = models.AnswerOption.objects.filter(
        is_active=True, question__is_active=True, question__page__is_active=True
    )
    signs = {
        row.pk: engine.WarningSign(
            row.slug, row.title, Level(row.level), row.explanation, row.source
        )
        for row in models.WarningSign.objects.active()
    }
    causes = {
        row.pk: engine.Cause(row.slug, row.title, row.description)
        for row in models.Cause.objects.active()
    }
    advice = {
        row.pk: engine.Recommendation(
            row.slug, row.kind, row.title, row.description, row.shown_on_normal
        )
        for row in models.Recommendation.objects.active()
    }
    option_through = models.AnswerOption
    sign_links = _links(option_through.warning_signs.through, "answeroption_id", "warningsign_id")
    cause_links = _links(option_through.causes.through, "answeroption_id", "cause_id")
    advice_links = _links(
        option_through.recommendations.through, "answeroption_id", "recommendation_id"
    )
    shown_if_links = _links(models.Question.shown_if.through, "question_id", "answeroption_id")

    options_by_question: dict[int, list[engine.Option]] = defaultdict(list)
    option_keys: dict[int, tuple[str, str]] = {}
    for row in active.values("pk", "question_id", "question__slug", "slug", "label", "exclusive"):
        option_keys[row["pk"]] = (row["question__slug"], row["slug"])
        options_by_question[row["question_id"]].append(
            engine.Option(
                slug=row["slug"],
                label=row["label"],
                exclusive=row["exclusive"],
                warning_signs=tuple(signs[i].slug for i in sign_links[row["pk"]] if i in signs),
                causes=tuple(causes[i].slug for i in cause_links[row["pk"]] if i in causes),
                recommendations=tuple(
                    advice[i].slug for i in advice_links[row["pk"]] if i in advice
                ),
            )
        )

    questions_by_page: dict[int, list[engine.Question]] = defaultdict(list)
    for row in models.Question.objects.active().filter(page__is_active=True):
        questions_by_page[row.page_id].append(
            engine.Question(
                slug=row.slug,
                text=row.text,
                kind=row.kind,
                options=tuple(options_by_question[row.pk]),
                required=row.required,
                help_text=row.help_text,
                # A condition on a retired answer can never match; keep it so the question
                # stays hidden rather than suddenly being asked of everyone.
                shown_if=frozenset(option_keys.get(i, ("", "")) for i in shown_if_links[row.pk]),
            )
        )
    pages = tuple(
        engine.Page(row.slug, row.title, tuple(questions_by_page[row.pk]), row.intro)
        for row in models.QuestionnairePage.objects.active()
    )
    clinic = models.ClinicDetails.objects.first() or models.ClinicDetails(name="", phone="")
    return SiteContent(
        engine=engine.Content(
            pages=pages,
            warning_signs={sign.slug: sign for sign in signs.values()},
            causes=tuple(causes.values()),
            recommendations=tuple(advice.values()),
        ),
        outcomes={
            row.level: Outcome(row.heading, row.summary, row.call_to_action)
            for row in models.OutcomeText.objects.all()
        },
        clinic=Clinic(clinic.name, clinic.phone, clinic.booking_url, clinic.emergency_number),
        version=number,
        token=token,
    )
