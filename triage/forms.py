"""Each questionnaire page's form, built from the admin-edited questions.

A form builder in the manner of Wagtail's `FormBuilder`: one `create_<kind>_field` method per
question kind makes the page's fields, and the page's `Form` class gets a crispy `FormHelper`
(no form tag, the CSRF field left to the page) with a `Layout` of its questions, so
`django-crispy-forms` renders it with the Bootstrap 5 pack and our few overrides in
`templates/bootstrap5/`. Whether an answer is valid is `triage.validation.answer_errors`,
the one definition every caller shares.

Form classes are made once per content version and language (the content's `cache_key`),
page and set of visible questions.
An unbound form's rendered HTML depends only on those and the answers already chosen, so it
is cached too (`render_questions`): rendering widgets through templates is most of a page's
cost, crispy or not. A staff preview's content (the draft, read afresh on each request) is
built and rendered without the caches: it would only push the patients' entries out, and an
edit to the draft shows on the next request.
"""

from collections.abc import Mapping

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.utils.safestring import SafeString

from triage import engine
from triage.content import is_preview
from triage.validation import answer_errors

# Old content versions are dropped whole when a cache grows past this: staff edits are rare.
_CACHE_LIMIT = 500
_form_classes: dict[tuple, type["PageForm"]] = {}
_rendered: dict[tuple, SafeString] = {}


class AnswerWidgetMixin:
    """Options with stable ids (`<question>-<option>`) and the mark of an exclusive answer."""

    exclusive: frozenset[str] = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["id"] = f"{name}-{value}"
        option["exclusive"] = value in self.exclusive
        return option

    def value_from_datadict(self, data, files, name):
        # Every value posted, even for a radio group: two answers to a one-answer question
        # are an error to show, not something to pick from.
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class RadioAnswer(AnswerWidgetMixin, forms.RadioSelect):
    pass


class CheckboxAnswers(AnswerWidgetMixin, forms.CheckboxSelectMultiple):
    pass


class AnswerField(forms.Field):
    """A question's answer: the option slugs chosen, in the order posted, each once."""

    def __init__(self, question: engine.Question, widget: forms.Widget):
        widget.choices = [(option.slug, option.label) for option in question.options]
        widget.exclusive = frozenset(o.slug for o in question.options if o.exclusive)
        self.question = question
        super().__init__(
            required=question.required,
            widget=widget,
            label=question.text,
            help_text=question.help_text,
        )

    def to_python(self, value) -> tuple[str, ...]:
        if value in self.empty_values:
            return ()
        values = value if isinstance(value, list | tuple) else [value]
        return tuple(dict.fromkeys(str(slug) for slug in values))  # duplicates collapse

    def validate(self, value: tuple[str, ...]) -> None:
        errors = answer_errors(self.question, value)
        if errors:
            raise forms.ValidationError(errors)


class PageForm(forms.Form):
    """The questions of one page, with ids taken from the question and option slugs."""

    use_required_attribute = False  # the errors are ours, shown after Continue
    helper: FormHelper

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def valid_answers(self) -> dict[str, tuple[str, ...]]:
        """The answers that passed validation (all of them when the form is valid)."""
        self.is_valid()
        return dict(self.cleaned_data)


class FormBuilder:
    """Makes the `Form` class of one page from the questions this patient is shown."""

    def __init__(self, page: engine.Page, questions: tuple[engine.Question, ...]):
        self.page = page
        self.questions = questions

    def create_single_field(self, question: engine.Question) -> AnswerField:
        return AnswerField(question, RadioAnswer())

    def create_multiple_field(self, question: engine.Question) -> AnswerField:
        return AnswerField(question, CheckboxAnswers())

    def create_yes_no_field(self, question: engine.Question) -> AnswerField:
        # Two radios, "Yes" and "No" as staff wrote them; one answer, like a single choice.
        return AnswerField(question, RadioAnswer())

    @property
    def formfields(self) -> dict[str, AnswerField]:
        return {
            question.slug: getattr(self, f"create_{question.kind}_field")(question)
            for question in self.questions
        }

    def get_helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the page's own form tag carries it, outside the cache
        helper.include_media = False
        helper.layout = Layout(*(Field(question.slug) for question in self.questions))
        # Read by templates/bootstrap5/field.html: on a one-question page the question is
        # the page's heading, with the page title as its caption.
        helper.page = self.page
        helper.legend_is_heading = len(self.questions) == 1
        return helper

    def get_form_class(self) -> type[PageForm]:
        attributes = {**self.formfields, "helper": self.get_helper()}
        return type(f"{self.page.slug.title().replace('-', '')}Form", (PageForm,), attributes)


def _bounded(cache: dict) -> dict:
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    return cache


def page_form_class(
    token: str, page: engine.Page, questions: tuple[engine.Question, ...]
) -> type[PageForm]:
    if is_preview(token):
        return FormBuilder(page, questions).get_form_class()
    key = (token, page.slug, tuple(question.slug for question in questions))
    form_class = _form_classes.get(key)
    if form_class is None:
        form_class = FormBuilder(page, questions).get_form_class()
        _bounded(_form_classes)[key] = form_class
    return form_class


def render_questions(form: PageForm) -> SafeString:
    """The questions' HTML, rendered by crispy through the Bootstrap 5 pack's templates."""
    return render_crispy_form(form, form.helper)


def render_unbound(
    token: str,
    page: engine.Page,
    questions: tuple[engine.Question, ...],
    chosen: Mapping[str, tuple[str, ...]],
) -> SafeString:
    """A page's questions with the patient's earlier answers ticked, cached per answers."""
    ticked = tuple(chosen.get(question.slug, ()) for question in questions)
    key = (token, page.slug, tuple(question.slug for question in questions), ticked)
    html = _rendered.get(key)
    if html is None:
        form_class = page_form_class(token, page, questions)
        initial = {question.slug: list(chosen.get(question.slug, ())) for question in questions}
        html = render_questions(form_class(initial=initial))
        if not is_preview(token):
            _bounded(_rendered)[key] = html
    return html
