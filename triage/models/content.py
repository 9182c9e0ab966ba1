"""The content clinic staff edit in the admin: the draft.

Staff edit these tables freely; patients never read them. Publishing copies the whole draft
into an immutable, numbered ContentVersion (triage/models/releases.py). Every change keeps its
before and after values (django-simple-history), even after the staff account is deleted.

Each patient-facing text has a column per language beside it (`title_en`, `title_cy`), added
by django-modeltranslation from triage/translation.py, which also registers the history of
the content models (after the Welsh columns exist, so their history records them too).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from triage.levels import Level
from triage.validation import exclusive_option_error, page_slug_error


class EditedBy(models.Model):
    """Who made a change, by name: the name stays when the staff account is deleted."""

    history_username = models.CharField(_("changed by"), max_length=150, blank=True)

    class Meta:
        abstract = True


def _history(**kwargs) -> HistoricalRecords:
    return HistoricalRecords(bases=[EditedBy], **kwargs)


class Translated(models.Model):
    """Content with texts in every language: a reviewer ticks off the translations."""

    translation_reviewed = models.BooleanField(
        _("translation reviewed"),
        default=False,
        help_text=_(
            "Tick once a clinician who reads Welsh has checked this item's Welsh texts against "
            "the English. Until then the checklist lists it as needing review."
        ),
    )

    class Meta:
        abstract = True


class ContentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Content(Translated):
    """Fields every piece of editable content shares."""

    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier used by code, tests and exports. Change with care."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to retire this item without deleting its history."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Cause(Content):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta(Content.Meta):
        verbose_name = _("cause")

    def __str__(self):
        return self.title


class WarningSign(Content):
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    explanation = models.TextField(
        _("why this matters"), help_text=_("Plain-language explanation shown to patients.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta(Content.Meta):
        verbose_name = _("warning sign")

    def __str__(self):
        return self.title

    def clean(self):
        # The English text, in its own column (django-modeltranslation: triage/translation.py).
        if not (self.explanation_en or "").strip():
            raise ValidationError(
                {"explanation_en": _("A warning sign needs an explanation for patients.")}
            )


class Recommendation(Content):
    class Kind(models.TextChoices):
        SELF_CARE = "self_care", _("Self-care")
        GET_HELP = "get_help", _("Get help if")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    shown_on_normal = models.BooleanField(
        _("shown on every normal result"),
        default=False,
        help_text=_("Self-care advice every patient with a normal result sees."),
    )

    class Meta(Content.Meta):
        verbose_name = _("recommendation")

    def __str__(self):
        return self.title


class OutcomeText(Translated):
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, unique=True)
    heading = models.CharField(_("heading"), max_length=200)
    summary = models.TextField(_("summary"))
    call_to_action = models.CharField(_("what to do"), max_length=300)

    class Meta:
        verbose_name = _("outcome text")
        ordering = ["level"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.heading}"


class ClinicDetails(Translated):
    """The one record of the clinic's contact details shown on results."""

    name = models.CharField(_("clinic name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    booking_url = models.URLField(_("booking link"), blank=True)
    emergency_number = models.CharField(_("emergency number"), max_length=20, default="999")

    class Meta:
        verbose_name = _("clinic details")
        verbose_name_plural = _("clinic details")

    def __str__(self):
        return self.name


class QuestionnairePage(Content):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta(Content.Meta):
        verbose_name = _("questionnaire page")

    def __str__(self):
        return self.title

    def clean(self):
        error = page_slug_error(self.slug)
        if error:
            raise ValidationError({"slug": error})


class Question(Content):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        YES_NO = "yes_no", _("Yes or no")

    page = models.ForeignKey(QuestionnairePage, on_delete=models.PROTECT, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=True)
    shown_if = models.ManyToManyField(
        "AnswerOption",
        blank=True,
        related_name="reveals",
        verbose_name=_("shown if any of these answers was given"),
        help_text=_("Leave empty to always ask. Only answers on earlier pages can be chosen."),
    )

    class Meta(Content.Meta):
        verbose_name = _("question")

    def __str__(self):
        return self.text


class AnswerOption(Translated):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("Stable identifier, unique within the question.")
    )
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveIntegerField(_("order"), default=0)
    exclusive = models.BooleanField(
        _("exclusive"),
        default=False,
        help_text=_('For "None of these": cannot be chosen together with other answers.'),
    )
    is_active = models.BooleanField(_("active"), default=True)
    warning_signs = models.ManyToManyField(
        WarningSign, blank=True, related_name="triggered_by", verbose_name=_("triggers")
    )
    causes = models.ManyToManyField(
        Cause, blank=True, related_name="suggested_by", verbose_name=_("suggests causes")
    )
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="added_by", verbose_name=_("adds advice")
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer option")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "slug"], name="answer_option_slug_unique_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question.slug}: {self.label}"

    def clean(self):
        error = self.question_id and exclusive_option_error(self.question.kind, self.exclusive)
        if error:
            raise ValidationError({"exclusive": error})
