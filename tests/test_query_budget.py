"""Query budgets for the patient's pages, on the default content and on ten times as much.

The content is loaded once per content change (a fixed number of queries, whatever its
size); after that each page costs its session and one content-version check.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.patient import Patient
from triage.models import AnswerOption, Cause, QuestionnairePage, Recommendation, WarningSign

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
def content_size(request):
    if request.param == "ten times the content":
        grow_content_tenfold()
        assert QuestionnairePage.objects.count() == 90
    return request.param


@pytest.fixture
def patient(client, content_size):
    patient = Patient(client)
    patient.start()  # loads the content into this process
    return patient


def test_a_questionnaire_page_get_costs_at_most_4_queries(
    patient, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        assert client.get(patient.url).status_code == 200


def test_a_questionnaire_page_post_costs_at_most_6_queries(patient, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert patient.submit({"emergency_signs": ["none"]}).status_code == 302


def test_the_result_costs_at_most_8_queries(patient, client, django_assert_max_num_queries):
    patient.answer_all()
    client.get("/check/answers/")
    with django_assert_max_num_queries(8):
        assert client.get("/check/result/").status_code == 200


def test_loading_changed_content_costs_the_same_queries_whatever_its_size(content_size):
    from triage.content import load_content

    with CaptureQueriesContext(connection) as queries:
        load_content()
    assert len(queries) <= 12
