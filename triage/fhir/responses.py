"""Submissions as R4 `QuestionnaireResponse`s, one at a time or as a streamed `Bundle`.

Each answer is a coding of the option the patient chose, nested page -> question -> answer
as in the Questionnaire, in the wording of the version the patient saw (today's published
wording when that version is not kept, as in the CSV export). Submissions are anonymous, so
there is no `subject`: the clinic links the response to its patient by the reference code
(`identifier`). The triage level and the matched warning signs are extensions, not a
contained RiskAssessment: FHIR requires a RiskAssessment to name its subject, which we
never know.
"""

from collections.abc import Iterator

from django.utils import timezone

from triage.content import SiteContent, current_content, version_content
from triage.fhir.common import (
    Names,
    coding,
    dumps,
    level_coding,
    page_link_id,
    warning_sign,
)
from triage.insights import Filters
from triage.models import Submission

CHUNK = 2000
FIELDS = ("reference", "submitted_on", "level", "answers", "warning_signs", "content_version")


def for_reference(reference: str) -> dict | None:
    """The submission with this reference as a QuestionnaireResponse, or None."""
    submission = Submission.objects.only(*FIELDS).filter(reference=reference).first()
    if submission is None:
        return None
    return response(submission, _content(submission.content_version), Names.current())


def response(submission: Submission, site: SiteContent, names: Names) -> dict:
    version = submission.content_version
    signs = site.engine.warning_signs
    return {
        "resourceType": "QuestionnaireResponse",
        "id": submission.reference,
        "extension": [
            {
                "url": names.triage_level_extension,
                "valueCoding": level_coding(names, submission.level),
            },
            *(warning_sign(names, slug, signs.get(slug)) for slug in submission.warning_signs),
        ],
        "identifier": {"system": names.references, "value": submission.reference},
        "questionnaire": f"{names.questionnaire}|{version}",
        "status": "completed",
        # A date only: the time of day is never stored (see the privacy page).
        "authored": submission.submitted_on.isoformat(),
        "item": _items(names, site, _as_lists(submission.answers)),
    }


def _items(names: Names, site: SiteContent, answers: dict[str, list[str]]) -> list[dict]:
    content = site.engine
    pages = []
    for page in content.pages:
        items = []
        for question in page.questions:
            chosen = answers.pop(question.slug, None)
            if chosen:
                labels = {option.slug: option.label for option in question.options}
                items.append(_answered(names, question.slug, chosen, labels, question.text))
        if items:
            pages.append({"linkId": page_link_id(page.slug), "text": page.title, "item": items})
    # Answers to questions the content no longer has are kept, by their slugs, at the end.
    pages += [_answered(names, slug, chosen, {}) for slug, chosen in answers.items() if chosen]
    return pages


def _answered(names, slug: str, chosen: list[str], labels: dict, text: str = "") -> dict:
    item = {"linkId": slug}
    if text:
        item["text"] = text
    item["answer"] = [
        {"valueCoding": coding(names.options, option, labels.get(option))} for option in chosen
    ]
    return item


def _as_lists(answers) -> dict[str, list[str]]:
    """Question slug -> chosen option slugs, whether a row stored a list or a single slug."""
    if not isinstance(answers, dict):
        return {}
    return {
        str(slug): [str(o) for o in chosen] if isinstance(chosen, list) else [str(chosen)]
        for slug, chosen in answers.items()
        if chosen is not None
    }


def _content(number: int) -> SiteContent:
    return version_content(number) or current_content()


def bundle_lines(filters: Filters) -> Iterator[str]:
    """A Bundle (type collection) of the period's responses as JSON text, oldest first.

    Written a piece at a time from rows read in chunks, so a year of submissions takes no
    more memory than a day's. FHIR allows no empty array, so `entry` appears only when there
    is a response to put in it.
    """
    names = Names.current()
    timestamp = timezone.now().isoformat(timespec="seconds")
    head = dumps({"resourceType": "Bundle", "type": "collection", "timestamp": timestamp}, None)
    sites: dict[int, SiteContent] = {}
    rows = filters.submissions().only(*FIELDS).order_by("submitted_on", "pk")
    separator = head[:-1] + ', "entry": [\n'
    for submission in rows.iterator(chunk_size=CHUNK):
        number = submission.content_version
        if number not in sites:
            sites[number] = _content(number)
        entry = {
            "fullUrl": names.response_url(submission.reference),
            "resource": response(submission, sites[number], names),
        }
        yield separator + dumps(entry, None)
        separator = ",\n"
    yield head + "\n" if separator != ",\n" else "\n]}\n"
