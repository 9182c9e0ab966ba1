"""One Form class per questionnaire page, built from the default content's questions.

As the formtools docs teach: a list of (step name, Form class) for the wizard, and a
condition_dict of functions that read earlier steps' cleaned data to skip a page.
"""

from crispy_forms.helper import FormHelper
from django import forms

from bench.textbook.content import PAGE_OF, PAGES, Page, Question, raises_emergency

ANSWERS_STEP = "answers"


class PageForm(forms.Form):
    """A questionnaire page: crispy renders the fields, the template the form tag and buttons."""

    questions: tuple[Question, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's form tag holds the token

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            chosen = cleaned.get(question.slug) or []
            exclusive = [o for o in question.options if o.exclusive and o.slug in chosen]
            if exclusive and len(chosen) > 1:
                self.add_error(
                    question.slug, f"Choose “{exclusive[0].label}” on its own, or other answers."
                )
        return cleaned


class CheckAnswersForm(forms.Form):
    """The last step: no fields, the page lists the answers and confirms them."""


def create_single_field(question: Question) -> forms.Field:
    return forms.ChoiceField(
        label=question.text,
        help_text=question.help_text,
        required=question.required,
        choices=[(o.slug, o.label) for o in question.options],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an answer."},
    )


def create_multiple_field(question: Question) -> forms.Field:
    return forms.MultipleChoiceField(
        label=question.text,
        help_text=question.help_text,
        required=question.required,
        choices=[(o.slug, o.label) for o in question.options],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one answer."},
    )


FIELD_MAKERS = {
    "single": create_single_field,
    "yes_no": create_single_field,
    "multiple": create_multiple_field,
}


def form_class(page: Page) -> type[PageForm]:
    fields = {q.slug: FIELD_MAKERS[q.kind](q) for q in page.questions}
    name = "".join(part.title() for part in page.slug.split("-")) + "Form"
    return type(name, (PageForm,), {**fields, "questions": page.questions})


def chosen(wizard, question_slug: str) -> list[str]:
    """The options chosen for a question on an earlier step (none if not answered yet)."""
    data = wizard.get_cleaned_data_for_step(PAGE_OF[question_slug].slug) or {}
    value = data.get(question_slug) or []
    return [value] if isinstance(value, str) else list(value)


def _emergency_before(wizard, earlier: list[Page]) -> bool:
    return any(
        option.slug in chosen(wizard, question.slug)
        for page in earlier
        for question in page.questions
        for option in question.options
        if raises_emergency(option)
    )


def condition(page: Page | None, earlier: list[Page]):
    """Whether the wizard shows a step: no emergency answer before it (that ends the
    questionnaire at once) and, for a page of follow-up questions, an answer that asks them."""
    shown_if = {pair for q in page.questions for pair in q.shown_if} if page else set()
    follow_up = page is not None and all(q.shown_if for q in page.questions)

    def shown(wizard) -> bool:
        if _emergency_before(wizard, earlier):
            return False
        return not follow_up or any(option in chosen(wizard, q) for q, option in shown_if)

    return shown


FORM_LIST = [(page.slug, form_class(page)) for page in PAGES] + [(ANSWERS_STEP, CheckAnswersForm)]
CONDITIONS = {page.slug: condition(page, list(PAGES[:i])) for i, page in enumerate(PAGES) if i}
CONDITIONS[ANSWERS_STEP] = condition(None, list(PAGES))
