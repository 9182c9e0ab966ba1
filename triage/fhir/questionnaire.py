"""A published content version as an R4 `Questionnaire` with the SDC extensions form fillers read.

One `group` per page, one `choice` per question. The engine's routing rules become
`enableWhen`: a question with *shown if* answers is enabled when any of them was given
(rule 1), and every page after an emergency answer is enabled only while none was given
(rule 3), so a form filler stops asking where our questionnaire stops. Each answer option
carries the warning signs it raises (the backpop-warning-sign extension).
"""

from datetime import datetime

from triage import engine, models
from triage.content import SiteContent, version_content
from triage.fhir.common import (
    ITEM_CONTROL,
    ITEM_CONTROL_SYSTEM,
    OPTION_EXCLUSIVE,
    Names,
    coding,
    page_link_id,
    warning_sign,
)

NAME = "BackPopTriage"
TITLE = "Back popping: triage questionnaire"
DESCRIPTION = (
    "Questions for people whose back pops or cracks while walking or moving, red-flag "
    "questions first. The answers give a triage level (emergency, urgent today, see a doctor "
    "or normal) from the warning signs each answer raises."
)


def published(number: int | None = None) -> dict | None:
    """Published version `number` (the latest when None) as a Questionnaire; None if there is
    no such version."""
    versions = models.ContentVersion.objects.order_by("-number")
    latest = versions.values_list("number", flat=True).first()
    if latest is None:
        return None
    number = latest if number is None else number
    published_at = versions.filter(number=number).values_list("published_at", flat=True).first()
    site = version_content(number) if published_at else None
    if site is None:
        return None
    return questionnaire(site, published_at=published_at, latest=number == latest)


def questionnaire(site: SiteContent, *, published_at: datetime, latest: bool) -> dict:
    names = Names.current()
    content = site.engine
    document = {
        "resourceType": "Questionnaire",
        "id": str(site.version),
        "url": names.questionnaire,
        "version": str(site.version),
        "name": NAME,
        "title": TITLE,
        # Only the version patients get now is active; earlier ones stay readable, retired.
        "status": "active" if latest else "retired",
        "subjectType": ["Patient"],
        "date": published_at.isoformat(timespec="seconds"),
        "description": DESCRIPTION,
        "item": _pages(names, content),
    }
    if site.clinic.name:
        document["publisher"] = site.clinic.name
    if site.clinic.phone:
        telecom = [{"system": "phone", "value": site.clinic.phone}]
        document["contact"] = [{"name": site.clinic.name or TITLE, "telecom": telecom}]
    return document


def _pages(names: Names, content: engine.Content) -> list[dict]:
    # The answers on the pages so far, in questionnaire order: the only answers a condition
    # can name (the engine never looks at a question's own page or later ones).
    earlier: dict[tuple[str, str], int] = {}
    stops: list[tuple[str, str]] = []  # the emergency answers among them (rule 3)
    pages = []
    for page in content.pages:
        # A condition on a retired answer can never be met (triage.content keeps it as an
        # impossible pair): a question with no other condition is never asked.
        asked = [
            question
            for question in page.questions
            if not question.shown_if or any(pair in earlier for pair in question.shown_if)
        ]
        if not asked:
            continue  # a page without questions is never asked
        items = [_question(names, question, content, earlier) for question in asked]
        if page.intro:
            intro = {"linkId": f"{page_link_id(page.slug)}.intro", "text": page.intro}
            items.insert(0, {**intro, "type": "display"})
        group = {"linkId": page_link_id(page.slug), "text": page.title, "type": "group"}
        group.update(_enable_when(names, stops, "!=", "all"))
        group["item"] = items
        pages.append(group)
        for question in asked:
            for option in question.options:
                earlier[(question.slug, option.slug)] = len(earlier)
                if content.is_emergency(option):
                    stops.append((question.slug, option.slug))
    return pages


def _question(names: Names, question: engine.Question, content, earlier) -> dict:
    conditions = sorted((pair for pair in question.shown_if if pair in earlier), key=earlier.get)
    item = {
        "linkId": question.slug,
        "text": question.text,
        "type": "choice",
        "required": question.required,
    }
    if question.is_multiple:
        item["repeats"] = True
    control = "check-box" if question.is_multiple else "radio-button"
    item["extension"] = [_item_control(control)]
    item.update(_enable_when(names, conditions, "=", "any"))
    item["answerOption"] = [_option(names, option, content) for option in question.options]
    if question.help_text:
        item["item"] = [
            {
                "linkId": f"{question.slug}.help",
                "text": question.help_text,
                "type": "display",
                "extension": [_item_control("help")],
            }
        ]
    return item


def _option(names: Names, option: engine.Option, content: engine.Content) -> dict:
    found = {"valueCoding": coding(names.options, option.slug, option.label)}
    extensions = [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}] if option.exclusive else []
    extensions += [warning_sign(names, sign.slug, sign) for sign in content.signs_raised_by(option)]
    if extensions:
        found["extension"] = extensions
    return found


def _enable_when(names: Names, answers: list[tuple[str, str]], operator: str, behavior: str):
    if not answers:
        return {}
    conditions = [
        {"question": question, "operator": operator, "answerCoding": coding(names.options, option)}
        for question, option in answers
    ]
    found = {"enableWhen": conditions}
    if len(conditions) > 1:  # required by FHIR with more than one condition
        found["enableBehavior"] = behavior
    return found


def _item_control(code: str) -> dict:
    concept = {"coding": [coding(ITEM_CONTROL_SYSTEM, code)]}
    return {"url": ITEM_CONTROL, "valueCodeableConcept": concept}
