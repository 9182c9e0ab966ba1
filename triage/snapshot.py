"""The whole content as one plain JSON value: what a published version stores.

A snapshot names everything by slug (never by database id), keeps retired items with their
`is_active` flag and lists everything in questionnaire order, so it can be read back into the
engine (triage.content), checked (triage.safety), compared with another version (`changes`)
and copied back into the draft tables (`restore_draft`).

Every language is in it: a text's English under its plain name (`title`, what the engine,
the checks and the exports read) and each other language beside it (`title_cy`; "" when
not translated yet), with the item's `translation_reviewed` mark. Versions published before
the content had languages have the English only.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import translation

from triage import models
from triage.languages import DEFAULT, TRANSLATED_FIELDS, others

# 2: with every language's texts and the "translation reviewed" marks; 1: English only (a
# version published before the content had languages, or a migration's earlier models).
FORMAT = 2
# Answers in questionnaire order: by page, then question, then answer.
OPTIONS_IN_ORDER = (
    *("question__page__order", "question__page__pk", "question__order", "question__pk"),
    *("order", "pk"),
)

# The plain fields of each kind of content, as stored in a snapshot and compared by `changes`.
CAUSE_FIELDS = ("title", "description", "is_active", "order")
SIGN_FIELDS = ("title", "level", "explanation", "source", "is_active", "order")
ADVICE_FIELDS = ("kind", "title", "description", "shown_on_normal", "is_active", "order")
OUTCOME_FIELDS = ("heading", "summary", "call_to_action")
CLINIC_FIELDS = ("name", "phone", "booking_url", "emergency_number")
PAGE_FIELDS = ("title", "intro", "is_active", "order")
QUESTION_FIELDS = ("text", "help_text", "kind", "required", "is_active", "order")
OPTION_FIELDS = ("label", "order", "exclusive", "is_active")
OPTION_LINKS = ("warning_signs", "causes", "recommendations")
CASE_FIELDS = ("answers", "expected_level", "note", "order")
CASE_LINKS = ("expected_signs", "excluded_signs")


def _row(obj, fields) -> dict:
    """The plain fields of `obj`, then its texts in every other language and their mark.

    A translated text is read from its English column (`title_en`), never through the
    attribute django-modeltranslation makes follow the active language. A migration's
    historical model may predate the language columns: then the text itself is read.
    """
    columns = _columns_of(type(obj))
    translated = TRANSLATED_FIELDS.get(obj._meta.object_name, ())
    row = {}
    for name in fields:
        english = f"{name}_{DEFAULT}"
        value = getattr(obj, english) if name in translated and english in columns else None
        row[name] = obj.__dict__.get(name) if value is None else value
    for name in translated:
        for language in others():
            if f"{name}_{language}" in columns:
                row[f"{name}_{language}"] = getattr(obj, f"{name}_{language}") or ""
    if "translation_reviewed" in columns:
        row["translation_reviewed"] = obj.translation_reviewed
    return row


def _columns_of(model) -> frozenset[str]:
    return frozenset(field.attname for field in model._meta.concrete_fields)


def _links(model, field: str, slugs: dict[int, str]) -> dict[int, list[str]]:
    """Each row's linked slugs through `model.field`, in the order of `slugs` (pk -> slug)."""
    through = model._meta.get_field(field).remote_field.through
    right_model = model._meta.get_field(field).remote_field.model
    left, right = f"{model._meta.model_name}_id", f"{right_model._meta.model_name}_id"
    position = {pk: n for n, pk in enumerate(slugs)}
    linked: dict[int, list[int]] = defaultdict(list)
    for a, b in through.objects.values_list(left, right):
        linked[a].append(b)
    return {a: [slugs[b] for b in sorted(bs, key=position.__getitem__)] for a, bs in linked.items()}


def draft_snapshot(get_model=apps.get_model) -> dict:
    """The draft content tables as a snapshot: a fixed number of queries, whatever the size.

    `get_model` lets a data migration pass its historical models.
    """

    def model(name):
        return get_model("triage", name)

    Sign, Cause, Advice = model("WarningSign"), model("Cause"), model("Recommendation")
    Question, Option, Case = model("Question"), model("AnswerOption"), model("ClinicTestCase")
    order = ("order", "pk")
    signs, causes = list(Sign.objects.order_by(*order)), list(Cause.objects.order_by(*order))
    advice = list(Advice.objects.order_by(*order))
    sign_slugs = {row.pk: row.slug for row in signs}
    sign_links = _links(Option, "warning_signs", sign_slugs)
    cause_links = _links(Option, "causes", {row.pk: row.slug for row in causes})
    advice_links = _links(Option, "recommendations", {row.pk: row.slug for row in advice})
    options_by_question = defaultdict(list)
    option_key = {}
    for row in Option.objects.select_related("question").order_by("order", "pk"):
        option_key[row.pk] = [row.question.slug, row.slug]
        options_by_question[row.question_id].append(
            {
                "slug": row.slug,
                **_row(row, OPTION_FIELDS),
                "warning_signs": sign_links.get(row.pk, []),
                "causes": cause_links.get(row.pk, []),
                "recommendations": advice_links.get(row.pk, []),
            }
        )
    shown_if = defaultdict(list)
    links = Question._meta.get_field("shown_if").remote_field.through.objects
    for question_id, option_id in links.values_list("question_id", "answeroption_id").order_by(
        *(f"answeroption__{field}" for field in OPTIONS_IN_ORDER)
    ):
        shown_if[question_id].append(option_key[option_id])
    questions_by_page = defaultdict(list)
    for row in Question.objects.order_by("order", "pk"):
        questions_by_page[row.page_id].append(
            {
                "slug": row.slug,
                **_row(row, QUESTION_FIELDS),
                "shown_if": shown_if.get(row.pk, []),
                "options": options_by_question.get(row.pk, []),
            }
        )
    clinic = model("ClinicDetails").objects.order_by("pk").first()
    expected = _links(Case, "expected_signs", sign_slugs)
    excluded = _links(Case, "excluded_signs", sign_slugs)
    with_languages = "translation_reviewed" in _columns_of(Sign)
    return {
        "format": FORMAT if with_languages else 1,
        "causes": [{"slug": c.slug, **_row(c, CAUSE_FIELDS)} for c in causes],
        "warning_signs": [{"slug": s.slug, **_row(s, SIGN_FIELDS)} for s in signs],
        "recommendations": [{"slug": r.slug, **_row(r, ADVICE_FIELDS)} for r in advice],
        "outcomes": [
            {"level": o.level, **_row(o, OUTCOME_FIELDS)}
            for o in model("OutcomeText").objects.order_by("level")
        ],
        "clinic": _row(clinic, CLINIC_FIELDS) if clinic else None,
        "pages": [
            {"slug": p.slug, **_row(p, PAGE_FIELDS), "questions": questions_by_page.get(p.pk, [])}
            for p in model("QuestionnairePage").objects.order_by(*order)
        ],
        "test_cases": [
            {
                "name": c.name,
                **_row(c, CASE_FIELDS),
                "expected_signs": expected.get(c.pk, []),
                "excluded_signs": excluded.get(c.pk, []),
            }
            for c in Case.objects.order_by(*order)
        ],
    }


@dataclass(frozen=True)
class Change:
    kind: str  # "Warning sign", "Question", ...
    key: str  # its slug (or level, or name)
    name: str  # what staff call it: its title, text or label
    action: str  # "added", "removed" or "changed"
    fields: tuple[str, ...] = ()  # for "changed": the fields whose value differs

    def __str__(self) -> str:
        what = f"{self.kind} “{self.name}” ({self.key})"
        if self.action == "changed":
            return f"{what}: {', '.join(self.fields)}"
        return f"{what}: {self.action}"


def _objects(snapshot: dict) -> dict[tuple[str, str], tuple[str, dict]]:
    """Every object of a snapshot by (kind, key), with its name and its compared values."""
    found: dict[tuple[str, str], tuple[str, dict]] = {}

    def add(kind, key, name, values):
        found[(kind, key)] = (name, values)

    for item in snapshot.get("causes", []):
        add("Cause", item["slug"], item["title"], item)
    for item in snapshot.get("warning_signs", []):
        add("Warning sign", item["slug"], item["title"], item)
    for item in snapshot.get("recommendations", []):
        add("Recommendation", item["slug"], item["title"], item)
    for item in snapshot.get("outcomes", []):
        add("Outcome text", item["level"], item["heading"], item)
    if snapshot.get("clinic"):
        add("Clinic details", "clinic", snapshot["clinic"]["name"], snapshot["clinic"])
    for page in snapshot.get("pages", []):
        add(
            "Page", page["slug"], page["title"], {k: v for k, v in page.items() if k != "questions"}
        )
        for question in page["questions"]:
            values = {k: v for k, v in question.items() if k != "options"}
            add("Question", question["slug"], question["text"], {**values, "page": page["slug"]})
            for option in question["options"]:
                key = f"{question['slug']}/{option['slug']}"
                add("Answer", key, option["label"], option)
    for case in snapshot.get("test_cases", []):
        add("Test case", case["name"], case["name"], case)
    return found


def changes(old: dict | None, new: dict) -> list[Change]:
    """What differs from `old` to `new`: each object added, removed or changed (which fields)."""
    before, after = _objects(old or {}), _objects(new)
    found = []
    for (kind, key), (name, values) in after.items():
        if (kind, key) not in before:
            found.append(Change(kind, key, name, "added"))
            continue
        old_values = before[(kind, key)][1]
        fields = tuple(f for f in values if f != "slug" and values[f] != old_values.get(f))
        if fields:
            found.append(Change(kind, key, name, "changed", fields))
    found += [
        Change(kind, key, name, "removed")
        for (kind, key), (name, _values) in before.items()
        if (kind, key) not in after
    ]
    return found


def restore_draft(snapshot: dict) -> None:
    """Make the draft tables hold exactly `snapshot`, updating rows in place by slug.

    Rows keep their ids (and so their history); rows the snapshot does not have are deleted.
    A version published before the content had languages leaves the Welsh texts as they are.
    """
    # The texts are written to their language columns by name; English keeps the plain
    # column, which django-modeltranslation fills from the active language, in step.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        _restore(snapshot)


def _restore(snapshot: dict) -> None:
    signs = _upsert(models.WarningSign, "slug", snapshot["warning_signs"], SIGN_FIELDS)
    causes = _upsert(models.Cause, "slug", snapshot["causes"], CAUSE_FIELDS)
    advice = _upsert(models.Recommendation, "slug", snapshot["recommendations"], ADVICE_FIELDS)
    _upsert(models.OutcomeText, "level", snapshot["outcomes"], OUTCOME_FIELDS)
    clinic = models.ClinicDetails.objects.first() or models.ClinicDetails()
    wanted_clinic = snapshot["clinic"]
    if wanted_clinic:
        values = _values(models.ClinicDetails, wanted_clinic, CLINIC_FIELDS)
        if clinic.pk is None or any(_differs(getattr(clinic, k), v) for k, v in values.items()):
            for name, value in values.items():
                setattr(clinic, name, value)
            clinic.save()

    pages = _upsert(models.QuestionnairePage, "slug", snapshot["pages"], PAGE_FIELDS, delete=False)
    wanted_questions = [
        {**q, "page": pages[page["slug"]]} for page in snapshot["pages"] for q in page["questions"]
    ]
    questions = _upsert(
        models.Question, "slug", wanted_questions, (*QUESTION_FIELDS, "page"), delete=False
    )
    options = {}
    for item in wanted_questions:
        question = questions[item["slug"]]
        rows = _upsert(
            models.AnswerOption, "slug", item["options"], OPTION_FIELDS, question=question
        )
        for wanted in item["options"]:
            option = options[(item["slug"], wanted["slug"])] = rows[wanted["slug"]]
            option.warning_signs.set([signs[s] for s in wanted["warning_signs"]])
            option.causes.set([causes[s] for s in wanted["causes"]])
            option.recommendations.set([advice[s] for s in wanted["recommendations"]])
    for item in wanted_questions:
        questions[item["slug"]].shown_if.set([options[tuple(pair)] for pair in item["shown_if"]])
    for extra in models.Question.objects.exclude(slug__in=list(questions)):
        extra.delete()
    for extra in models.QuestionnairePage.objects.exclude(slug__in=list(pages)):
        extra.delete()

    cases = _upsert(models.ClinicTestCase, "name", snapshot["test_cases"], CASE_FIELDS)
    for wanted in snapshot["test_cases"]:
        case = cases[wanted["name"]]
        case.expected_signs.set([signs[s] for s in wanted["expected_signs"]])
        case.excluded_signs.set([signs[s] for s in wanted["excluded_signs"]])


def _upsert(model, key: str, wanted: list[dict], fields, delete: bool = True, **scope) -> dict:
    """Create or update one row per item by `key`, saving only what differs (so history
    records only real changes); delete the other rows unless told not to."""
    existing = {getattr(row, key): row for row in model.objects.filter(**scope)}
    rows = {}
    for item in wanted:
        values = _values(model, item, fields)
        row = existing.get(item[key])
        if row is None:
            row = model.objects.create(**scope, **{key: item[key]}, **values)
        elif any(_differs(getattr(row, name), value) for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        rows[item[key]] = row
    if delete:
        for extra in existing.values():
            if getattr(extra, key) not in rows:
                extra.delete()
    return rows


def _values(model, item: dict, fields) -> dict:
    """The column values of one snapshot item: each text in its language's column, and the
    other languages and the review mark only when the item has them (a newer snapshot)."""
    translated = TRANSLATED_FIELDS.get(model._meta.object_name, ())
    values = {(f"{name}_{DEFAULT}" if name in translated else name): item[name] for name in fields}
    for name in translated:
        for language in others():
            if f"{name}_{language}" in item:
                values[f"{name}_{language}"] = item[f"{name}_{language}"]
    if translated and "translation_reviewed" in item:
        values["translation_reviewed"] = item["translation_reviewed"]
    return values


def _differs(current, wanted) -> bool:
    """An empty translation is stored as NULL or "": the same text either way."""
    return current != wanted and not (current is None and wanted == "")
