"""The markup of the questions on a questionnaire page.

Built here rather than in a template loop: Django's template engine spent most of a page's
time on these few dozen lines (see docs/benchmarks.md), and plain string building is many
times faster. Every piece of content is escaped; the structure is the accessible pattern of
one fieldset and legend per question, hint and error tied to it with aria-describedby, and
a label for every radio or checkbox.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from triage import engine


def questions_html(rows: list[dict], page: engine.Page, single_question: bool) -> SafeString:
    return mark_safe("".join(_question(row, page, single_question) for row in rows))


def _question(row: dict, page: engine.Page, single_question: bool) -> str:
    question: engine.Question = row["question"]
    name = escape(row["name"])
    described_by = []
    if question.help_text:
        described_by.append(f"{name}-hint")
    if row["errors"]:
        described_by.append(f"{name}-error")
    parts = [
        '<div class="question mb-4{}">'.format(" question--error" if row["errors"] else ""),
        "<fieldset{}>".format(
            f' aria-describedby="{" ".join(described_by)}"' if described_by else ""
        ),
        _legend(question, page, single_question),
    ]
    if question.help_text:
        parts.append(f'<p class="form-text" id="{name}-hint">{escape(question.help_text)}</p>')
    if row["errors"]:
        hidden = '<span class="visually-hidden">{}</span> '.format(escape(_("Error:")))
        messages = " ".join(hidden + escape(str(error)) for error in row["errors"])
        parts.append(f'<p class="error-message" id="{name}-error">{messages}</p>')
    several = len(row["options"]) > 1
    for option in row["options"]:
        if option["exclusive"] and several:
            parts.append(f'<p class="choice-divider" aria-hidden="true">{escape(_("or"))}</p>')
        option_id = escape(option["id"])
        parts.append(
            '<div class="form-check choice">'
            f'<input class="form-check-input" type="{row["input_type"]}" name="{name}" '
            f'id="{option_id}" value="{escape(option["value"])}"'
            f"{' checked' if option['checked'] else ''}>"
            f'<label class="form-check-label" for="{option_id}">{escape(option["label"])}</label>'
            "</div>"
        )
    parts.append("</fieldset></div>")
    return "\n".join(parts)


def _legend(question: engine.Question, page: engine.Page, single_question: bool) -> str:
    text = escape(question.text)
    if single_question:  # the question is the page's heading; the page title a caption
        caption = (
            f'<span class="page-caption">{escape(page.title)}</span>'
            if page.title != question.text
            else ""
        )
        intro = f'<p class="lead">{escape(page.intro)}</p>' if page.intro else ""
        return (
            f'<legend class="question-legend--page">{caption}'
            f'<h1 class="question-heading">{text}</h1></legend>{intro}'
        )
    optional = (
        ' <span class="text-body-secondary">({})</span>'.format(escape(_("optional")))
        if not question.required
        else ""
    )
    return f'<legend class="question-text">{text}{optional}</legend>'
