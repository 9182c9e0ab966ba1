"""Submissions as CSV rows for the clinic's spreadsheet: the dashboard download and the command.

One column per question, headed by its text, each answer as the labels the patient chose,
in the wording of the version they were assessed with (today's published content when that
version is not kept). Rows are read in chunks and written one at a time, so exporting a
million submissions takes no more memory than exporting ten.
"""

import csv
from collections.abc import Iterator

from triage.content import SiteContent, current_content, version_content
from triage.insights import Filters
from triage.levels import Level

CHUNK = 2000
FIXED_COLUMNS = ["Reference", "Date", "Content version", "Level", "Warning signs"]
LEVEL_LABELS = dict(Level.choices)


class _Echo:
    """A file-like object whose write returns what it is given: csv.writer's line as text."""

    def write(self, value: str) -> str:
        return value


def _questions(sites: list[SiteContent]) -> dict[str, str]:
    """Question slug -> column header: the current wording first, then older questions."""
    headers: dict[str, str] = {}
    for site in sites:  # newest first, so a question keeps its newest wording
        for page in site.engine.pages:
            for question in page.questions:
                headers.setdefault(question.slug, question.text)
    return headers


def _labels(site: SiteContent) -> dict[str, dict[str, str]]:
    return {
        slug: {option.slug: option.label for option in question.options}
        for slug, question in site.engine.questions.items()
    }


def rows(filters: Filters) -> Iterator[list]:
    """The header, then one row per submission of the period, oldest first."""
    found = filters.submissions()
    current = current_content()
    numbers = sorted(found.values_list("content_version", flat=True).distinct(), reverse=True)
    sites = {number: version_content(number) or current for number in numbers}
    ordered = [current, *(sites[number] for number in numbers)]
    headers = _questions(ordered)
    labels = {number: _labels(site) for number, site in sites.items()}
    signs = {number: site.engine.warning_signs for number, site in sites.items()}
    yield [*FIXED_COLUMNS, *headers.values()]
    columns = ("reference", "submitted_on", "content_version", "level", "warning_signs", "answers")
    for reference, day, version, level, matched, answers in (
        found.order_by("submitted_on", "pk").values_list(*columns).iterator(chunk_size=CHUNK)
    ):
        options, titles = labels[version], signs[version]
        yield [
            reference,
            day.isoformat(),
            version,
            LEVEL_LABELS.get(level, level),
            "; ".join(titles[s].title if s in titles else s for s in matched),
            *(
                "; ".join(options.get(slug, {}).get(o, o) for o in _as_list(answers.get(slug)))
                for slug in headers
            ),
        ]


def _as_list(chosen) -> list[str]:
    if chosen is None:
        return []
    return [str(o) for o in chosen] if isinstance(chosen, list) else [str(chosen)]


def csv_lines(filters: Filters) -> Iterator[str]:
    """The export as CSV text, one line at a time (for a streamed response or a file)."""
    writer = csv.writer(_Echo())
    for row in rows(filters):
        yield writer.writerow(row)
