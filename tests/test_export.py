"""CSV export of submissions (issue 14): the command, the dashboard's download, the wording."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command, load_command_class
from django.http import StreamingHttpResponse
from django.urls import reverse

from triage import models

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:triage_insights_export")
DAY = datetime.date(2026, 11, 10)
FIXED = ["Reference", "Date", "Content version", "Level", "Warning signs"]
FIRST_QUESTION = "Do you have any of these right now?"


def _submission(reference: str, day=DAY, version=1, **fields):
    defaults = {
        "level": "emergency",
        "answers": {"emergency_signs": ["saddle_numbness", "both_legs_weak"]},
        "warning_signs": ["cauda_equina"],
    }
    return models.Submission.objects.create(
        reference=reference,
        submitted_on=day,
        content_version=version,
        **{**defaults, **fields},
    )


def _export(*args: str) -> list[list[str]]:
    out = io.StringIO()
    call_command("export_submissions", *args, stdout=out)
    return list(csv.reader(io.StringIO(out.getvalue())))


def _column(rows: list[list[str]], header: str) -> list[str]:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def two_submissions():
    _submission("BP-AAAAAA")
    _submission(
        "BP-BBBBBB",
        day=DAY + datetime.timedelta(days=1),
        level="normal",
        answers={"emergency_signs": ["none"], "water": ["yes"]},
        warning_signs=[],
    )
    _submission("BP-CCCCCC", day=DAY + datetime.timedelta(days=30))  # outside the period


def test_the_export_has_one_row_per_submission_of_the_period_with_labels(two_submissions):
    rows = _export("--since", "2026-11-10", "--until", "2026-11-11")

    assert rows[0][:6] == [*FIXED, FIRST_QUESTION]
    assert [row[:5] for row in rows[1:]] == [
        ["BP-AAAAAA", "2026-11-10", "1", "Emergency", _sign_title("cauda_equina")],
        ["BP-BBBBBB", "2026-11-11", "1", "Normal", ""],
    ]
    assert _column(rows, FIRST_QUESTION) == [
        "; ".join(_labels("emergency_signs", "saddle_numbness", "both_legs_weak")),
        _labels("emergency_signs", "none")[0],
    ]


def test_every_question_of_the_content_has_its_column_in_questionnaire_order(two_submissions):
    header = _export("--since", "2026-11-10", "--until", "2026-11-11")[0]

    questions = models.Question.objects.order_by("page__order", "page__pk", "order", "pk")
    assert header[len(FIXED) :] == [question.text for question in questions]


def test_answers_keep_the_wording_of_the_version_the_patient_saw(two_submissions, publish):
    models.AnswerOption.objects.filter(question__slug="emergency_signs", slug="none").update(
        label="No, none of these"
    )
    models.Question.objects.filter(slug="emergency_signs").update(text="Any of these today?")
    version = publish(note="Reworded the first question.").number
    _submission("BP-DDDDDD", level="normal", answers={"emergency_signs": ["none"]}, version=version)

    rows = _export("--since", "2026-11-10", "--until", "2026-11-11")

    assert "Any of these today?" in rows[0]  # the header is today's wording
    assert [row[0] for row in rows[1:]] == ["BP-AAAAAA", "BP-DDDDDD", "BP-BBBBBB"]
    assert _column(rows, "Any of these today?") == [
        "; ".join(_labels("emergency_signs", "saddle_numbness", "both_legs_weak")),
        "No, none of these",
        "None of these",  # version 1's label, as that patient read it
    ]


def test_a_version_that_is_not_kept_is_shown_in_todays_wording(two_submissions):
    _submission("BP-EEEEEE", version=7, answers={"emergency_signs": ["none"], "gone": ["x"]})

    rows = _export("--since", "2026-11-10", "--until", "2026-11-10", "--version", "7")

    assert [row[0] for row in rows[1:]] == ["BP-EEEEEE"]
    assert _column(rows, FIRST_QUESTION) == ["None of these"]


def test_the_command_writes_a_file_when_asked(two_submissions, tmp_path):
    target = tmp_path / "audit.csv"
    call_command("export_submissions", "--since", "2026-11-10", "--until", "2026-11-11",
                 "--output", str(target))  # fmt: skip

    with target.open(newline="", encoding="utf-8") as file:
        assert [row[0] for row in csv.reader(file)] == ["Reference", "BP-AAAAAA", "BP-BBBBBB"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-13-01", "--until", "2026-12-01"], "'2026-13-01' is not a date"),
        (["--since", "yesterday", "--until", "2026-12-01"], "write it as YYYY-MM-DD"),
        (["--since", "2026-12-02", "--until", "2026-12-01"], "is after --until"),
    ],
)
def test_bad_dates_get_a_clear_message_and_exit_status_2(args, message, capsys):
    command = load_command_class("triage", "export_submissions")

    with pytest.raises(SystemExit) as exit:
        command.run_from_argv(["manage.py", "export_submissions", *args])

    assert exit.value.code == 2
    assert message in capsys.readouterr().err


def test_the_dashboard_download_is_the_same_csv_streamed(client, two_submissions):
    user = User.objects.create_user("auditor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewer"))
    user.user_permissions.add(Permission.objects.get(codename="export_submissions"))
    client.force_login(user)

    response = client.get(EXPORT, {"since": "2026-11-10", "until": "2026-11-11"})

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="submissions-2026-11-10-to-2026-11-11.csv"'
    )
    downloaded = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(downloaded))) == _export(
        "--since", "2026-11-10", "--until", "2026-11-11"
    )


def test_a_download_with_bad_dates_shows_the_dashboard_naming_the_problem(client, admin_user):
    client.force_login(admin_user)

    response = client.get(EXPORT, {"since": "2026-11-12", "until": "2026-11-11"})

    assert response.status_code == 400
    assert "“From” must be on or before “To”." in response.content.decode()


def _labels(question: str, *options: str) -> list[str]:
    found = models.AnswerOption.objects.filter(question__slug=question)
    labels = dict(found.values_list("slug", "label"))
    return [labels[slug] for slug in options]


def _sign_title(slug: str) -> str:
    return models.WarningSign.objects.get(slug=slug).title


def test_clinical_publishers_may_export_and_viewers_only_read(client, publisher, two_submissions):
    viewer = User.objects.create_user("reader", password="pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewer"))
    week = {"since": "2026-11-10", "until": "2026-11-11"}

    client.force_login(publisher)
    assert client.get(EXPORT, week).status_code == 200
    client.force_login(viewer)
    assert client.get(EXPORT, week).status_code == 403
