"""Plain words first in the default content (issue 15), published as a new version.

Each text below replaces the default wording 0002 loaded, but only where the draft still
holds exactly that wording: a clinic's own edit is never overwritten. Jargon stays, in
brackets after the plain words. No slug, level, link or rule changes, so every emergency
rule is as it was.

Then, if the latest published version is still the untouched default content (published by
a migration, and the draft matched it before this change), the draft is published as a new
version after the same checklist staff publish through (triage.publishing.checklist). A
clinic that has edited or published its own content reviews and publishes the draft itself.
The textbook benchmark app (bench/textbook/content.py) reads PLAIN_WORDS too, so both apps
the benchmark compares show the same texts.
"""

import importlib

from django.db import migrations
from django.utils import timezone

OLD = importlib.import_module("triage.migrations.0002_default_content")
NOTE = (
    "Plain words first (issue 15): the default content reworded, medical words only in "
    "brackets after plain ones. No slug, level, link or rule changed."
)
REASON = "Plain words first (issue 15)"
PUBLISHED_BY = "backpop"  # as 0005 names itself on version 1

# model -> key -> field -> new wording. The key is the slug; an outcome's is its level.
PLAIN_WORDS = {
    "Cause": {
        "gas_release": {
            "description": "The joints in your spine hold a little fluid with gas dissolved in "
            "it. When a joint stretches, tiny gas bubbles form and burst with a pop, like when "
            "you crack your knuckles. This is harmless.",
        },
        "tendons_ligaments": {
            "title": "Tough bands of tissue moving over bone (tendons or ligaments)",
            "description": "The tough bands that join muscle to bone (tendons) and bone to bone "
            "(ligaments) can catch on a bony edge as you move and then slide back. This makes "
            "a click or pop. It is common and usually harmless.",
        },
    },
    "WarningSign": {
        "cauda_equina": {
            "explanation": "Numbness around your bottom or genitals, new problems controlling "
            "when you pee or poo, or weakness in both legs that is getting worse are warning "
            "signs. They can mean the nerves at the base of your spine are being squashed "
            "(cauda equina syndrome). This needs treatment in hospital straight away to "
            "prevent permanent damage.",
        },
        "after_injury": {
            "explanation": "Popping that began after a fall or accident needs checking. It "
            "could be an injury to the bones, joints or soft tissues of your back.",
        },
        "infection_signs": {
            "explanation": "Back pain with a high temperature, or feeling hot and shivery, can "
            "be a sign of an infection in the spine. This is rare, but it needs checking today.",
        },
        "serious_illness_signs": {
            "title": "Your health history or signs that need checking soon",
            "explanation": "Weight loss you cannot explain, having had cancer, a weakened immune "
            "system or taking steroid tablets for a long time make some rarer causes of back "
            "pain more likely. A doctor should rule these out soon.",
        },
        "night_pain": {
            "explanation": "Pain that wakes you at night or does not ease when you lie still is "
            "not typical of everyday back strain. A doctor should check it today.",
        },
        "painful_popping": {
            "explanation": "Popping on its own is usually harmless. But popping with sharp, "
            "lasting or worsening pain should be checked by a doctor or physiotherapist.",
        },
        "radiating_pain": {
            "explanation": "Pain that spreads into your buttock or down one leg can mean a nerve "
            "is irritated (sciatica). A doctor or physiotherapist can check it and help.",
        },
        "swelling_warmth": {
            "explanation": "Swelling or warmth can mean the area is irritated and sore "
            "(inflamed). This is worth having checked.",
        },
        "reduced_motion": {
            "explanation": "If you can move or bend your back less than usual, a joint or muscle "
            "may have a problem. A doctor or physiotherapist can check it.",
        },
        "daily_life_impact": {
            "title": "Gets in the way of daily life or sleep",
            "explanation": "When back popping or pain gets in the way of daily life or sleep, "
            "get help. A doctor or physiotherapist can help you get better sooner.",
        },
        "worried": {
            "explanation": "If you are worried or unsure, it is always fine to ask. A doctor or "
            "physiotherapist can check your back.",
        },
    },
    "Recommendation": {
        "exercise_stretching": {
            "title": "Keep active: exercise and stretch often",
            "description": "Moving and stretching often keeps your spine flexible and healthy.",
        },
        "back_stretches": {
            "title": "Try gentle stretches for your back",
            "description": "Gentle stretches for your back help your joints move and may reduce "
            "popping.",
        },
        "core_strength": {"title": "Strengthen your tummy and back muscles (your core)"},
    },
    "OutcomeText": {
        "emergency": {"call_to_action": "Call the emergency number or go to A&E now."},
        "urgent": {"heading": "Get medical help today"},
        "see_doctor": {"heading": "Get your back checked by a doctor or physiotherapist"},
    },
    "QuestionnairePage": {
        "injury-and-movement": {"title": "Injury, swelling and how your back moves"},
        "habits": {"intro": "Your answers here help us choose the self-care advice for you."},
    },
}


def old_wording() -> dict:
    """What 0002 loaded, in the shape of PLAIN_WORDS (every text field it set)."""
    return {
        "Cause": {s: {"title": t, "description": d} for s, t, d in OLD.CAUSES},
        "WarningSign": {
            s: {"title": t, "explanation": e} for s, t, _level, e, _source in OLD.WARNING_SIGNS
        },
        "Recommendation": {
            s: {"title": t, "description": d} for s, _kind, t, _normal, d in OLD.RECOMMENDATIONS
        },
        "OutcomeText": {
            level: {"heading": h, "summary": s, "call_to_action": c}
            for level, h, s, c in OLD.OUTCOMES
        },
        "QuestionnairePage": {s: {"title": t, "intro": i} for s, t, i, _q in OLD.PAGES},
    }


def reword(apps, schema_editor):
    # Imported here: the textbook benchmark app reads PLAIN_WORDS without backpop's models.
    from triage.publishing import checklist
    from triage.snapshot import draft_snapshot

    Version = apps.get_model("triage", "ContentVersion")
    before = draft_snapshot(apps.get_model)
    old = old_wording()
    for name, rows in PLAIN_WORDS.items():
        model = apps.get_model("triage", name)
        history = apps.get_model("triage", f"Historical{name}")
        key = "level" if name == "OutcomeText" else "slug"
        for slug, fields in rows.items():
            row = model.objects.filter(**{key: slug}).first()
            if row is None:
                continue
            changed = False
            for field, new in fields.items():
                if getattr(row, field) == old[name][slug][field]:
                    setattr(row, field, new)
                    changed = True
            if changed:
                row.save()
                _record_history(model, history, row)

    latest = Version.objects.order_by("-number").first()
    untouched = (
        latest is not None
        and latest.published_by_id is None
        and latest.published_by_name == PUBLISHED_BY
        and latest.snapshot == before
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
    """A "changed" record, as the admin leaves, so each object's History shows the rewording.

    Reworded rows have no many-to-many fields with history, so the record is the row alone.
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
    dependencies = [("triage", "0011_api_tokens")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
