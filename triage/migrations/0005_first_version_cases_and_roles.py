"""Ship the clinic test cases and staff roles, and publish the content as version 1.

The test cases cover every warning sign and every level of the default content
(docs/content/default-content.md); each later publish must pass them. Rows are only created
when missing, so running this again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations
from django.utils import timezone

from triage.snapshot import draft_snapshot

# Every required question answered with the harmless choice.
ALL_CLEAR = {
    "emergency_signs": ["none"],
    "popping_when": ["walking"],
    "popping_duration": ["under_2_weeks"],
    "pain": ["no_pain"],
    "nerve_symptoms": ["none"],
    "after_injury": ["no"],
    "swelling": ["no"],
    "movement": ["no"],
    "general_health": ["none"],
    "daily_impact": ["none"],
    "sitting": ["no"],
    "exercise": ["regularly"],
    "water": ["yes"],
}
SHARP_PAIN = {"pain": ["sharp"], "pain_spread": ["back_only"], "night_pain": ["no"]}

# (name, answers changed from ALL_CLEAR or None for only these, level, expected, excluded, note)
CASES = [
    (
        "Nothing worrying gives a normal result",
        {},
        "normal",
        [],
        ["cauda_equina", "major_trauma", "nerve_symptoms", "painful_popping"],
        "Every answer harmless: self-care advice only.",
    ),
    (
        "Saddle numbness is an emergency on the first page",
        None,
        "emergency",
        ["cauda_equina"],
        ["major_trauma"],
        "NICE NG59: suspected cauda equina syndrome needs emergency assessment. The "
        "questionnaire ends after the first page.",
    ),
    (
        "A serious accident with severe pain is an emergency",
        None,
        "emergency",
        ["major_trauma"],
        ["cauda_equina"],
        "Significant trauma: a possible spinal fracture.",
    ),
    (
        "Pain down both legs is urgent",
        {**SHARP_PAIN, "pain_spread": ["both_legs"]},
        "urgent",
        ["bilateral_leg_symptoms", "painful_popping"],
        ["radiating_pain"],
        "CKS sciatica: bilateral symptoms can be an early sign of cauda equina syndrome.",
    ),
    (
        "Tingling in a leg is urgent",
        {"nerve_symptoms": ["tingling"]},
        "urgent",
        ["nerve_symptoms"],
        [],
        "",
    ),
    (
        "Popping after an injury is urgent",
        {"after_injury": ["yes"]},
        "urgent",
        ["after_injury"],
        [],
        "",
    ),
    (
        "A high temperature is urgent",
        {"general_health": ["fever"]},
        "urgent",
        ["infection_signs"],
        [],
        "Possible spinal infection.",
    ),
    (
        "Unexplained weight loss is urgent",
        {"general_health": ["weight_loss"]},
        "urgent",
        ["serious_illness_signs"],
        [],
        "",
    ),
    (
        "Pain at night is urgent",
        {**SHARP_PAIN, "pain": ["lasting"], "night_pain": ["yes"]},
        "urgent",
        ["night_pain", "painful_popping"],
        [],
        "",
    ),
    (
        "Sharp pain with the popping needs a doctor",
        SHARP_PAIN,
        "see_doctor",
        ["painful_popping"],
        ["night_pain", "radiating_pain"],
        "",
    ),
    (
        "Pain down one leg needs a doctor",
        {**SHARP_PAIN, "pain": ["brief_discomfort"], "pain_spread": ["one_leg"]},
        "see_doctor",
        ["radiating_pain"],
        ["painful_popping", "bilateral_leg_symptoms"],
        "",
    ),
    ("Swelling needs a doctor", {"swelling": ["yes"]}, "see_doctor", ["swelling_warmth"], [], ""),
    (
        "Moving less than usual needs a doctor",
        {"movement": ["yes"]},
        "see_doctor",
        ["reduced_motion"],
        [],
        "",
    ),
    (
        "Stopping everyday things needs a doctor",
        {"daily_impact": ["stops_activities"]},
        "see_doctor",
        ["daily_life_impact"],
        [],
        "",
    ),
    (
        "A worried patient is offered a doctor",
        {"daily_impact": ["worried"]},
        "see_doctor",
        ["worried"],
        [],
        "",
    ),
]
FIRST_PAGE_ONLY = {
    "Saddle numbness is an emergency on the first page": {"emergency_signs": ["saddle_numbness"]},
    "A serious accident with severe pain is an emergency": {
        "emergency_signs": ["serious_accident"]
    },
}

CONTENT = [
    "cause",
    "warningsign",
    "recommendation",
    "outcometext",
    "clinicdetails",
    "questionnairepage",
    "question",
    "answeroption",
    "clinictestcase",
]
ROLES = {
    "Content editor": [
        *(
            f"{action}_{model}"
            for model in CONTENT
            for action in ("add", "change", "delete", "view")
        ),
        "view_contentversion",
        "preview_content",
    ],
    "Clinical publisher": [
        *(f"view_{model}" for model in CONTENT),
        "view_contentversion",
        "preview_content",
        "publish_content",
    ],
    "Viewer": ["view_submission", "view_contentversion"],
}


def add_test_cases(apps, schema_editor):
    Case, Sign = apps.get_model("triage", "ClinicTestCase"), apps.get_model("triage", "WarningSign")
    signs = {sign.slug: sign for sign in Sign.objects.all()}
    for order, (name, changes, level, expected, excluded, note) in enumerate(CASES, start=1):
        if Case.objects.filter(name=name).exists():
            continue
        answers = FIRST_PAGE_ONLY[name] if changes is None else {**ALL_CLEAR, **changes}
        case = Case.objects.create(
            name=name, answers=answers, expected_level=level, note=note, order=order
        )
        case.expected_signs.set(signs[s] for s in expected if s in signs)
        case.excluded_signs.set(signs[s] for s in excluded if s in signs)


def add_roles(apps, schema_editor):
    # Permissions are normally made after the last migration; roles need them now.
    for app in ("auth", "contenttypes", "triage"):
        config = apps.get_app_config(app)
        config.models_module = True
        create_contenttypes(config, apps=apps, verbosity=0)
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                Permission.objects.filter(content_type__app_label="triage", codename__in=codenames)
            )


HISTORY = {  # model -> its many-to-many fields with history
    "Cause": [],
    "WarningSign": [],
    "Recommendation": [],
    "OutcomeText": [],
    "ClinicDetails": [],
    "QuestionnairePage": [],
    "Question": ["shown_if"],
    "AnswerOption": ["warning_signs", "causes", "recommendations"],
    "ClinicTestCase": ["expected_signs", "excluded_signs"],
}


def record_starting_history(apps, schema_editor):
    """A "created" history record for each row, so its first edit shows before and after."""
    now = timezone.now()
    for name, m2m_fields in HISTORY.items():
        model = apps.get_model("triage", name)
        history = apps.get_model("triage", f"Historical{name}")
        if history.objects.exists():
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        records = {}
        for row in model.objects.all():
            records[row.pk] = history.objects.create(
                **{field: getattr(row, field) for field in fields},
                history_date=now,
                history_type="+",
                history_change_reason="Before history was kept",
            )
        for field in m2m_fields:
            through = model._meta.get_field(field).remote_field.through
            left, right = [f for f in through._meta.concrete_fields if f.is_relation]
            if left.related_model is not model:
                left, right = right, left
            links = apps.get_model("triage", f"Historical{name}_{field}")
            links.objects.bulk_create(
                links(id=pk, history=records[a], **{left.attname: a, right.attname: b})
                for pk, a, b in through.objects.values_list("pk", left.attname, right.attname)
            )


def publish_version_1(apps, schema_editor):
    Version = apps.get_model("triage", "ContentVersion")
    if Version.objects.exists():
        return
    Version.objects.create(
        number=1,
        snapshot=draft_snapshot(apps.get_model),
        note="The default content (docs/content/default-content.md) and its test cases.",
        published_by_name="backpop",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0004_published_versions_and_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_test_cases, migrations.RunPython.noop),
        migrations.RunPython(add_roles, migrations.RunPython.noop),
        migrations.RunPython(record_starting_history, migrations.RunPython.noop),
        migrations.RunPython(publish_version_1, migrations.RunPython.noop),
    ]
