"""The anonymous record stored when a patient asks for their result: one per journey."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from triage import engine
from triage.content import current_content
from triage.models import ContentVersion, Submission
from triage.submissions import record_submission

pytestmark = pytest.mark.django_db


def test_reaching_the_result_stores_one_anonymous_record(patient):
    result = patient.result(movement="yes", sitting="yes")
    submission = Submission.objects.get()
    assert submission.reference in result.content.decode()
    assert submission.level == "see_doctor"
    assert submission.warning_signs == ["reduced_motion"]
    assert submission.answers["movement"] == ["yes"]
    assert submission.answers["popping_when"] == ["walking"]
    assert submission.submitted_on == timezone.localdate()
    assert submission.content_version == ContentVersion.objects.first().number  # the latest


def test_refreshing_the_result_does_not_store_another_record(patient, client):
    first = patient.result()
    again = client.get("/check/result/")
    assert Submission.objects.count() == 1
    reference = Submission.objects.get().reference
    assert reference in first.content.decode()
    assert reference in again.content.decode()


def test_the_result_page_alone_stores_nothing(patient, client):
    assert patient.answer_all() == "/check/answers/"
    assert client.get("/check/result/")["Location"] == "/check/answers/"
    assert Submission.objects.count() == 0


def test_replaying_a_cookie_saved_before_the_result_stores_nothing_more(patient, client):
    patient.answer_all()
    patient.open("/check/answers/")
    saved = client.cookies[settings.SESSION_COOKIE_NAME].value
    patient.confirm()
    for _ in range(3):
        client.cookies[settings.SESSION_COOKIE_NAME] = saved
        assert client.get("/check/result/")["Location"] == "/check/expired/"
    assert Submission.objects.count() == 1


def test_posting_check_your_answers_again_stores_nothing_more(patient, client):
    patient.result()
    journey = patient.journey
    again = client.post("/check/answers/", {"journey": journey})
    assert again["Location"] == "/check/result/"
    assert Submission.objects.count() == 1


def test_after_the_result_the_answers_are_final(patient, client):
    patient.result()
    page = "/check/injury-and-movement/"
    assert client.get(page)["Location"] == "/check/result/"
    change = {"journey": patient.journey, "action": "continue", "after_injury": "yes"}
    assert client.post(page, change)["Location"] == "/check/result/"
    assert Submission.objects.get().level == "normal"
    assert "sounds normal" in client.get("/check/result/").content.decode()


def test_two_requests_racing_for_one_journey_share_its_row():
    content = current_content().engine
    assessment = engine.assess(content, {"emergency_signs": ("serious_accident",)})
    first, first_created = record_submission("journey-1", assessment, 1)
    second, second_created = record_submission("journey-1", assessment, 1)
    assert second.reference == first.reference
    assert (first_created, second_created) == (True, False)
    assert Submission.objects.count() == 1


def test_an_emergency_record_holds_only_the_questions_asked(patient, client):
    patient.start()
    patient.answer_page({"emergency_signs": ["serious_accident"]})
    submission = Submission.objects.get()  # stored by the page's POST
    assert submission.answers == {"emergency_signs": ["serious_accident"]}
    assert submission.warning_signs == ["major_trauma"]
    assert submission.level == "emergency"


def test_records_hold_nothing_that_identifies_a_person(patient):
    patient.result()
    fields = {field.name for field in Submission._meta.get_fields()}
    assert fields == {
        "id",
        "reference",
        "submitted_on",
        "level",
        "answers",
        "warning_signs",
        "content_version",
        "language",
        "journey",
        "seconds_to_complete",
    }
    submission = Submission.objects.get()
    assert isinstance(submission.submitted_on, datetime.date)
    stored = str(submission.answers)
    assert "127.0.0.1" not in stored
    assert all(
        isinstance(v, list) and all(o.isidentifier() or o[0].isdigit() for o in v)
        for v in submission.answers.values()
    )


def test_references_are_easy_to_read_aloud(patient):
    patient.result()
    reference = Submission.objects.get().reference
    assert reference.startswith("BP-")
    assert len(reference) == 9
    assert not set(reference[3:]) & set("01OIL")
