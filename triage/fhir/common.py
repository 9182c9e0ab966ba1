"""What both FHIR documents share: the clinic's canonical names, codings and extensions.

Every name lives under BACKPOP_BASE_URL (the clinic's public address), so a record system
holding documents from several clinics never mixes their codes up. The two extensions are
documented in the README's "FHIR" section; change them only together with it.
"""

import json
from dataclasses import dataclass

from django.conf import settings

from triage import engine
from triage.levels import Level

MEDIA_TYPE = "application/fhir+json"
# Structured Data Capture's own extensions, which LHC-Forms and most form fillers read.
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
LEVEL_LABELS = dict(Level.choices)


@dataclass(frozen=True)
class Names:
    """The canonical URLs of one clinic, read from the settings when a document is built."""

    base: str

    @classmethod
    def current(cls) -> "Names":
        return cls(settings.BACKPOP_BASE_URL.rstrip("/"))

    @property
    def questionnaire(self) -> str:
        return f"{self.base}/fhir/Questionnaire/backpop"

    @property
    def options(self) -> str:
        return f"{self.base}/fhir/CodeSystem/backpop-options"

    @property
    def warning_signs(self) -> str:
        return f"{self.base}/fhir/CodeSystem/backpop-warning-signs"

    @property
    def levels(self) -> str:
        return f"{self.base}/fhir/CodeSystem/backpop-levels"

    @property
    def references(self) -> str:
        return f"{self.base}/fhir/sid/backpop-reference"

    @property
    def warning_sign_extension(self) -> str:
        return f"{self.base}/fhir/StructureDefinition/backpop-warning-sign"

    @property
    def triage_level_extension(self) -> str:
        return f"{self.base}/fhir/StructureDefinition/backpop-triage-level"

    def response_url(self, reference: str) -> str:
        return f"{self.base}/fhir/QuestionnaireResponse/{reference}"


def coding(system: str, code: str, display: str | None = None) -> dict:
    found = {"system": system, "code": code}
    if display:
        found["display"] = str(display)
    return found


def level_coding(names: Names, level: str) -> dict:
    return coding(names.levels, level, LEVEL_LABELS.get(level))


def warning_sign(names: Names, slug: str, sign: engine.WarningSign | None) -> dict:
    """The backpop-warning-sign extension: the sign, and its level when the content has it.

    Complex (two parts) rather than a bare coding, so a record system can sort or alert on
    the level without knowing our list of signs.
    """
    parts = [{"url": "sign", "valueCoding": coding(names.warning_signs, slug, sign and sign.title)}]
    if sign is not None:
        parts.append({"url": "level", "valueCoding": level_coding(names, sign.level)})
    return {"url": names.warning_sign_extension, "extension": parts}


def page_link_id(page_slug: str) -> str:
    """A page group's linkId. linkIds must be unique in a Questionnaire, and a page may share
    its slug with a question (the default content's "pain"); a slug never holds a dot."""
    return f"page.{page_slug}"


def dumps(document: dict, indent: int | None = 2) -> str:
    return json.dumps(document, ensure_ascii=False, indent=indent)
