"""The one row a finished questionnaire stores: its level and the chosen answers' slugs."""

from django.db import models


class Result(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    level = models.CharField(max_length=20)
    answers = models.JSONField()  # question slug -> chosen option slugs

    def __str__(self):
        return f"{self.level} at {self.created:%Y-%m-%d %H:%M}"
