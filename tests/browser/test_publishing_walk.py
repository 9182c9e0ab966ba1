"""A content change from edit to patients and back, in a real browser (issue 12).

The editor rewords the first question, previews the questionnaire on the draft, tries answers
on it, reads the checklist; the publisher publishes; a patient sees the new wording; the
publisher rolls back.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import journey
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.browser.test_layout import horizontal_overflow
from triage import models

pytestmark = pytest.mark.browser

OLD = "Do you have any of these right now?"
NEW = "Do you have any of these symptoms today?"


def _sign_in(page, user) -> None:
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("password")
    journey.click_and_wait(page, page.get_by_role("button", name="Log in"))


def _first_question(new_page) -> str:
    patient = new_page()
    journey.start(patient)
    return patient.get_by_role("group").first.locator("legend").inner_text()


def test_an_edit_is_checked_published_seen_by_patients_and_rolled_back(
    new_page, site_url, admin_user
):
    staff = new_page()
    _sign_in(staff, admin_user)
    published = models.ContentVersion.objects.first().number  # the latest: newest first

    question = models.Question.objects.get(slug="emergency_signs")
    staff.goto(reverse("admin:triage_question_change", args=[question.pk]))
    staff.get_by_label("Question (English):").fill(NEW)
    journey.click_and_wait(staff, staff.get_by_role("button", name="Save", exact=True))
    expect(staff.locator(".messagelist")).to_contain_text("was changed successfully")
    assert OLD in _first_question(new_page)  # patients still get the published version

    _preview_shows_the_edit_and_stores_nothing(staff)
    assert OLD in _first_question(new_page)  # even while the preview runs

    staff.goto(reverse("admin:triage_contentversion_try"))
    staff.get_by_label("Answers").fill('{"emergency_signs": ["saddle_numbness"]}')
    journey.click_and_wait(staff, staff.get_by_role("button", name="Assess these answers"))
    expect(staff.locator("[data-level]")).to_have_attribute("data-level", "emergency")
    expect(staff.get_by_text("Preview, not published")).to_be_visible()

    staff.goto(reverse("admin:triage_contentversion_publish"))
    expect(staff.get_by_text("Every safety check passes.")).to_be_visible()
    expect(staff.locator("td").get_by_text("Passes", exact=True)).to_have_count(15)
    expect(staff.get_by_text(f"Question “{NEW}” (emergency_signs): text")).to_be_visible()
    staff.get_by_label("Change note").fill("Say “today” in the first question.")
    journey.click_and_wait(staff, staff.get_by_role("button", name="Publish the draft"))
    expect(staff.locator(".messagelist")).to_contain_text(f"Published Version {published + 1}")
    assert NEW in _first_question(new_page)

    staff.goto(reverse("admin:triage_contentversion_rollback", args=[_version(published).pk]))
    staff.get_by_label("Change note").fill("Back to the tested wording.")
    journey.click_and_wait(staff, staff.get_by_role("button", name="Publish this version again"))
    expect(staff.locator(".messagelist")).to_contain_text(f"Published Version {published + 2}")
    assert OLD in _first_question(new_page)


def _version(number: int) -> models.ContentVersion:
    return models.ContentVersion.objects.get(number=number)


def _preview_shows_the_edit_and_stores_nothing(staff) -> None:
    staff.goto(reverse("admin:triage_contentversion_publish"))
    preview = staff.get_by_role("button", name="Preview the questionnaire on the draft")
    journey.click_and_wait(staff, preview)
    banner = staff.get_by_role("region", name="Preview, not published")
    expect(banner).to_be_visible()
    expect(staff.get_by_role("group").first.locator("legend")).to_contain_text(NEW)
    staff.set_viewport_size({"width": 320, "height": 640})
    expect(banner).to_be_in_viewport()
    assert set(horizontal_overflow(staff).values()) == {0}
    assert Axe().run(staff, options=AXE_OPTIONS).response["violations"] == []

    journey.choose(staff, "emergency_signs", "saddle_numbness")
    journey.click_and_wait(staff, journey.continue_button(staff))
    expect(staff).to_have_url(journey.RESULT_URL)
    assert journey.outcome(staff) == "emergency"
    expect(banner).to_be_visible()
    assert not models.Submission.objects.exists()
