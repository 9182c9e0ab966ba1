"""Load the default content of docs/content/default-content.md.

Rows are matched by slug and only created when missing, so migrating again adds nothing and
never overwrites what clinic staff have edited since.
"""

from django.db import migrations

A = "[A] Back popping when walking: causes and when to worry"

CAUSES = [
    (
        "gas_release",
        "Gas bubbles in the joint fluid (cavitation)",
        "The joints of your spine are lubricated by fluid that holds dissolved gas. When a joint "
        "stretches, the pressure drops and tiny gas bubbles form and collapse with a pop, like "
        "cracking your knuckles. This is harmless.",
    ),
    (
        "tendons_ligaments",
        "Tendons or ligaments moving over bone",
        "Tendons and ligaments can briefly snap over a bony edge as you move and then slide back, "
        "which makes a click or pop. This is common and usually harmless.",
    ),
    (
        "alignment_shift",
        "Small shifts of the spinal joints as you move",
        "As you move, the small joints between the bones of your spine adjust slightly. These "
        "shifts can make a popping sound and are a normal part of how joints work.",
    ),
]

WARNING_SIGNS = [
    (
        "cauda_equina",
        "Signs of pressure on the nerves at the base of the spine",
        "emergency",
        "Numbness around your bottom or genitals, new problems controlling your bladder or bowel, "
        "or worsening weakness in both legs can mean the nerves at the base of your spine are "
        "being squashed (cauda equina syndrome). This needs treatment in hospital straight away "
        "to prevent permanent damage.",
        "[N] NICE NG59 and CKS: cauda equina syndrome red flags",
    ),
    (
        "major_trauma",
        "Severe pain after a serious accident",
        "emergency",
        "Severe back pain after a serious accident or a bad fall can mean a broken bone in the "
        "spine. It needs to be checked in an emergency department now.",
        "[N] significant trauma; " + A + ": popping after trauma",
    ),
    (
        "bilateral_leg_symptoms",
        "Pain spreading down both legs",
        "urgent",
        "Pain going down both legs can be an early sign of pressure on several nerves at once. "
        "A doctor should check you today.",
        "[N] CKS sciatica: bilateral sciatica as a cauda equina warning",
    ),
    (
        "nerve_symptoms",
        "Numbness, tingling or weakness in a leg",
        "urgent",
        "Numbness, pins and needles or weakness in a leg or foot can mean a nerve is being "
        "pressed on. A doctor should check you today.",
        A + ": neurological symptoms are red flags",
    ),
    (
        "after_injury",
        "Popping that started after a fall, accident or injury",
        "urgent",
        "Popping that began after a fall or accident needs checking for an injury to the bones, "
        "joints or soft tissues of your back.",
        A + ": popping after a fall, accident or trauma",
    ),
    (
        "infection_signs",
        "Fever or feeling unwell with back pain",
        "urgent",
        "Back pain with a high temperature or feeling hot and shivery can rarely be a sign of an "
        "infection in the spine, which needs checking today.",
        "[N] CKS low back pain: possible spinal infection",
    ),
    (
        "serious_illness_signs",
        "History or signs that need ruling out sooner",
        "urgent",
        "Unexplained weight loss, a history of cancer, a weakened immune system or long-term "
        "steroid tablets make some less common causes of back pain more likely. A doctor should "
        "rule these out soon.",
        "[N] CKS low back pain: possible malignancy, fracture or infection (cancer history, "
        "unexplained weight loss, weakened immune system or long-term steroids)",
    ),
    (
        "night_pain",
        "Pain at night or when lying still",
        "urgent",
        "Pain that wakes you at night or does not ease when you lie still is not typical of "
        "everyday back strain, so a doctor should check it today.",
        "[N] CKS low back pain: non-mechanical pain",
    ),
    (
        "painful_popping",
        "Sharp, lasting or worsening pain with the popping",
        "see_doctor",
        "Popping on its own is usually harmless, but popping with sharp, lasting or worsening "
        "pain should be checked by a doctor or physiotherapist.",
        A + ": pain is a significant indicator",
    ),
    (
        "radiating_pain",
        "Pain spreading into the buttock or one leg",
        "see_doctor",
        "Pain that spreads into your buttock or down one leg can mean a nerve is irritated "
        "(sciatica). A doctor or physiotherapist can assess it and help.",
        A + ": radiating pain could suggest nerve involvement",
    ),
    (
        "swelling_warmth",
        "Swelling or warmth around the area",
        "see_doctor",
        "Swelling or warmth can be a sign of inflammation, which is worth having checked.",
        A + ": signs of inflammation",
    ),
    (
        "reduced_motion",
        "Less movement than usual",
        "see_doctor",
        "Being able to move or bend your back less than usual suggests a joint or muscle "
        "problem that a doctor or physiotherapist can assess.",
        A + ": limited range of motion",
    ),
    (
        "daily_life_impact",
        "Affects daily activities or sleep",
        "see_doctor",
        "When back popping or pain gets in the way of everyday life or sleep, professional "
        "advice can help you recover sooner.",
        A + ": when to seek professional advice",
    ),
    (
        "worried",
        "You are worried or unsure",
        "see_doctor",
        "If you are worried or unsure, it is always reasonable to ask a doctor or "
        "physiotherapist to check.",
        A + ": consult a doctor if concerned or unsure",
    ),
]

RECOMMENDATIONS = [
    (
        "posture",
        "self_care",
        "Keep a good posture",
        True,
        "Stand and sit with your back supported and your weight spread evenly. Good posture "
        "spreads the load across your spine and joints.",
    ),
    (
        "exercise_stretching",
        "self_care",
        "Keep active, exercise and stretch regularly",
        True,
        "Regular activity and stretching keep your spine flexible and healthy.",
    ),
    (
        "back_stretches",
        "self_care",
        "Try gentle, targeted back stretches",
        True,
        "Gentle stretches for your back help joint movement and may reduce popping.",
    ),
    (
        "core_strength",
        "self_care",
        "Strengthen your core muscles",
        False,
        "Stronger tummy and back muscles give your spine more support.",
    ),
    (
        "hydration",
        "self_care",
        "Drink enough water through the day",
        False,
        "Your joints need fluid to move smoothly, so drink regularly through the day.",
    ),
    (
        "ergonomics",
        "self_care",
        "Set up your desk, car seat and bed to support your back",
        False,
        "Support your lower back when sitting, take breaks to move, and choose a mattress that "
        "keeps your spine straight.",
    ),
    (
        "healthy_weight",
        "self_care",
        "Keep to a healthy weight",
        False,
        "A healthy weight reduces the load on your spine.",
    ),
    (
        "get_help_pain",
        "get_help",
        "The popping keeps causing pain, or the pain gets worse or does not go away",
        False,
        "",
    ),
    (
        "get_help_new_symptoms",
        "get_help",
        "You get numbness, weakness, or pain spreading down a leg",
        False,
        "",
    ),
    ("get_help_injury", "get_help", "The popping starts after an injury or accident", False, ""),
    (
        "get_help_daily_life",
        "get_help",
        "It stops you doing daily activities or sleeping",
        False,
        "",
    ),
    ("get_help_unsure", "get_help", "You are worried or unsure", False, ""),
]

OUTCOMES = [
    (
        "emergency",
        "Get emergency help now",
        "Some of your answers can be signs of a serious problem that needs treatment in hospital "
        "straight away.",
        "Call the emergency number or go to A&E (the emergency department) now.",
    ),
    (
        "urgent",
        "Get medical advice today",
        "Some of your answers need a doctor to check you today.",
        "Contact your GP surgery or an urgent care service today.",
    ),
    (
        "see_doctor",
        "See a doctor or physiotherapist",
        "Your back popping is probably not an emergency, but some of your answers are worth "
        "having checked.",
        "Book an appointment with a doctor or physiotherapist in the next week or two.",
    ),
    (
        "normal",
        "Your back popping sounds normal",
        "Nothing you told us suggests a problem. Back popping like yours is common and usually "
        "harmless.",
        "Try the self-care advice below, and get help if anything in the list below happens.",
    ),
]

NONE = ("none", "None of these", {"exclusive": True})
YES_NO = [("yes", "Yes"), ("no", "No")]

# (page slug, title, intro, [questions]); question: (slug, kind, required, text, help,
# shown_if [(question slug, option slug)], options); option: (slug, label, links) where
# links may name warning_signs, causes, recommendations and exclusive.
PAGES = [
    (
        "emergency-check",
        "Do you have any of these right now?",
        "We ask about the most serious symptoms first.",
        [
            (
                "emergency_signs",
                "multiple",
                True,
                "Do you have any of these right now?",
                "Choose all that apply.",
                [],
                [
                    (
                        "saddle_numbness",
                        "Numbness or tingling around your bottom, genitals or inner thighs",
                        {"warning_signs": ["cauda_equina"]},
                    ),
                    (
                        "bladder_bowel_change",
                        "New problems peeing or pooing: you cannot control it, cannot go, or do not "
                        "feel the need",
                        {"warning_signs": ["cauda_equina"]},
                    ),
                    (
                        "both_legs_weak",
                        "Weakness or numbness in both legs that is getting worse",
                        {"warning_signs": ["cauda_equina"]},
                    ),
                    (
                        "serious_accident",
                        "You have just had a serious accident or bad fall and are in severe pain",
                        {"warning_signs": ["major_trauma"]},
                    ),
                    NONE,
                ],
            ),
        ],
    ),
    (
        "the-popping",
        "About the popping",
        "",
        [
            (
                "popping_when",
                "multiple",
                True,
                "When do you notice the popping?",
                "Choose all that apply.",
                [],
                [
                    ("walking", "When walking", {"causes": ["tendons_ligaments"]}),
                    ("bending_twisting", "When bending or twisting", {"causes": ["gas_release"]}),
                    (
                        "stretching",
                        "When stretching or arching my back",
                        {"causes": ["gas_release"]},
                    ),
                    (
                        "getting_up",
                        "When standing up or getting out of bed",
                        {"causes": ["alignment_shift"]},
                    ),
                ],
            ),
            (
                "popping_duration",
                "single",
                True,
                "How long has it been happening?",
                "",
                [],
                [
                    ("under_2_weeks", "Less than 2 weeks", {}),
                    ("2_to_6_weeks", "2 to 6 weeks", {}),
                    ("over_6_weeks", "More than 6 weeks", {}),
                ],
            ),
        ],
    ),
    (
        "pain",
        "Pain",
        "",
        [
            (
                "pain",
                "single",
                True,
                "Does it hurt when your back pops?",
                "",
                [],
                [
                    ("no_pain", "No", {}),
                    ("brief_discomfort", "A little discomfort that goes away quickly", {}),
                    ("sharp", "Yes, a sharp pain", {"warning_signs": ["painful_popping"]}),
                    (
                        "lasting",
                        "Yes, pain that lasts for hours or days",
                        {"warning_signs": ["painful_popping"]},
                    ),
                    (
                        "worsening",
                        "Yes, and the pain is getting worse",
                        {"warning_signs": ["painful_popping"]},
                    ),
                ],
            ),
        ],
    ),
    (
        "pain-details",
        "About the pain",
        "",
        [
            (
                "pain_spread",
                "single",
                True,
                "Where do you feel the pain?",
                "",
                [
                    ("pain", "brief_discomfort"),
                    ("pain", "sharp"),
                    ("pain", "lasting"),
                    ("pain", "worsening"),
                ],
                [
                    ("back_only", "Only in my back", {}),
                    (
                        "one_leg",
                        "It spreads into my buttock or down one leg",
                        {"warning_signs": ["radiating_pain"]},
                    ),
                    (
                        "both_legs",
                        "It spreads down both legs",
                        {"warning_signs": ["bilateral_leg_symptoms"]},
                    ),
                ],
            ),
            (
                "night_pain",
                "yes_no",
                True,
                "Does the pain wake you at night, or stay when you lie still?",
                "",
                [
                    ("pain", "brief_discomfort"),
                    ("pain", "sharp"),
                    ("pain", "lasting"),
                    ("pain", "worsening"),
                ],
                [
                    ("yes", "Yes", {"warning_signs": ["night_pain"]}),
                    ("no", "No", {}),
                ],
            ),
        ],
    ),
    (
        "nerves",
        "Numbness, tingling and weakness",
        "",
        [
            (
                "nerve_symptoms",
                "multiple",
                True,
                "Do you have any of these in a leg or foot?",
                "Choose all that apply.",
                [],
                [
                    ("numbness", "Numbness", {"warning_signs": ["nerve_symptoms"]}),
                    (
                        "tingling",
                        "Pins and needles or tingling",
                        {"warning_signs": ["nerve_symptoms"]},
                    ),
                    (
                        "weakness",
                        "Weakness, such as tripping or a foot that drags",
                        {"warning_signs": ["nerve_symptoms"]},
                    ),
                    NONE,
                ],
            ),
        ],
    ),
    (
        "injury-and-movement",
        "Injury, swelling and movement",
        "",
        [
            (
                "after_injury",
                "yes_no",
                True,
                "Did the popping start after a fall, accident or injury?",
                "",
                [],
                [("yes", "Yes", {"warning_signs": ["after_injury"]}), ("no", "No", {})],
            ),
            (
                "swelling",
                "yes_no",
                True,
                "Is there swelling, or does the area feel warm?",
                "",
                [],
                [("yes", "Yes", {"warning_signs": ["swelling_warmth"]}), ("no", "No", {})],
            ),
            (
                "movement",
                "yes_no",
                True,
                "Can you move or bend your back less than usual?",
                "",
                [],
                [("yes", "Yes", {"warning_signs": ["reduced_motion"]}), ("no", "No", {})],
            ),
        ],
    ),
    (
        "general-health",
        "Your general health",
        "",
        [
            (
                "general_health",
                "multiple",
                True,
                "Do any of these apply to you?",
                "Choose all that apply.",
                [],
                [
                    (
                        "fever",
                        "A high temperature, or feeling hot and shivery",
                        {"warning_signs": ["infection_signs"]},
                    ),
                    (
                        "weight_loss",
                        "Weight loss you cannot explain",
                        {"warning_signs": ["serious_illness_signs"]},
                    ),
                    (
                        "cancer_history",
                        "You have had cancer",
                        {"warning_signs": ["serious_illness_signs"]},
                    ),
                    (
                        "weak_immune",
                        "A weakened immune system, or you take steroid tablets long term",
                        {"warning_signs": ["serious_illness_signs"]},
                    ),
                    NONE,
                ],
            ),
        ],
    ),
    (
        "daily-life",
        "Daily life",
        "",
        [
            (
                "daily_impact",
                "multiple",
                True,
                "Does the popping or pain do any of these?",
                "Choose all that apply.",
                [],
                [
                    (
                        "stops_activities",
                        "Stops me doing everyday things",
                        {"warning_signs": ["daily_life_impact"]},
                    ),
                    ("affects_sleep", "Affects my sleep", {"warning_signs": ["daily_life_impact"]}),
                    ("worried", "I am worried or unsure about it", {"warning_signs": ["worried"]}),
                    NONE,
                ],
            ),
        ],
    ),
    (
        "habits",
        "Your habits",
        "Your answers here help us personalise the self-care advice.",
        [
            (
                "sitting",
                "yes_no",
                True,
                "Do you sit for long periods, for example at a desk or driving?",
                "",
                [],
                [
                    ("yes", "Yes", {"recommendations": ["posture", "ergonomics"]}),
                    ("no", "No", {}),
                ],
            ),
            (
                "exercise",
                "single",
                True,
                "How often do you exercise or stretch?",
                "",
                [],
                [
                    (
                        "rarely",
                        "Rarely",
                        {"recommendations": ["exercise_stretching", "core_strength"]},
                    ),
                    ("sometimes", "Once or twice a week", {"recommendations": ["core_strength"]}),
                    ("regularly", "Three times a week or more", {}),
                ],
            ),
            (
                "water",
                "yes_no",
                True,
                "Do you usually drink plenty of water through the day?",
                "",
                [],
                [("yes", "Yes", {}), ("no", "No", {"recommendations": ["hydration"]})],
            ),
            (
                "weight_advice",
                "yes_no",
                False,
                "Would you like advice about weight and back health?",
                "This question is optional.",
                [],
                [("yes", "Yes", {"recommendations": ["healthy_weight"]}), ("no", "No", {})],
            ),
        ],
    ),
]


def _create_missing(model, slug, **fields):
    obj, created = model.objects.get_or_create(slug=slug, defaults=fields)
    return obj, created


def load_default_content(apps, schema_editor):
    get = apps.get_model
    Cause, WarningSign = get("triage", "Cause"), get("triage", "WarningSign")
    Recommendation, OutcomeText = get("triage", "Recommendation"), get("triage", "OutcomeText")
    Page, Question = get("triage", "QuestionnairePage"), get("triage", "Question")
    AnswerOption, ClinicDetails = get("triage", "AnswerOption"), get("triage", "ClinicDetails")
    ContentVersion = get("triage", "ContentVersion")

    causes = {}
    for order, (slug, title, description) in enumerate(CAUSES, start=1):
        causes[slug], _ = _create_missing(
            Cause, slug, title=title, description=description, order=order
        )
    signs = {}
    for order, (slug, title, level, explanation, source) in enumerate(WARNING_SIGNS, start=1):
        signs[slug], _ = _create_missing(
            WarningSign,
            slug,
            title=title,
            level=level,
            explanation=explanation,
            source=source,
            order=order,
        )
    advice = {}
    for order, (slug, kind, title, on_normal, description) in enumerate(RECOMMENDATIONS, 1):
        advice[slug], _ = _create_missing(
            Recommendation,
            slug,
            kind=kind,
            title=title,
            shown_on_normal=on_normal,
            description=description,
            order=order,
        )
    for level, heading, summary, call_to_action in OUTCOMES:
        OutcomeText.objects.get_or_create(
            level=level,
            defaults={"heading": heading, "summary": summary, "call_to_action": call_to_action},
        )
    if not ClinicDetails.objects.exists():
        ClinicDetails.objects.create(name="Your clinic", emergency_number="999")
    ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})

    for page_order, (page_slug, page_title, intro, questions) in enumerate(PAGES, start=1):
        page, _ = _create_missing(Page, page_slug, title=page_title, intro=intro, order=page_order)
        for q_order, (slug, kind, required, text, help_text, shown_if, opts) in enumerate(
            questions, start=1
        ):
            question, created = _create_missing(
                Question,
                slug,
                page=page,
                kind=kind,
                required=required,
                text=text,
                help_text=help_text,
                order=q_order,
            )
            if not created:
                continue
            for o_order, (o_slug, label, links) in enumerate(opts, start=1):
                option = AnswerOption.objects.create(
                    question=question,
                    slug=o_slug,
                    label=label,
                    order=o_order,
                    exclusive=links.get("exclusive", False),
                )
                option.warning_signs.set(signs[s] for s in links.get("warning_signs", []))
                option.causes.set(causes[s] for s in links.get("causes", []))
                option.recommendations.set(advice[s] for s in links.get("recommendations", []))
            for q_slug, o_slug in shown_if:
                question.shown_if.add(AnswerOption.objects.get(question__slug=q_slug, slug=o_slug))


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]

    operations = [migrations.RunPython(load_default_content, migrations.RunPython.noop)]
