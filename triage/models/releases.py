"""Releases of the content: the clinic's test cases and the published, numbered versions."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from triage.levels import Level
from triage.models.content import WarningSign, _history


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
