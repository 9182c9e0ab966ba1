"""Questionnaire forms, built from the admin-edited questions of a page.

One form class per page and set of visible questions, made once per content version. The
forms validate; templates render the questions from `question_rows` (plain data), which keeps
the markup accessible (a fieldset and legend per question) and the pages fast.
"""

from django import forms
from django.utils.translation import gettext as _

from triage import engine

_form_classes: dict[tuple[str, str, tuple[str, ...]], type[forms.Form]] = {}


class OneChoiceOnly(forms.RadioSelect):
    """A radio group posted with several values was tampered with; make it invalid."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return values[0] if len(values) == 1 else (values or None)


class SharedField:
    """Our fields are never changed per request, so each form shares them with its class.

    Django deep-copies every field (choices, widget) for each form it makes; that was one
    sixteenth of the server's time for a patient's journey (docs/benchmarks.md).
    """

    def __deepcopy__(self, memo):
        return self


class SingleAnswerField(SharedField, forms.ChoiceField):
    widget = OneChoiceOnly


class MultipleAnswerField(SharedField, forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, exclusive: dict[str, str], **kwargs):
        self.exclusive = exclusive  # slug -> label of answers that must be chosen alone
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        alone = [slug for slug in value if slug in self.exclusive]
        if alone and len(value) > 1:
            raise forms.ValidationError(
                _(
                    "“%(label)s” cannot be chosen with other answers. "
                    "Untick it, or untick the others."
                )
                % {"label": self.exclusive[alone[0]]},
                code="exclusive",
            )


def create_field(question: engine.Question) -> forms.Field:
    choices = [(option.slug, option.label) for option in question.options]
    invalid = _("Choose one of the answers shown.")
    if question.is_multiple:
        exclusive = {o.slug: o.label for o in question.options if o.exclusive}
        required = _("Select at least one answer.")
        if exclusive:
            required = _("Select at least one answer, or “%(label)s”.") % {
                "label": next(iter(exclusive.values()))
            }
        return MultipleAnswerField(
            exclusive=exclusive,
            choices=choices,
            required=question.required,
            label=question.text,
            help_text=question.help_text,
            error_messages={"required": required, "invalid_choice": invalid},
        )
    return SingleAnswerField(
        choices=choices,
        required=question.required,
        label=question.text,
        help_text=question.help_text,
        error_messages={"required": _("Select an answer."), "invalid_choice": invalid},
    )


def page_form_class(token: str, page: engine.Page, questions: tuple[engine.Question, ...]):
    key = (token, page.slug, tuple(question.slug for question in questions))
    form_class = _form_classes.get(key)
    if form_class is None:
        if len(_form_classes) > 500:  # content changed many times; drop old versions
            _form_classes.clear()
        fields = {question.slug: create_field(question) for question in questions}
        form_class = type(f"PageForm_{page.slug}", (forms.Form,), fields)
        _form_classes[key] = form_class
    return form_class


def as_answers(question: engine.Question, value) -> tuple[str, ...]:
    """A cleaned field value as the tuple of option slugs the engine reads."""
    if not value:
        return ()
    return tuple(value) if question.is_multiple else (value,)


def question_rows(form: forms.Form, questions, chosen) -> list[dict]:
    """What the template needs to draw each question: the choices, ticks and errors."""
    bound = form.is_bound
    rows = []
    for question in questions:
        name = question.slug
        picked = set(form.data.getlist(name) if bound else chosen.get(name, ()))
        errors = form.errors.get(name, []) if bound else []
        rows.append(
            {
                "name": name,
                "question": question,
                "input_type": "checkbox" if question.is_multiple else "radio",
                "errors": errors,
                "first_id": f"{name}-{question.options[0].slug}" if question.options else name,
                "options": [
                    {
                        "id": f"{name}-{option.slug}",
                        "value": option.slug,
                        "label": option.label,
                        "checked": option.slug in picked,
                        "exclusive": option.exclusive,
                    }
                    for option in question.options
                ],
            }
        )
    return rows
