"""Content grown ten times, for the query-budget tests and the publishing benchmark: in
every language, so that it can be published while Welsh is offered."""

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
                title_cy=sign.title_cy,
                level=sign.level,
                explanation=sign.explanation,
                explanation_cy=sign.explanation_cy,
                order=sign.order + 100 * copy,
            )
        for cause in causes:
            Cause.objects.create(
                slug=f"{cause.slug}_{copy}", title=cause.title, title_cy=cause.title_cy
            )
        for item in advice:
            Recommendation.objects.create(
                slug=f"{item.slug}_{copy}", kind=item.kind, title=item.title, title_cy=item.title_cy
            )
        for page in pages:
            new_page = QuestionnairePage.objects.create(
                slug=f"{page.slug}-{copy}",
                title=page.title,
                title_cy=page.title_cy,
                order=page.order + 100 * copy,
            )
            for question in page.questions.all():
                new_question = new_page.questions.create(
                    slug=f"{question.slug}_{copy}",
                    text=question.text,
                    text_cy=question.text_cy,
                    kind=question.kind,
                    required=False,
                    order=question.order,
                )
                for option in question.options.all():
                    new_option = AnswerOption.objects.create(
                        question=new_question,
                        slug=option.slug,
                        label=option.label,
                        label_cy=option.label_cy,
                        order=option.order,
                        exclusive=option.exclusive,
                    )
                    new_option.warning_signs.set(
                        WarningSign.objects.filter(
                            slug__in=[f"{s.slug}_{copy}" for s in option.warning_signs.all()]
                        )
                    )
