"""The anonymous record stored when a patient reaches their result."""

import datetime

import pytest
from django.utils import timezone

from tests.patient import Patient
from triage.models import ContentVersion, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(client):
    return Patient(client)


def test_reaching_the_result_stores_one_anonymous_record(patient):
    result = patient.result(movement="yes", sitting="yes")
    submission = Submission.objects.get()
    assert submission.reference in result.content.decode()
    assert submission.level == "see_doctor"
    assert submission.warning_signs == ["reduced_motion"]
    assert submission.answers["movement"] == ["yes"]
    assert submission.answers["popping_when"] == ["walking"]
    assert submission.submitted_on == timezone.localdate()
    assert submission.content_version == ContentVersion.objects.get().number


def test_refreshing_the_result_does_not_store_another_record(patient, client):
    first = patient.result()
    again = client.get("/check/result/")
    assert Submission.objects.count() == 1
    reference = Submission.objects.get().reference
    assert reference in first.content.decode()
    assert reference in again.content.decode()


def test_changing_an_answer_after_the_result_stores_a_new_record(patient, client):
    patient.result()
    patient.open("/check/injury-and-movement/")
    patient.answer_page({"after_injury": ["yes"], "swelling": ["no"], "movement": ["no"]})
    client.get("/check/result/")
    assert list(Submission.objects.order_by("pk").values_list("level", flat=True)) == [
        "normal",
        "urgent",
    ]


def test_an_emergency_record_holds_only_the_questions_asked(patient, client):
    patient.start()
    patient.answer_page({"emergency_signs": ["serious_accident"]})
    client.get("/check/result/")
    submission = Submission.objects.get()
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
