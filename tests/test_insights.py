"""The staff dashboard (issue 14): each chart's numbers on known data, the funnel, permissions."""

import datetime
import itertools
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

from tests.patient import PAGES_IN_ORDER
from triage import charts, funnel, insights, models
from triage.insights import Filters

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:triage_insights_changelist")
EXPORT = reverse("admin:triage_insights_export")
MONDAY = datetime.date(2026, 11, 2)  # ISO week 2026-W45
PERIOD = {"since": "2026-11-02", "until": "2026-11-22"}  # W45 to W47
_references = (f"BP-{n:06d}" for n in itertools.count())


def _submission(day=MONDAY, level="normal", signs=(), seconds=None, version=1, answers=None):
    return models.Submission.objects.create(
        reference=next(_references),
        submitted_on=day,
        level=level,
        answers=answers or {},
        warning_signs=list(signs),
        content_version=version,
        seconds_to_complete=seconds,
    )


def _days(n: int) -> datetime.date:
    return MONDAY + datetime.timedelta(days=n)


@pytest.fixture
def known_results():
    """Week 45: 2 emergency, 1 urgent, 1 normal; week 46: nothing; week 47: 1 see a doctor."""
    _submission(_days(0), "emergency", ["cauda_equina"], seconds=100)
    _submission(_days(6), "emergency", ["cauda_equina", "nerve_symptoms"], seconds=300)
    _submission(_days(2), "urgent", ["nerve_symptoms"], seconds=200)
    _submission(_days(3), "normal", seconds=400)
    _submission(_days(15), "see_doctor", ["major_trauma"], seconds=None)
    _submission(_days(21), "normal")  # the day after the period


def _staff(username: str, *permissions: str, role: str | None = None) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def viewer():
    return _staff("viewer", role="Viewer")


class _Tables(HTMLParser):
    """Each table's rows as lists of cell texts, by the table's id."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _dashboard(client, user, **query) -> tuple[str, dict[str, list[list[str]]]]:
    client.force_login(user)
    response = client.get(DASHBOARD, query or PERIOD)
    page = response.content.decode()
    return page, _Tables(page).tables


# The numbers


def test_results_are_counted_per_level_per_iso_week_with_empty_weeks_listed(known_results):
    weeks = insights.weekly_levels(Filters(MONDAY, _days(20)))

    assert [week.label for week in weeks] == ["2026-W45", "2026-W46", "2026-W47"]
    assert [week.per_level for week in weeks] == [[2, 1, 0, 1], [0, 0, 0, 0], [0, 0, 1, 0]]
    assert [week.emergency_or_urgent_percent for week in weeks] == [75.0, None, 0.0]


def test_a_period_starting_midweek_still_counts_in_whole_iso_weeks(known_results):
    weeks = insights.weekly_levels(Filters(_days(3), _days(6)))

    assert [(week.start, week.total) for week in weeks] == [(MONDAY, 2)]


def test_the_share_sent_to_emergency_and_urgent_care(known_results):
    totals = insights.totals(insights.weekly_levels(Filters(MONDAY, _days(20))))

    assert totals.total == 5
    assert (totals.emergency_percent, totals.urgent_percent) == (40.0, 20.0)


def test_the_most_frequent_warning_signs_come_first_and_at_most_ten(known_results):
    for n in range(12):
        _submission(_days(1), "see_doctor", [f"sign_{n:02d}"] * 1)
    _submission(_days(1), "see_doctor", ["sign_11"])

    found = insights.top_signs(Filters(MONDAY, _days(20)))

    assert found[:4] == [
        ("cauda_equina", 2),
        ("nerve_symptoms", 2),
        ("sign_11", 2),
        ("major_trauma", 1),
    ]
    assert len(found) == 10


def test_median_time_to_complete_skips_results_without_one(known_results):
    assert insights.median_seconds(Filters(MONDAY, _days(20))) == 250  # of 100, 200, 300, 400
    assert insights.median_seconds(Filters(MONDAY, _days(2))) == 150  # of 100, 200
    assert insights.median_seconds(Filters(_days(3), _days(3))) == 400
    assert insights.median_seconds(Filters(_days(15), _days(15))) is None


def test_the_median_is_counted_in_five_second_steps():
    _submission(_days(1), seconds=123)
    _submission(_days(1), seconds=129)

    assert insights.median_seconds(Filters(_days(1), _days(1))) == 122.5  # steps 120 and 125


def test_the_version_filter_counts_only_results_assessed_with_that_version(known_results):
    _submission(_days(1), "urgent", ["nerve_symptoms"], seconds=50, version=2)
    version_2 = Filters(MONDAY, _days(20), version=2)

    assert [week.total for week in insights.weekly_levels(version_2)] == [1, 0, 0]
    assert insights.top_signs(version_2) == [("nerve_symptoms", 1)]
    assert insights.median_seconds(version_2) == 50


def test_the_default_period_is_the_last_twelve_iso_weeks_including_this_one():
    filters = Filters.default(today=datetime.date(2026, 12, 2))  # a Wednesday

    assert (filters.since, filters.until) == (
        datetime.date(2026, 9, 14),
        datetime.date(2026, 12, 2),
    )
    assert len(insights.weekly_levels(filters)) == 12


# The funnel


def test_the_funnel_lists_the_pages_in_questionnaire_order_between_start_and_result(client, viewer):
    # As the wizard counts one journey that answered two pages and stopped, and one emergency.
    for stage, page in [("started", ""), ("page", "emergency-check"), ("page", "retired-page")] * 2:
        funnel.count_step(stage, page)
    funnel.count_step("page", "emergency-check")
    funnel.count_step("emergency_exit")
    models.JourneyCount.objects.create(day=_days(0), stage="started", count=5)  # before

    today = str(timezone.localdate())
    _, tables = _dashboard(client, viewer, since=today, until=today)
    rows = tables["funnel-table"]

    assert rows[0] == ["Stage", "Journeys"]
    assert rows[1] == ["Started", "2"]
    assert rows[2] == ["Answered: Do you have any of these right now?", "3"]
    assert rows[3][1] == "0"  # the second page
    assert rows[-3:] == [
        ["Answered: retired-page", "2"],  # no longer in the content: last, by its slug
        ["Ended early by an emergency answer", "1"],
        ["Finished", "0"],
    ]


# The geometry


def test_bars_are_as_tall_as_their_values_on_a_rounded_scale():
    chart = charts.stacked_bars(["W1", "W2"], ["a", "b"], [[30, 10], [0, 5]])
    plot = chart.baseline - chart.ticks[-1].y

    assert [tick.value for tick in chart.ticks] == [0, 12, 25, 37, 50]
    first, second = chart.bars
    assert [segment.height for segment in first.segments] == [plot * 30 / 50, plot * 10 / 50]
    assert first.segments[0].y + first.segments[0].height == chart.baseline
    assert [segment.key for segment in second.segments] == ["b"]  # nothing drawn for a zero


def test_horizontal_bars_are_as_long_as_their_values():
    chart = charts.horizontal_bars([("a", 4), ("b", 2), ("c", 0)])

    assert [row.bar_width for row in chart.rows] == [charts.HBAR_MAX, charts.HBAR_MAX / 2, 0]


# The page


def test_each_charts_numbers_are_in_the_table_beside_it(client, viewer, known_results):
    page, tables = _dashboard(client, viewer)

    assert tables["weeks-table"] == [
        [
            "Week",
            "Emergency",
            "Urgent today",
            "See a doctor",
            "Normal",
            "Total",
            "Emergency or urgent",
        ],
        ["2026-W45 (2 Nov)", "2", "1", "0", "1", "4", "75.0%"],
        ["2026-W46 (9 Nov)", "0", "0", "0", "0", "0", "—"],
        ["2026-W47 (16 Nov)", "0", "0", "1", "0", "1", "0.0%"],
    ]
    assert tables["signs-table"][1:] == [
        ["Signs of pressure on the nerves at the base of the spine", "2"],
        ["Numbness, tingling or weakness in a leg", "2"],
        ["Severe pain after a serious accident", "1"],
    ]
    assert page.count('class="bp-fill bp-fill--emergency"') == 1  # one bar has emergencies
    assert "<dd>5</dd>" in page and "<dd>40.0%</dd>" in page and "<dd>20.0%</dd>" in page
    assert "<dd>4 min 10 s</dd>" in page


def test_the_date_pickers_show_the_period_chosen(client, viewer):
    page, _ = _dashboard(client, viewer)

    assert 'type="date" name="since" value="2026-11-02"' in page
    assert 'type="date" name="until" value="2026-11-22"' in page


def test_the_dashboard_has_no_inline_style_or_script(client, viewer, known_results):
    page, _ = _dashboard(client, viewer)

    assert "style=" not in page and "<style" not in page
    assert "<script>" not in page and "<svg" in page


def test_the_dashboard_makes_a_fixed_number_of_queries(
    client, viewer, known_results, django_assert_num_queries
):
    client.force_login(viewer)
    # The first view counts the period's days into the daily tallies, in one go.
    with django_assert_num_queries(21):
        client.get(DASHBOARD, PERIOD)
    with django_assert_num_queries(15):
        client.get(DASHBOARD, PERIOD)


def test_finished_days_are_counted_once_and_today_live(known_results):
    today = timezone.localdate()
    filters = Filters(MONDAY, today)
    assert insights.totals(insights.weekly_levels(filters)).total == 6

    _submission(_days(1), "urgent")  # too late for a finished day: it stays as counted
    _submission(today, "emergency", ["cauda_equina"], seconds=1000)

    assert insights.totals(insights.weekly_levels(filters)).total == 7
    assert insights.top_signs(filters)[0] == ("cauda_equina", 3)
    assert insights.median_seconds(filters) == 300
    assert models.DailyTally.objects.filter(kind="day").count() == (today - MONDAY).days


def test_filters_that_make_no_sense_are_named_and_the_default_period_shown(client, viewer):
    client.force_login(viewer)
    response = client.get(DASHBOARD, {"since": "2026-11-22", "until": "2026-11-02"})

    assert response.status_code == 400
    assert "“From” must be on or before “To”." in response.content.decode()
    assert "Correct the filters above" in response.content.decode()


def test_an_unknown_version_is_refused_with_a_message(client, viewer):
    client.force_login(viewer)
    response = client.get(DASHBOARD, {**PERIOD, "version": "99"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


# Who sees it


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_who_may_not_read_submissions_are_refused(client):
    client.force_login(_staff("editor", role="Content editor"))

    assert client.get(DASHBOARD).status_code == 403
    assert client.get(EXPORT, PERIOD).status_code == 403
    assert DASHBOARD not in client.get(reverse("admin:index")).content.decode()


def test_a_viewer_finds_the_dashboard_on_the_admin_index_but_cannot_download(client, viewer):
    client.force_login(viewer)

    assert f'href="{DASHBOARD}"' in client.get(reverse("admin:index")).content.decode()
    page = client.get(DASHBOARD).content.decode()
    assert "Download these submissions" not in page
    assert client.get(EXPORT, PERIOD).status_code == 403


def test_with_the_export_permission_the_dashboard_offers_the_download(client):
    client.force_login(_staff("auditor", "export_submissions", role="Viewer"))

    page = client.get(DASHBOARD, {**PERIOD, "version": "1"}).content.decode()

    assert f'href="{EXPORT}?since=2026-11-02&amp;until=2026-11-22&amp;version=1"' in page


def test_a_submission_opened_from_insights_is_the_page_in_the_patients_wording(client, viewer):
    submission = _submission(level="urgent", signs=["nerve_symptoms"])
    client.force_login(viewer)

    url = reverse("admin:triage_insights_change", args=[submission.pk])
    page = client.get(url).content.decode()

    assert "As the patient saw it: published version 1." in page


def _funnel_today() -> dict[tuple[str, str], int]:
    return {
        (row.stage, row.page): row.count
        for row in models.JourneyCount.objects.filter(day=timezone.localdate())
    }


def test_a_walked_journey_is_counted_once_at_each_step_and_a_replay_adds_nothing(patient, client):
    patient.result(pain=["lasting"], pain_spread=["back_only"], night_pain=["no"])
    client.post("/check/answers/", {"journey": patient.journey})  # a replayed result POST

    funnel = _funnel_today()
    assert funnel.pop(("started", "")) == 1
    assert funnel.pop(("finished", "")) == 1
    assert funnel == {("page", page): 1 for page in PAGES_IN_ORDER}
    assert models.Submission.objects.get().seconds_to_complete is not None


def test_a_journey_ended_by_an_emergency_counts_as_an_emergency_exit(patient):
    patient.start()
    patient.answer_page({"emergency_signs": ["serious_accident"]})

    assert _funnel_today() == {
        ("started", ""): 1,
        ("page", "emergency-check"): 1,
        ("emergency_exit", ""): 1,
    }


def test_going_back_and_continuing_again_counts_a_page_once(patient, client):
    patient.start()
    patient.answer_page({"emergency_signs": ["none"]})
    client.post(patient.url, {"journey": patient.journey, "action": "back"})
    patient.open("/check/emergency-check/")
    patient.answer_page({"emergency_signs": ["none"]})

    assert _funnel_today()[("page", "emergency-check")] == 1
