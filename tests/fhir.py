"""Checking FHIR documents in the tests: fhir.resources' R4 models (R4B, the R4 release its
current versions ship), plus the JSON rules and invariants those models do not check."""

import json

from fhir.resources.R4B import get_fhir_model_class

from triage.engine import Answers

BASE = "https://triage.example.org"
OPTIONS = f"{BASE}/fhir/CodeSystem/backpop-options"
WARNING_SIGN = f"{BASE}/fhir/StructureDefinition/backpop-warning-sign"
TRIAGE_LEVEL = f"{BASE}/fhir/StructureDefinition/backpop-triage-level"


def validate(document: dict):
    """The document as a fhir.resources model: unknown or mistyped fields raise."""
    _follows_the_json_rules(document)
    return get_fhir_model_class(document["resourceType"]).model_validate(document)


def _follows_the_json_rules(value, where: str = "") -> None:
    """FHIR JSON has no empty arrays, objects or strings, and no nulls (fhir.resources lets
    them through)."""
    assert value not in (None, "", [], {}), f"empty value at {where or 'the top'}"
    if isinstance(value, dict):
        for key, inner in value.items():
            _follows_the_json_rules(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            _follows_the_json_rules(inner, f"{where}[{n}]")


def items(document: dict):
    """Every item of a Questionnaire or QuestionnaireResponse, depth first, in order."""
    for item in document.get("item", []):
        yield item
        yield from items(item)
        for answer in item.get("answer", []):
            yield from items(answer)


def item(document: dict, link_id: str) -> dict:
    return next(found for found in items(document) if found["linkId"] == link_id)


def check_links(questionnaire: dict) -> None:
    """que-2 (linkIds unique) and every enableWhen naming a question asked before it."""
    seen: list[str] = []
    for found in items(questionnaire):
        assert found["linkId"] not in seen, f"linkId {found['linkId']!r} is used twice"
        for condition in found.get("enableWhen", []):
            assert condition["question"] in seen, f"{found['linkId']} names a later question"
        seen.append(found["linkId"])


def answers_from(response: dict) -> Answers:
    """Rebuild the answers a QuestionnaireResponse records: question slug -> option slugs."""
    return {
        found["linkId"]: [answer["valueCoding"]["code"] for answer in found["answer"]]
        for found in items(response)
        if "answer" in found
    }


def extensions(resource: dict, url: str) -> list[dict]:
    return [extension for extension in resource.get("extension", []) if extension["url"] == url]


def signs_in(resource: dict) -> list[tuple[str, str]]:
    """(warning sign, level) of each backpop-warning-sign extension, in order."""
    found = []
    for extension in extensions(resource, WARNING_SIGN):
        parts = {part["url"]: part["valueCoding"]["code"] for part in extension["extension"]}
        found.append((parts["sign"], parts.get("level")))
    return found


def parse(text: str | bytes) -> dict:
    return json.loads(text)
