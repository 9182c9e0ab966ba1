"""A column per language beside each patient-facing text (django-modeltranslation), the
"translation reviewed" mark, and the language of each submission.

The English columns (`title_en`) start as copies of the texts (`title`), in the content
tables and in their history. From here on the language columns are what the service reads:
a later data migration that changes a text writes its `_en` (or `_cy`) column.
"""

from django.db import migrations, models
from django.db.models import F

from triage.languages import TRANSLATED_FIELDS


def copy_english(apps, schema_editor):
    for name, fields in TRANSLATED_FIELDS.items():
        for model_name in (name, f"Historical{name}"):
            model = apps.get_model("triage", model_name)
            model.objects.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0012_plain_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="answeroption",
            name="label_cy",
            field=models.CharField(max_length=300, null=True, verbose_name="label"),
        ),
        migrations.AddField(
            model_name="answeroption",
            name="label_en",
            field=models.CharField(max_length=300, null=True, verbose_name="label"),
        ),
        migrations.AddField(
            model_name="answeroption",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="cause",
            name="description_cy",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="cause",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="cause",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="cause",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="cause",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="clinicdetails",
            name="name_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="clinic name"),
        ),
        migrations.AddField(
            model_name="clinicdetails",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="clinic name"),
        ),
        migrations.AddField(
            model_name="clinicdetails",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalansweroption",
            name="label_cy",
            field=models.CharField(max_length=300, null=True, verbose_name="label"),
        ),
        migrations.AddField(
            model_name="historicalansweroption",
            name="label_en",
            field=models.CharField(max_length=300, null=True, verbose_name="label"),
        ),
        migrations.AddField(
            model_name="historicalansweroption",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalcause",
            name="description_cy",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="historicalcause",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="historicalcause",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalcause",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalcause",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicdetails",
            name="name_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="clinic name"),
        ),
        migrations.AddField(
            model_name="historicalclinicdetails",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="clinic name"),
        ),
        migrations.AddField(
            model_name="historicalclinicdetails",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="call_to_action_cy",
            field=models.CharField(max_length=300, null=True, verbose_name="what to do"),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="call_to_action_en",
            field=models.CharField(max_length=300, null=True, verbose_name="what to do"),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="heading_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="heading"),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="heading_en",
            field=models.CharField(max_length=200, null=True, verbose_name="heading"),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="summary_cy",
            field=models.TextField(null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="summary_en",
            field=models.TextField(null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="historicaloutcometext",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalquestion",
            name="help_text_cy",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="help text"),
        ),
        migrations.AddField(
            model_name="historicalquestion",
            name="help_text_en",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="help text"),
        ),
        migrations.AddField(
            model_name="historicalquestion",
            name="text_cy",
            field=models.CharField(max_length=300, null=True, verbose_name="question"),
        ),
        migrations.AddField(
            model_name="historicalquestion",
            name="text_en",
            field=models.CharField(max_length=300, null=True, verbose_name="question"),
        ),
        migrations.AddField(
            model_name="historicalquestion",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalquestionnairepage",
            name="intro_cy",
            field=models.TextField(blank=True, null=True, verbose_name="introduction"),
        ),
        migrations.AddField(
            model_name="historicalquestionnairepage",
            name="intro_en",
            field=models.TextField(blank=True, null=True, verbose_name="introduction"),
        ),
        migrations.AddField(
            model_name="historicalquestionnairepage",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalquestionnairepage",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalquestionnairepage",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalrecommendation",
            name="description_cy",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="historicalrecommendation",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="historicalrecommendation",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalrecommendation",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalrecommendation",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="historicalwarningsign",
            name="explanation_cy",
            field=models.TextField(
                help_text="Plain-language explanation shown to patients.",
                null=True,
                verbose_name="why this matters",
            ),
        ),
        migrations.AddField(
            model_name="historicalwarningsign",
            name="explanation_en",
            field=models.TextField(
                help_text="Plain-language explanation shown to patients.",
                null=True,
                verbose_name="why this matters",
            ),
        ),
        migrations.AddField(
            model_name="historicalwarningsign",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalwarningsign",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalwarningsign",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="call_to_action_cy",
            field=models.CharField(max_length=300, null=True, verbose_name="what to do"),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="call_to_action_en",
            field=models.CharField(max_length=300, null=True, verbose_name="what to do"),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="heading_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="heading"),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="heading_en",
            field=models.CharField(max_length=200, null=True, verbose_name="heading"),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="summary_cy",
            field=models.TextField(null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="summary_en",
            field=models.TextField(null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="outcometext",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="help_text_cy",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="help text"),
        ),
        migrations.AddField(
            model_name="question",
            name="help_text_en",
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name="help text"),
        ),
        migrations.AddField(
            model_name="question",
            name="text_cy",
            field=models.CharField(max_length=300, null=True, verbose_name="question"),
        ),
        migrations.AddField(
            model_name="question",
            name="text_en",
            field=models.CharField(max_length=300, null=True, verbose_name="question"),
        ),
        migrations.AddField(
            model_name="question",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="questionnairepage",
            name="intro_cy",
            field=models.TextField(blank=True, null=True, verbose_name="introduction"),
        ),
        migrations.AddField(
            model_name="questionnairepage",
            name="intro_en",
            field=models.TextField(blank=True, null=True, verbose_name="introduction"),
        ),
        migrations.AddField(
            model_name="questionnairepage",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="questionnairepage",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="questionnairepage",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="description_cy",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("cy", "Welsh")],
                default="en",
                max_length=8,
                verbose_name="language",
            ),
        ),
        migrations.AddField(
            model_name="warningsign",
            name="explanation_cy",
            field=models.TextField(
                help_text="Plain-language explanation shown to patients.",
                null=True,
                verbose_name="why this matters",
            ),
        ),
        migrations.AddField(
            model_name="warningsign",
            name="explanation_en",
            field=models.TextField(
                help_text="Plain-language explanation shown to patients.",
                null=True,
                verbose_name="why this matters",
            ),
        ),
        migrations.AddField(
            model_name="warningsign",
            name="title_cy",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="warningsign",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="warningsign",
            name="translation_reviewed",
            field=models.BooleanField(
                default=False,
                help_text="Tick once a clinician who reads Welsh has checked this item's Welsh texts against the English. Until then the checklist lists it as needing review.",
                verbose_name="translation reviewed",
            ),
        ),
        migrations.RunPython(copy_english, migrations.RunPython.noop),
    ]
