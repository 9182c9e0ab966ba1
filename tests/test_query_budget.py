"""Query budgets for the patient's pages, on the default content and on ten times as much.

The content is loaded once per content change (a fixed number of queries, whatever its
size); after that a patient's journey, which carries its content version's token, costs
its session and no content query at all: even a newly published version does not change the
content of a journey already begun.
"""

import pytest

from bench.grow import grow_content_tenfold
from triage.funnel import count_step
from triage.models import QuestionnairePage
from triage.publishing import publish

pytestmark = pytest.mark.django_db


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


def test_a_questionnaire_page_get_reads_only_the_session(
    started, client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert client.get(started.url).status_code == 200


def test_a_page_of_a_journey_begun_on_another_process_loads_its_version_once(
    started, client, django_assert_num_queries
):
    from triage import content

    content._cached = None  # as in a worker that has not shown this version yet
    content._versions.clear()
    with django_assert_num_queries(1 + 2):  # the session, the latest number, its snapshot
        assert client.get(started.url).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(started.url).status_code == 200


def test_a_questionnaire_page_post_also_writes_the_session_and_the_funnel(
    started, django_assert_num_queries
):
    count_step("page", "emergency-check")  # an earlier patient today
    with django_assert_num_queries(1 + SESSION_WRITE + FUNNEL_COUNT):
        assert started.submit({"emergency_signs": ["none"]}).status_code == 302


def test_the_result_page_reads_the_stored_result_and_writes_nothing(
    started, client, django_assert_num_queries
):
    started.result()
    with django_assert_num_queries(2):  # the session and the stored result
        assert client.get("/check/result/").status_code == 200


def test_loading_changed_content_costs_the_same_queries_whatever_its_size(
    content_size, django_assert_num_queries
):
    from triage.content import load_content

    with django_assert_num_queries(LOAD_QUERIES):
        load_content()
