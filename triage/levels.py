"""The four outcome levels. They are fixed in code because their order drives triage."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SEE_DOCTOR = "see_doctor", _("See a doctor")
    URGENT = "urgent", _("Urgent today")
    EMERGENCY = "emergency", _("Emergency")


# Higher is more urgent; the result is the most urgent level among matched warning signs.
URGENCY = {Level.NORMAL: 0, Level.SEE_DOCTOR: 1, Level.URGENT: 2, Level.EMERGENCY: 3}
