"""What patients leave behind: anonymous results, and the counts the staff dashboard reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from triage.levels import Level


class Submission(models.Model):
    """One anonymous completed questionnaire. Holds nothing that identifies a person."""

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    submitted_on = models.DateField(_("date"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    answers = models.JSONField(_("answers"), help_text=_("Question slug to option slugs."))
    warning_signs = models.JSONField(_("matched warning signs"), default=list)
    content_version = models.PositiveBigIntegerField(_("content version"))
    # The language the patient answered in (the URL's: triage.languages), so staff know which
    # wording they read. Every earlier result was in English.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("en", _("English")), ("cy", _("Welsh"))],
        default="en",
    )
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
