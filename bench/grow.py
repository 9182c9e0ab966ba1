"""Content grown ten times, for the query-budget tests and the publishing benchmark."""

from triage.models import AnswerOption, Cause, QuestionnairePage, Recommendation, WarningSign


def grow_content_tenfold():
    """Add nine times the default content: optional pages, questions, options and links."""
    signs = list(WarningSign.objects.all())
    causes = list(Cause.objects.all())
    advice = list(Recommendation.objects.all())
    pages = list(QuestionnairePage.objects.prefetch_related("questions__options"))
    for copy in range(1, 10):
        for sign in signs:
            WarningSign.objects.create(
                slug=f"{sign.slug}_{copy}",
                title=sign.title,
                level=sign.level,
                explanation=sign.explanation,
                order=sign.order + 100 * copy,
            )
        for cause in causes:
            Cause.objects.create(slug=f"{cause.slug}_{copy}", title=cause.title)
        for item in advice:
            Recommendation.objects.create(
                slug=f"{item.slug}_{copy}", kind=item.kind, title=item.title
            )
        for page in pages:
            new_page = QuestionnairePage.objects.create(
                slug=f"{page.slug}-{copy}", title=page.title, order=page.order + 100 * copy
            )
            for question in page.questions.all():
                new_question = new_page.questions.create(
                    slug=f"{question.slug}_{copy}",
                    text=question.text,
                    kind=question.kind,
                    required=False,
                    order=question.order,
                )
                for option in question.options.all():
                    new_option = AnswerOption.objects.create(
                        question=new_question,
                        slug=option.slug,
                        label=option.label,
                        order=option.order,
                        exclusive=option.exclusive,
                    )
                    new_option.warning_signs.set(
                        WarningSign.objects.filter(
                            slug__in=[f"{s.slug}_{copy}" for s in option.warning_signs.all()]
                        )
                    )
