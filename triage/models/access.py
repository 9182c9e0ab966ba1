"""Keys that let a clinic's record system read the FHIR endpoints without a staff login."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def digest(key: str) -> str:
    """Only this is stored: a leaked database does not leak working keys."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A read-only key for /fhir/ endpoints, shown once when created, revocable by staff."""

    name = models.CharField(
        _("what it is for"), max_length=200, help_text=_("e.g. the record system that uses it.")
    )
    prefix = models.CharField(_("starts with"), max_length=PREFIX_LENGTH, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.CharField(_("created by"), max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_on = models.DateField(_("last used"), null=True, blank=True, editable=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to revoke the key at once.")
    )

    class Meta:
        verbose_name = _("API token")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def issue(self) -> str:
        """Give this token a new random key; return it (the only time it can be seen)."""
        key = secrets.token_urlsafe(32)
        self.prefix = key[:PREFIX_LENGTH]
        self.key_digest = digest(key)
        return key
