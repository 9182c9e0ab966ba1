"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem on any page a patient or staff member sees."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
axe = Axe()


class Audit:
    """Run axe on one page after another and report every violation at the end."""

    def __init__(self):
        self.found: list[str] = []
        self.audited: list[str] = []

    def __call__(self, page: Page) -> None:
        where = journey.path_of(page)
        self.audited.append(where)
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            self.found.append(f"{where}: {violation['id']} ({violation['help']}) at {targets}")

    def check(self) -> None:
        assert not self.found, "axe found:\n" + "\n".join(self.found)


@pytest.fixture
def audit():
    return Audit()


def admin_login_path() -> str:
    return "/" + getattr(settings, "ADMIN_PATH", "admin/") + "login/"


def test_pages_outside_the_questionnaire_at_desktop_and_phone_sizes(page, audit):
    for path in ["/", "/privacy/", "/check/expired/", admin_login_path()]:
        page.goto(path)
        for viewport in [DESKTOP, PHONE]:
            page.set_viewport_size(viewport)
            audit(page)

    audit.check()


def test_every_questionnaire_page_and_check_your_answers(page, audit):
    for _ in journey.each_question_page(page):
        audit(page)

    audit.check()
    assert audit.audited == [f"/check/{slug}/" for slug in journey.PAGE_SLUGS] + ["/check/answers/"]


def test_pages_showing_validation_errors(page, audit):
    journey.start(page)
    journey.click_and_wait(page, journey.continue_button(page))  # nothing chosen
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page)
    # "None of these" with a symptom: the exclusive-choice error.
    journey.choose(page, "emergency_signs", "none")
    journey.choose(page, "emergency_signs", "both_legs_weak")
    journey.click_and_wait(page, journey.continue_button(page))
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page)
    # A page of several questions, all missing.
    journey.choose(page, "emergency_signs", "both_legs_weak")  # untick it, keep "None"
    journey.click_and_wait(page, journey.continue_button(page))
    expect(page).to_have_url(re.compile(r"/check/the-popping/$"))
    journey.click_and_wait(page, journey.continue_button(page))
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page)

    audit.check()


def test_result_of_each_level(page, audit):
    for level in ["normal", "see_doctor", "urgent", "emergency"]:
        journey.open_result(page, level)
        audit(page)

    audit.check()
