"""Query budgets for the patient's pages, on the default content and on ten times as much.

The content is loaded once per content change (a fixed number of queries, whatever its
size); after that each page costs its session and one content-version check.
"""

import pytest

from triage.insights import count_step
from triage.models import AnswerOption, Cause, QuestionnairePage, Recommendation, WarningSign
from triage.publishing import publish

pytestmark = pytest.mark.django_db


def grow_content_tenfold():
    """Add nine times the default content: optional pages, questions, options and links."""
    signs = list(WarningSign.objects.all())
    causes = list(Cause.objects.all())
    advice = list(Recommendation.objects.all())
    pages = list(QuestionnairePage.objects.prefetch_related("questions__options"))
    for copy in range(1, 10):
        for sign in signs:
            WarningSign.objects.create(
                slug=f"{sign.slug}_{copy}",
                title=sign.title,
                level=sign.level,
                explanation=sign.explanation,
                order=sign.order + 100 * copy,
            )
        for cause in causes:
            Cause.objects.create(slug=f"{cause.slug}_{copy}", title=cause.title)
        for item in advice:
            Recommendation.objects.create(
                slug=f"{item.slug}_{copy}", kind=item.kind, title=item.title
            )
        for page in pages:
            new_page = QuestionnairePage.objects.create(
                slug=f"{page.slug}-{copy}", title=page.title, order=page.order + 100 * copy
            )
            for question in page.questions.all():
                new_question = new_page.questions.create(
                    slug=f"{question.slug}_{copy}",
                    text=question.text,
                    kind=question.kind,
                    required=False,
                    order=question.order,
                )
                for option in question.options.all():
                    new_option = AnswerOption.objects.create(
                        question=new_question,
                        slug=option.slug,
                        label=option.label,
                        order=option.order,
                        exclusive=option.exclusive,
                    )
                    new_option.warning_signs.set(
                        WarningSign.objects.filter(
                            slug__in=[f"{s.slug}_{copy}" for s in option.warning_signs.all()]
                        )
                    )


@pytest.fixture(params=["default content", "ten times the content"])
def content_size(request, admin_user):
    if request.param == "ten times the content":
        grow_content_tenfold()
        assert QuestionnairePage.objects.count() == 90
        version = publish(admin_user, "Ten times the content.", acknowledged=True)
        assert len(version.snapshot["pages"]) == 90
    return request.param


@pytest.fixture
def started(patient, content_size):
    patient.start()  # loads the content into this process
    return patient


# Under the test's transaction each session write is wrapped in a savepoint and its release.
SESSION_WRITE = 3
# The draft content: one query per kind of row or link, whatever their number.
LOAD_QUERIES = 15
# The funnel's count of a page: one UPDATE of today's counter, whose row the day's first
# patient on that page made.
FUNNEL_COUNT = 1


def test_a_questionnaire_page_get_reads_the_content_version_and_the_session(
    started, client, django_assert_num_queries
):
    with django_assert_num_queries(2):
        assert client.get(started.url).status_code == 200


def test_a_questionnaire_page_post_also_writes_the_session_and_the_funnel(
    started, django_assert_num_queries
):
    count_step("page", "emergency-check")  # an earlier patient today
    with django_assert_num_queries(2 + SESSION_WRITE + FUNNEL_COUNT):
        assert started.submit({"emergency_signs": ["none"]}).status_code == 302


def test_the_result_page_reads_the_stored_result_and_writes_nothing(
    started, client, django_assert_num_queries
):
    started.result()
    with django_assert_num_queries(3):
        assert client.get("/check/result/").status_code == 200


def test_loading_changed_content_costs_the_same_queries_whatever_its_size(
    content_size, django_assert_num_queries
):
    from triage.content import load_content

    with django_assert_num_queries(LOAD_QUERIES):
        load_content()
