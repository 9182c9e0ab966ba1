"""The start page, the wizard over the page forms, and the result of a finished wizard."""

from django.shortcuts import get_object_or_404, redirect, render
from formtools.wizard.views import NamedUrlSessionWizardView

from bench.textbook.content import OUTCOMES, PAGES, QUESTIONS, assess
from bench.textbook.forms import ANSWERS_STEP, CONDITIONS, FORM_LIST
from bench.textbook.models import Result

PAGE = {page.slug: page for page in PAGES}


def start(request):
    return render(request, "textbook/start.html")


class Questionnaire(NamedUrlSessionWizardView):
    form_list = FORM_LIST
    condition_dict = CONDITIONS

    def get_template_names(self):
        if self.steps.current == ANSWERS_STEP:
            return ["textbook/check_answers.html"]
        return ["textbook/page.html"]

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["page"] = PAGE.get(self.steps.current)
        if self.steps.current == ANSWERS_STEP:
            context["summary"] = [
                {"page": PAGE[step], "answers": self._labels(step)}
                for step in self.get_form_list()
                if step != ANSWERS_STEP
            ]
        return context

    def _labels(self, step):
        data = self.get_cleaned_data_for_step(step) or {}
        rows = []
        for question in PAGE[step].questions:
            value = data.get(question.slug) or []
            chosen = [value] if isinstance(value, str) else value
            labels = [o.label for o in question.options if o.slug in chosen]
            rows.append({"question": question.text, "labels": labels})
        return rows

    def done(self, form_list, form_dict, **kwargs):
        answers = {}
        for form in form_list:
            for name, value in form.cleaned_data.items():
                if name in QUESTIONS and value:
                    answers[name] = [value] if isinstance(value, str) else list(value)
        result = Result.objects.create(level=assess(answers).level, answers=answers)
        self.request.session["result_id"] = result.pk
        return redirect("result")


questionnaire = Questionnaire.as_view(url_name="step", done_step_name="done")


def result(request):
    if "result_id" not in request.session:
        return redirect("start")
    stored = get_object_or_404(Result, pk=request.session["result_id"])
    assessment = assess(stored.answers)
    context = {"result": stored, "assessment": assessment, "outcome": OUTCOMES[assessment.level]}
    return render(request, "textbook/result.html", context)
