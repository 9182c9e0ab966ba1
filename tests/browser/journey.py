"""Walking the questionnaire in a browser, the way a patient does: by clicking labels."""

import re
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from tests.patient import ALL_CLEAR, PAGES_IN_ORDER

NORMAL = ALL_CLEAR
ANSWERS = {
    "normal": NORMAL,
    "see_doctor": {**NORMAL, "movement": ["yes"]},
    "urgent": {**NORMAL, "nerve_symptoms": ["numbness"]},
    "emergency": {"emergency_signs": ["saddle_numbness"]},
}
# The level in hidden words before each care card's heading (NHS.UK care cards).
CARE_CARD_PREFIX = {
    "emergency": "Immediate action required: ",
    "urgent": "Urgent advice: ",
    "see_doctor": "Non-urgent advice: ",
    "normal": "",
}
WARNING_SIGNS = {
    "emergency": ["cauda_equina"],
    "urgent": ["nerve_symptoms"],
    "see_doctor": ["reduced_motion"],
    "normal": [],
}
# Every questionnaire page, "About the pain" included (asked only when it hurts).
ALL_PAGES = {
    **NORMAL,
    "pain": ["brief_discomfort"],
    "pain_spread": ["back_only"],
    "night_pain": ["no"],
}
PAGE_SLUGS = PAGES_IN_ORDER
ANSWERS_URL = re.compile(r"/check/answers/$")
RESULT_URL = re.compile(r"/check/result/$")
QUESTION_URL = re.compile(r"/check/(?!answers/|result/|expired/|start/)[\w-]+/$")


def path_of(page: Page) -> str:
    return "/" + page.url.split("/", 3)[3].split("?")[0].split("#")[0]


def start(page: Page) -> None:
    page.goto("/")
    click_and_wait(page, page.get_by_role("button", name="Start now"))
    expect(page).to_have_url(QUESTION_URL)


def click_and_wait(page: Page, target) -> None:
    with page.expect_navigation(wait_until="domcontentloaded"):
        target.click()


def label(page: Page, question: str, option: str):
    return page.locator(f'.form-check:has(input[name="{question}"][value="{option}"]) label')


def choose(page: Page, question: str, option: str) -> None:
    """Click the label of one answer, as a patient would (a checkbox's label toggles it)."""
    label(page, question, option).click()


def questions_on(page: Page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            "input[type=radio], input[type=checkbox]", "inputs => inputs.map(i => i.name)"
        )
    )


def answer_page(page: Page, answers: dict[str, list[str]]) -> None:
    """Answer whichever of `answers` this page asks, then Continue."""
    asked = questions_on(page)
    for question, options in answers.items():
        if question in asked:
            for option in options:
                choose(page, question, option)
    click_and_wait(page, continue_button(page))


def continue_button(page: Page):
    return page.get_by_role("button", name="Continue", exact=True)


def back_link(page: Page):
    """The NHS.UK back link at the top of a question page and of Check your answers."""
    return page.get_by_role("link", name="Back", exact=True)


def answer_all(page: Page, answers: dict[str, list[str]], on_page=None) -> None:
    """From the current questionnaire page to Check your answers (or an early result)."""
    for _ in range(len(PAGE_SLUGS) + 1):
        if not QUESTION_URL.search(page.url):
            return
        if on_page:
            on_page(page)
        answer_page(page, answers)
    raise AssertionError(f"the questionnaire did not end; stuck at {page.url}")


def to_result(page: Page, level: str, on_page=None) -> None:
    start(page)
    answer_all(page, ANSWERS[level], on_page)
    if page.url.endswith("/check/answers/"):
        if on_page:
            on_page(page)
        click_and_wait(page, continue_to_result(page))
    expect(page).to_have_url(RESULT_URL)


def continue_to_result(page: Page):
    """The button on Check your answers that stores the result and shows it."""
    return page.get_by_role("button", name="Continue to your result")


def heading(level: str) -> str:
    """The result's h1 as a screen reader reads it: the hidden level, then the content's
    heading (read when called: the content is in the database)."""
    from triage.content import current_content

    return CARE_CARD_PREFIX[level] + current_content().outcomes[level].heading


def outcome(page: Page) -> str:
    return page.locator("[data-outcome]").get_attribute("data-outcome")


def fast_forward(page: Page, answers: dict[str, list[str]]) -> str:
    """Start again and post `answers` to every page over HTTP, in the page's own context.

    For tests about a later page (its layout, print, accessibility) rather than about the
    questions: it shares the browser's cookies, so the browser can then open the page the
    answers lead to, whose path is returned. Redirects are not followed, to stay quick.
    """
    page.goto("/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    request = page.context.request
    response = request.post("/check/start/", form={"csrfmiddlewaretoken": token})
    found = re.search(r'name="journey" value="([^"]+)"', response.text())
    assert found, f"no questionnaire page after starting: {response.url}"
    fields = [("csrfmiddlewaretoken", token), ("journey", found[1]), ("action", "continue")]
    fields += [(question, option) for question, options in answers.items() for option in options]
    body = urlencode(fields)
    path = "/" + response.url.split("/", 3)[3]
    for _ in range(len(PAGE_SLUGS) + 1):
        if not QUESTION_URL.search(path):
            return path
        response = request.post(
            path,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            max_redirects=0,
        )
        assert response.status == 302, f"{response.status} from {path}: an answer was refused"
        path = response.headers["location"]
    raise AssertionError(f"the answers did not finish the questionnaire; at {path}")


def open_result(page: Page, level: str) -> None:
    """The result page of `level`, reached without clicking through the questions."""
    path = fast_forward(page, ANSWERS[level])
    page.goto(path)
    if path == "/check/answers/":
        click_and_wait(page, continue_to_result(page))
    expect(page).to_have_url(RESULT_URL)
    assert outcome(page) == level


def each_question_page(page: Page):
    """Open every questionnaire page in turn, then Check your answers, with all pages answered.

    Reached by their addresses, as the Change links do, rather than by clicking through.
    """
    assert fast_forward(page, ALL_PAGES) == "/check/answers/"
    for slug in PAGE_SLUGS:
        page.goto(f"/check/{slug}/")
        expect(page).to_have_url(re.compile(f"/check/{slug}/$"))
        yield page
    page.goto("/check/answers/")
    expect(page).to_have_url(ANSWERS_URL)
    yield page
