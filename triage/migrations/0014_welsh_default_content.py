"""Welsh texts for the default content (issue 16), published as a new version.

welsh_default_content.json holds, for each default text, the English it translates and its
Welsh. A Welsh text is filled in only where the item's Welsh is still empty and its English
is still exactly that default wording: a clinic's own text, English or Welsh, is never
overwritten or given a translation of something else. Every item stays marked "translation
reviewed" = no, so the checklist lists it for a Welsh-speaking clinician to check.

Then, if the latest published version is still the untouched default content (published by
a migration, and the draft matched it before this change), the draft is published as a new
version after the same checklist staff publish through (triage.publishing.checklist), so a
new service offers Welsh from its first start. A clinic that has edited or published its
own content translates, reviews and publishes the draft itself.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

TEXTS = json.loads((Path(__file__).parent / "welsh_default_content.json").read_text("utf-8"))
NOTE = (
    "Welsh texts for the default content (issue 16), to be reviewed by a Welsh-speaking "
    "clinician. No English text, slug, level, link or rule changed."
)
REASON = "Welsh texts for the default content (issue 16)"
PUBLISHED_BY = "backpop"  # as 0005 names itself on version 1


def _rows(apps, name: str):
    """Each item of model `name` by the key the JSON uses."""
    model = apps.get_model("triage", name)
    if name == "AnswerOption":
        rows = model.objects.select_related("question")
        return model, {f"{row.question.slug}/{row.slug}": row for row in rows}
    if name == "ClinicDetails":
        clinic = model.objects.order_by("pk").first()
        return model, ({"clinic": clinic} if clinic else {})
    key = "level" if name == "OutcomeText" else "slug"
    return model, {getattr(row, key): row for row in model.objects.all()}


def english_only(snapshot: dict) -> dict:
    """A snapshot without its languages: what a version published before them holds."""

    def strip(value):
        if isinstance(value, list):
            return [strip(item) for item in value]
        if not isinstance(value, dict):
            return value
        return {
            key: strip(item)
            for key, item in value.items()
            if not key.endswith("_cy") and key not in ("translation_reviewed", "format")
        }

    return strip(snapshot)


def add_welsh(apps, schema_editor):
    from triage.publishing import checklist
    from triage.snapshot import draft_snapshot

    Version = apps.get_model("triage", "ContentVersion")
    before = draft_snapshot(apps.get_model)
    for name, items in TEXTS.items():
        model, rows = _rows(apps, name)
        history = apps.get_model("triage", f"Historical{name}")
        for key, fields in items.items():
            row = rows.get(key)
            if row is None:
                continue
            changed = False
            for field, text in fields.items():
                if getattr(row, f"{field}_en") == text["en"] and not getattr(row, f"{field}_cy"):
                    setattr(row, f"{field}_cy", text["cy"])
                    changed = True
            if changed:
                row.save()
                _record_history(model, history, row)

    latest = Version.objects.order_by("-number").first()
    untouched = (
        latest is not None
        and latest.published_by_id is None
        and latest.published_by_name == PUBLISHED_BY
        and english_only(latest.snapshot) == english_only(before)
    )
    snapshot = draft_snapshot(apps.get_model)
    if not untouched or snapshot == before:
        return
    result = checklist(snapshot)
    if result.blocking or result.of("acknowledge"):
        return  # left for staff to review in the checklist, as any draft
    Version.objects.create(
        number=latest.number + 1,
        snapshot=snapshot,
        note=NOTE,
        published_at=timezone.now(),
        published_by_name=PUBLISHED_BY,
    )


def _record_history(model, history, row):
    """A "changed" record, as the admin leaves, so each object's History shows the Welsh.

    The translated rows' many-to-many links do not change, so the record is the row alone.
    """
    fields = [f.attname for f in model._meta.concrete_fields]
    history.objects.create(
        **{field: getattr(row, field) for field in fields},
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=REASON,
        history_username=PUBLISHED_BY,
    )


class Migration(migrations.Migration):
    dependencies = [("triage", "0013_languages")]

    operations = [migrations.RunPython(add_welsh, migrations.RunPython.noop)]
