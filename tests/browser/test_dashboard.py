"""The staff dashboard in a real browser (issue 14): no axe violation, no script, its picture.

Twelve fixed weeks of generated results and funnel counts, so the README's screenshot
(docs/screenshots/dashboard.png) stays the same from run to run.
"""

import datetime
import random

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import journey
from tests.browser.test_accessibility import AXE_OPTIONS, axe
from tests.browser.test_screenshots import MAX_BYTES, save
from triage import models
from triage.content import current_content

pytestmark = pytest.mark.browser

SINCE, UNTIL = datetime.date(2026, 9, 7), datetime.date(2026, 11, 29)  # ISO weeks 37 to 48
LEVELS = {"normal": 55, "see_doctor": 25, "urgent": 15, "emergency": 5}


@pytest.fixture
def twelve_weeks(site_url):
    rng = random.Random(14)
    content = current_content().engine
    signs = {level: [] for level in LEVELS}
    for sign in content.warning_signs.values():
        signs[str(sign.level)].append(sign.slug)
    days = (SINCE + datetime.timedelta(days=n) for n in range((UNTIL - SINCE).days + 1))
    submissions, counts = [], []
    for day in days:
        for level in rng.choices(list(LEVELS), weights=LEVELS.values(), k=rng.randint(4, 12)):
            submissions.append(
                models.Submission(
                    reference=f"BP-{len(submissions):06d}",
                    submitted_on=day,
                    level=level,
                    answers={},
                    warning_signs=rng.sample(signs[level], min(1, len(signs[level]))),
                    content_version=1,
                    seconds_to_complete=rng.randint(90, 600),
                )
            )
        started = rng.randint(14, 20)
        counts.append(models.JourneyCount(day=day, stage="started", count=started))
        for index, page in enumerate(content.pages):
            reached = max(started - index - rng.randint(0, 2), 0)
            counts.append(models.JourneyCount(day=day, stage="page", page=page.slug, count=reached))
        counts.append(models.JourneyCount(day=day, stage="finished", count=started - 6))
        counts.append(models.JourneyCount(day=day, stage="emergency_exit", count=1))
    models.Submission.objects.bulk_create(submissions)
    models.JourneyCount.objects.bulk_create(counts)
    return site_url


@pytest.fixture
def viewer(site_url):
    user = User.objects.create_user("viewer", password="password", is_staff=True)
    for codename in ("view_submission", "export_submissions"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_the_dashboard_passes_axe_and_is_pictured_for_the_readme(new_page, twelve_weeks, viewer):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(viewer.username)
    page.get_by_label("Password").fill("password")
    journey.click_and_wait(page, page.get_by_role("button", name="Log in"))
    journey.click_and_wait(page, page.get_by_role("link", name="Insights").first)

    page.get_by_label("From", exact=True).fill(SINCE.isoformat())
    page.get_by_label("To", exact=True).fill(UNTIL.isoformat())
    journey.click_and_wait(page, page.get_by_role("button", name="Show"))

    expect(page.locator("#weeks-table tbody tr")).to_have_count(12)
    expect(page.get_by_role("img", name="Results per ISO week, stacked by level")).to_be_visible()
    expect(page.get_by_role("link", name="Download these submissions (CSV)")).to_be_visible()
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]

    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    png = page.screenshot(full_page=True, animations="disabled", caret="hide", scale="css")
    target = save(png, "dashboard")
    assert target.stat().st_size < 2 * MAX_BYTES, f"{target}: {target.stat().st_size} bytes"
