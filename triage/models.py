"""Triage content that clinic staff edit in the admin, and the anonymous submissions.

The content tables are the draft: staff edit them freely, and patients never read them.
Publishing copies the whole draft into an immutable, numbered ContentVersion, and patients
are assessed with the latest one. Every change to the draft keeps its before and after
values (django-simple-history), even after the staff account is deleted.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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


class ContentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Content(models.Model):
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

    history = _history()

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

    history = _history()

    class Meta(Content.Meta):
        verbose_name = _("warning sign")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.explanation or not self.explanation.strip():
            raise ValidationError(
                {"explanation": _("A warning sign needs an explanation for patients.")}
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

    history = _history()

    class Meta(Content.Meta):
        verbose_name = _("recommendation")

    def __str__(self):
        return self.title


class OutcomeText(models.Model):
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, unique=True)
    heading = models.CharField(_("heading"), max_length=200)
    summary = models.TextField(_("summary"))
    call_to_action = models.CharField(_("what to do"), max_length=300)

    history = _history()

    class Meta:
        verbose_name = _("outcome text")
        ordering = ["level"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.heading}"


class ClinicDetails(models.Model):
    """The one record of the clinic's contact details shown on results."""

    name = models.CharField(_("clinic name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    booking_url = models.URLField(_("booking link"), blank=True)
    emergency_number = models.CharField(_("emergency number"), max_length=20, default="999")

    history = _history()

    class Meta:
        verbose_name = _("clinic details")
        verbose_name_plural = _("clinic details")

    def __str__(self):
        return self.name


class QuestionnairePage(Content):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)

    history = _history()

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

    history = _history(m2m_fields=["shown_if"])

    class Meta(Content.Meta):
        verbose_name = _("question")

    def __str__(self):
        return self.text


class AnswerOption(models.Model):
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

    history = _history(m2m_fields=["warning_signs", "causes", "recommendations"])

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


class ClinicTestCase(models.Model):
    """A set of answers and the result the clinic expects: checked before every publish."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    answers = models.JSONField(
        _("answers"),
        help_text=_(
            'Question slug to a list of option slugs, e.g. {"emergency_signs": '
            '["saddle_numbness"]}. Give every required question the patient would be asked.'
        ),
    )
    expected_level = models.CharField(_("expected level"), max_length=20, choices=Level.choices)
    expected_signs = models.ManyToManyField(
        WarningSign,
        blank=True,
        related_name="expected_by",
        verbose_name=_("expected warning signs"),
        help_text=_("Each of these must be in the result."),
    )
    excluded_signs = models.ManyToManyField(
        WarningSign,
        blank=True,
        related_name="excluded_by",
        verbose_name=_("excluded warning signs"),
        help_text=_("None of these may be in the result."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Why the clinic expects this."))
    order = models.PositiveIntegerField(_("order"), default=0)

    history = _history(m2m_fields=["expected_signs", "excluded_signs"])

    class Meta:
        verbose_name = _("clinic test case")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class ContentVersion(models.Model):
    """One published release of the content: an immutable snapshot of the whole draft.

    Patients are assessed with the latest number; rolling back publishes an earlier
    snapshot again under a new number, so the list of versions is the full release record.
    """

    number = models.PositiveIntegerField(_("version"), unique=True)
    snapshot = models.JSONField(_("snapshot"), editable=False)
    note = models.TextField(_("change note"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publisher's account"),
    )
    # Kept when the account is deleted, so the release record still names the publisher.
    published_by_name = models.CharField(_("published by"), max_length=150)
    rolled_back_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rolls back to"),
    )
    # Unique per release even when a rolled-back test transaction reuses a number, so a
    # process never mistakes one snapshot for another.
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("published version")
        ordering = ["-number"]
        permissions = [
            ("publish_content", _("Can publish the draft or roll back to a version")),
            ("preview_content", _("Can preview the draft and run its test cases")),
        ]

    def __str__(self):
        return _("Version %(number)d") % {"number": self.number}


class Submission(models.Model):
    """One anonymous completed questionnaire. Holds nothing that identifies a person."""

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    submitted_on = models.DateField(_("date"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    answers = models.JSONField(_("answers"), help_text=_("Question slug to option slugs."))
    warning_signs = models.JSONField(_("matched warning signs"), default=list)
    content_version = models.PositiveBigIntegerField(_("content version"))
    # The patient's journey id (random, from their server-side session): one result per
    # journey, however often the result is requested or replayed.
    journey = models.CharField(_("journey"), max_length=64, unique=True, null=True, editable=False)
    # From the journey's start to its stored result, for the dashboard's median; a duration
    # only, never a time of day. Empty for results stored before it was recorded.
    seconds_to_complete = models.PositiveIntegerField(
        _("seconds to complete"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("submission")
        ordering = ["-submitted_on", "-pk"]
        indexes = [
            models.Index(fields=["submitted_on"]),
            # The dashboard's counts read this index alone, never the answers in the table,
            # so a million rows still render quickly (migration 0010 adds one for the signs).
            models.Index(
                fields=["submitted_on", "content_version", "level", "seconds_to_complete"],
                name="submission_insights",
            ),
        ]
        permissions = [("export_submissions", _("Can export submissions as CSV"))]

    def __str__(self):
        return self.reference


class JourneyCount(models.Model):
    """How many journeys reached a stage on a day: the questionnaire's anonymous funnel.

    Only counts: no journey id, no answers, no time of day, so nothing links a count to
    anyone. `page` names the questionnaire page for the "page" stage and is empty otherwise.
    """

    class Stage(models.TextChoices):
        STARTED = "started", _("Started")
        PAGE = "page", _("Answered a page")
        EMERGENCY_EXIT = "emergency_exit", _("Ended early by an emergency answer")
        FINISHED = "finished", _("Finished")

    day = models.DateField(_("day"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    page = models.SlugField(_("page"), max_length=60, blank=True)
    count = models.PositiveIntegerField(_("journeys"), default=0)

    class Meta:
        verbose_name = _("journey count")
        constraints = [
            models.UniqueConstraint(fields=["day", "stage", "page"], name="journey_count_unique")
        ]

    def __str__(self):
        return f"{self.day} {self.stage} {self.page}: {self.count}"


class DailyTally(models.Model):
    """A finished day's results counted once, so the dashboard never recounts a million rows.

    Per day and content version: results per level, per warning sign and per whole second
    taken (the median's histogram), plus one "day" row marking the day as counted. Only days
    before today are counted (no more results can arrive for them); today is counted live.
    """

    class Kind(models.TextChoices):
        DAY = "day", _("Day counted")
        LEVEL = "level", _("Results per level")
        SIGN = "sign", _("Results per warning sign")
        SECONDS = "seconds", _("Results per seconds taken")

    day = models.DateField(_("day"))
    content_version = models.PositiveBigIntegerField(_("content version"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("level, sign or seconds"), max_length=60, blank=True)
    count = models.PositiveIntegerField(_("results"))

    class Meta:
        verbose_name = _("daily tally")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "day", "content_version", "key"], name="daily_tally_unique"
            )
        ]

    def __str__(self):
        return f"{self.day} v{self.content_version} {self.kind} {self.key}: {self.count}"


class Insights(Submission):
    """The staff dashboard's place in the admin index (no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = _("insights")
        default_permissions = ()
