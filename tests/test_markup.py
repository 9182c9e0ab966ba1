"""The accessible markup of the patient pages, checked without a browser.

Each question is a fieldset whose legend is the question; its hint and error message are tied
to it by aria-describedby; the error summary links to each invalid question; what a patient
ticked is still ticked after Back and after an error; and content is always text, never markup.
"""

import dataclasses
from html.parser import HTMLParser

import pytest

from tests.patient import ALL_CLEAR, PAGES_IN_ORDER
from triage import wizard
from triage.content import current_content
from triage.models import Submission

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Every page asked, "About the pain" included (asked only when it hurts).
EVERY_PAGE = {**ALL_CLEAR, "pain": ["brief_discomfort"], "pain_spread": ["back_only"]}
EVERY_PAGE["night_pain"] = ["no"]


class Element:
    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        parts = [c.text() if isinstance(c, Element) else " ".join(c.split()) for c in self.children]
        return " ".join(part for part in parts if part)

    def find_all(self, tag: str) -> list["Element"]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                found += [child] if tag in ("*", child.tag) else []
                found += child.find_all(tag)
        return found

    def first(self, tag: str) -> "Element":
        return self.find_all(tag)[0]


class Document(HTMLParser):
    """A small DOM of a page: enough to follow ids, fieldsets and links."""

    def __init__(self, html: str):
        super().__init__()
        self.root = self.current = Element("#document", {}, None)
        self.feed(html)
        self.ids = {e.attrs["id"]: e for e in self.root.find_all("*") if e.attrs.get("id")}

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)

    def described_by(self, element: Element) -> list[Element]:
        return [self.ids.get(name) for name in element.attrs.get("aria-describedby", "").split()]


def each_page(patient, client):
    """Every questionnaire page with all pages answered, then with errors, as (where, HTML)."""
    patient.answer_all(**EVERY_PAGE)
    for slug in PAGES_IN_ORDER:
        yield slug, patient.open(f"/check/{slug}/").content.decode()
    patient.start()
    yield "errors on one question", patient.submit({}).content.decode()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    yield "errors on two questions", patient.submit({}).content.decode()


def test_each_question_is_a_fieldset_whose_legend_is_the_question(patient, client):
    questions = current_content().engine.questions
    for where, html in each_page(patient, client):
        page = Document(html)
        fieldsets = page.root.find_all("fieldset")
        asked = {
            i.attrs["name"] for i in page.root.find_all("input") if i.attrs["type"] != "hidden"
        }
        assert len(fieldsets) == len(asked - {"csrfmiddlewaretoken", "journey"}), where
        for fieldset in fieldsets:
            names = {i.attrs["name"] for i in fieldset.find_all("input")}
            assert len(names) == 1, f"{where}: one question per fieldset, not {names}"
            question = questions[names.pop()]
            legend = fieldset.children[
                [isinstance(c, Element) for c in fieldset.children].index(True)
            ]
            assert legend.tag == "legend", f"{where}: the legend comes first"
            assert question.text in legend.text(), where
            for answer in fieldset.find_all("input"):
                label = next(
                    lb for lb in fieldset.find_all("label") if lb.attrs["for"] == answer.attrs["id"]
                )
                assert label.text() == question.option(answer.attrs["value"]).label


def test_a_page_of_one_question_has_the_question_as_its_heading(patient):
    patient.start()
    headings = Document(patient.html).root.find_all("h1")
    assert [h.text() for h in headings] == ["Do you have any of these right now?"]
    assert headings[0].parent.tag == "legend"


def test_hints_and_error_messages_are_tied_to_their_question(patient, client):
    tied = {"hint": 0, "error": 0}
    for where, html in each_page(patient, client):
        page = Document(html)
        for fieldset in page.root.find_all("fieldset"):
            described = page.described_by(fieldset)
            assert None not in described, f"{where}: aria-describedby names a missing id"
            for paragraph in fieldset.find_all("p"):
                kind = {"form-text": "hint", "error-message": "error"}.get(paragraph.attrs["class"])
                if kind:
                    assert paragraph in described, f"{where}: a {kind} not tied to its fieldset"
                    tied[kind] += 1
    assert tied["hint"] > 0 and tied["error"] > 0, tied


def test_the_error_summary_links_to_the_first_answer_of_each_invalid_question(patient):
    patient.start()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    page = Document(patient.submit({}).content.decode())
    summary = next(div for div in page.root.find_all("div") if div.attrs.get("role") == "alert")
    links = summary.find_all("a")
    assert [link.text() for link in links] == [
        "When do you notice the popping? Select at least one answer.",
        "How long has it been happening? Select an answer.",
    ]
    for link, question in zip(links, ["popping_when", "popping_duration"], strict=True):
        target = page.ids[link.attrs["href"].removeprefix("#")]
        assert (target.tag, target.attrs["name"]) == ("input", question)


def _summary_and_messages(html: str) -> tuple[list[str], list[str]]:
    page = Document(html)
    summary = next(div for div in page.root.find_all("div") if div.attrs.get("role") == "alert")
    messages = [
        p.text().removeprefix("Error: ")
        for p in page.root.find_all("p")
        if p.attrs.get("class") == "error-message"
    ]
    return [link.text() for link in summary.find_all("a")], messages


def test_each_error_summary_link_reads_as_the_message_by_its_question(patient):
    patient.start()
    one_question = patient.submit({}).content.decode()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    two_questions = patient.submit({}).content.decode()

    links, messages = _summary_and_messages(one_question)
    assert links == messages == ["Select at least one answer, or “None of these”."]
    links, messages = _summary_and_messages(two_questions)
    assert links == messages and len(links) == 2
    assert "<title>Error: " in one_question and "<title>Error: " in two_questions


def test_a_back_link_to_the_page_before_opens_each_question_page_and_check_your_answers(
    patient, client
):
    patient.answer_all(**EVERY_PAGE)
    before = "/"
    for slug in PAGES_IN_ORDER:
        main = Document(patient.open(f"/check/{slug}/").content.decode()).ids["main"]
        first = next(child for child in main.children if isinstance(child, Element))
        assert (first.tag, first.attrs.get("href"), first.text()) == ("a", before, "Back"), slug
        before = f"/check/{slug}/"
    main = Document(client.get("/check/answers/").content.decode()).ids["main"]
    first = next(child for child in main.children if isinstance(child, Element))
    assert (first.tag, first.attrs.get("href"), first.text()) == ("a", before, "Back")


def checked(html: str) -> set[tuple[str, str]]:
    inputs = Document(html).root.find_all("input")
    return {(i.attrs["name"], i.attrs["value"]) for i in inputs if "checked" in i.attrs}


def test_ticked_answers_survive_back_and_errors(patient):
    patient.start()
    patient.open(patient.answer_page({"emergency_signs": ["none"]}))
    with_error = patient.submit({"popping_when": ["walking", "stretching"]}).content.decode()
    assert checked(with_error) == {("popping_when", "walking"), ("popping_when", "stretching")}
    patient.submit({"popping_when": ["walking"], "popping_duration": ["over_6_weeks"]}, "back")
    assert checked(patient.open("/check/emergency-check/").content.decode()) == {
        ("emergency_signs", "none")
    }
    assert checked(patient.open("/check/the-popping/").content.decode()) == {
        ("popping_when", "walking"),
        ("popping_duration", "over_6_weeks"),
    }


SCRIPT = "<script>alert(1)</script>"


def _scripted(value):
    """The content with a script tag added to every text a patient can see."""
    if isinstance(value, str):
        return value + SCRIPT
    return value


def _with_scripts(item):
    texts = {
        "title",
        "intro",
        "text",
        "help_text",
        "label",
        "explanation",
        "description",
        "heading",
        "summary",
        "call_to_action",
        "name",
        "phone",
        "emergency_number",
    }
    changes = {}
    for field in dataclasses.fields(item):
        if not field.init:
            continue
        value = getattr(item, field.name)
        if field.name in texts:
            changes[field.name] = _scripted(value)
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[field.name] = tuple(_with_scripts(v) for v in value)
        elif (
            isinstance(value, dict)
            and value
            and dataclasses.is_dataclass(next(iter(value.values())))
        ):
            changes[field.name] = {k: _with_scripts(v) for k, v in value.items()}
        elif dataclasses.is_dataclass(value):
            changes[field.name] = _with_scripts(value)
    return dataclasses.replace(item, **changes)


@pytest.fixture
def scripted_content(monkeypatch):
    site = current_content()
    scripted = dataclasses.replace(
        site,
        engine=_with_scripts(site.engine),
        outcomes={level: _with_scripts(outcome) for level, outcome in site.outcomes.items()},
        clinic=_with_scripts(site.clinic),
        token=site.token + "-scripted",
    )
    monkeypatch.setattr(wizard, "site_content", lambda *args, **kwargs: scripted)


def test_a_script_in_any_content_text_shows_as_text_on_every_page(
    scripted_content, patient, client
):
    pages = {path: client.get(path) for path in ["/", "/privacy/", "/check/expired/"]}
    for where, html in each_page(patient, client):
        pages[where] = html
    patient.answer_all(**EVERY_PAGE)
    pages["check your answers"] = patient.open("/check/answers/")
    for level, answers in {
        "see_doctor": {"movement": "yes"},
        "urgent": {"nerve_symptoms": "numbness"},
        "normal": {},
    }.items():
        pages[level] = patient.result(**answers)
    patient.start()
    patient.answer_page({"emergency_signs": ["saddle_numbness"]})
    pages["emergency"] = client.get("/check/result/")
    assert Submission.objects.count() == 4

    escaped = SCRIPT.replace("<", "&lt;").replace(">", "&gt;")
    for where, page in pages.items():
        html = page if isinstance(page, str) else page.content.decode()
        assert SCRIPT not in html, f"{where}: a script from the content runs"
        assert escaped in html, f"{where}: shows no content text"
