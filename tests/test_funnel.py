"""The anonymous funnel's counters: in the database by default, in Redis when sessions are
there, settled into the database before the dashboard reads them."""

import datetime

import pytest
import redis
from django.utils import timezone

from triage import funnel, insights, models

pytestmark = pytest.mark.django_db

TEST_REDIS = "redis://127.0.0.1:6379/12"


def _counts():
    rows = models.JourneyCount.objects.order_by("pk")
    return list(rows.values_list("day", "stage", "page", "count"))


@pytest.fixture
def in_redis(settings):
    """Counting as production does, with REDIS_URL set, on a Redis database of its own."""
    settings.REDIS_URL = TEST_REDIS
    client = redis.Redis.from_url(TEST_REDIS)
    client.flushdb()
    yield client
    client.flushdb()


# Without Redis


def test_each_counted_step_adds_one_to_todays_row_for_that_stage():
    funnel.count_step("started")
    funnel.count_step("started")
    funnel.count_step("page", "emergency_signs")
    funnel.count_step("finished")

    today = timezone.localdate()
    assert _counts() == [
        (today, "started", "", 2),
        (today, "page", "emergency_signs", 1),
        (today, "finished", "", 1),
    ]


def test_counting_a_step_is_one_update_once_the_days_row_exists(django_assert_num_queries):
    funnel.count_step("started")

    with django_assert_num_queries(1):
        funnel.count_step("started")


@pytest.mark.parametrize(
    ("stage", "page"), [("dropped_out", ""), ("page", ""), ("finished", "emergency_signs")]
)
def test_an_unknown_stage_or_a_page_with_the_wrong_stage_is_refused(stage, page):
    with pytest.raises(ValueError):
        funnel.count_step(stage, page)


# With Redis


def test_with_redis_counting_a_step_costs_no_database_query(in_redis, django_assert_num_queries):
    with django_assert_num_queries(0):
        funnel.count_step("started")
        funnel.count_step("page", "emergency-check")

    assert _counts() == []


def test_settling_moves_the_redis_counts_into_the_days_rows(in_redis):
    for _ in range(3):
        funnel.count_step("started")
    funnel.count_step("page", "emergency-check")

    funnel.settle()

    today = timezone.localdate()
    assert sorted(_counts()) == [(today, "page", "emergency-check", 1), (today, "started", "", 3)]


def test_settling_twice_counts_each_journey_once(in_redis):
    funnel.count_step("started")
    funnel.settle()
    funnel.settle()
    funnel.count_step("started")
    funnel.settle()

    assert _counts() == [(timezone.localdate(), "started", "", 2)]


def test_settling_adds_to_a_row_counted_before_redis_was_used(in_redis):
    models.JourneyCount.objects.create(day=timezone.localdate(), stage="finished", count=4)
    funnel.count_step("finished")

    funnel.settle()

    assert _counts() == [(timezone.localdate(), "finished", "", 5)]


def test_a_past_days_counts_are_settled_on_their_own_day_and_leave_redis(in_redis):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    in_redis.hincrby(f"backpop:funnel:{yesterday.isoformat()}", "started:", 7)

    funnel.settle()

    assert _counts() == [(yesterday, "started", "", 7)]
    assert in_redis.keys("backpop:funnel:*") == []


def test_the_dashboard_funnel_includes_the_counts_still_in_redis(in_redis):
    funnel.count_step("started")
    funnel.count_step("finished")

    today = timezone.localdate()
    steps = insights.funnel(insights.Filters(today, today), pages=[])

    assert {step.stage: step.journeys for step in steps} == {
        "started": 1,
        "emergency_exit": 0,
        "finished": 1,
    }


def test_a_redis_that_does_not_answer_drops_the_count_and_keeps_the_page_working(settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there

    funnel.count_step("started")
    funnel.settle()

    assert _counts() == []
    assert "A funnel count was dropped" in caplog.text
    assert "Funnel counts were not settled" in caplog.text
