"""Publishing: the draft becomes a numbered version only after it passes the checklist.

The checklist is the safety checks (triage.safety) and the clinic's test cases, run on the
same snapshot that would be published. Publishing needs the publish permission and a change
note; rolling back publishes an earlier version's snapshot again under a new number.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from triage import engine, language_checks, languages, models, safety, validation
from triage.content import site_content
from triage.snapshot import draft_snapshot

CONTENT_MODELS = (
    models.Cause,
    models.WarningSign,
    models.Recommendation,
    models.OutcomeText,
    models.ClinicDetails,
    models.QuestionnairePage,
    models.Question,
    models.AnswerOption,
    models.ClinicTestCase,
)


@dataclass(frozen=True)
class CaseResult:
    name: str
    note: str
    expected_level: str
    expected_signs: tuple[str, ...]
    excluded_signs: tuple[str, ...]
    level: str  # the actual result, "" when the answers do not fit the questionnaire
    signs: tuple[str, ...]
    failures: tuple[str, ...]  # why it failed, for staff; empty when it passed

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Checklist:
    problems: tuple[safety.Problem, ...]
    cases: tuple[CaseResult, ...]

    def of(self, severity: str) -> list[safety.Problem]:
        return [problem for problem in self.problems if problem.severity == severity]

    @property
    def failed_cases(self) -> list[CaseResult]:
        return [case for case in self.cases if not case.passed]

    @property
    def blocking(self) -> list[str]:
        """Why this snapshot cannot be published, one line per reason."""
        return [p.message for p in self.of("error")] + [
            f"Test case “{case.name}” fails: {' '.join(case.failures)}"
            for case in self.failed_cases
        ]


class PublishRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def run_case(content: engine.Content, case: dict) -> CaseResult:
    """One clinic test case on `content` (a dict as in a snapshot's "test_cases")."""
    expected, excluded = tuple(case["expected_signs"]), tuple(case["excluded_signs"])
    try:
        answers = validation.parse_answers(case["answers"])
    except ValueError as error:
        answers, problems = {}, [str(error)]
    else:
        problems = validation.answers_problems(content, answers)
    if problems:
        shown = " ".join(problems[:2])
        if len(problems) > 2:
            shown += f" (and {len(problems) - 2} more)"
        fix = "Correct the test case's answers to fit the questionnaire."
        failures = (f"Its answers do not fit the questionnaire: {shown} {fix}",)
        return CaseResult(
            case["name"], case["note"], case["expected_level"], expected, excluded, "", (), failures
        )
    assessment = engine.assess(content, answers)
    level = str(assessment.level)
    signs = tuple(matched.sign.slug for matched in assessment.warning_signs)
    failures = []
    if level != case["expected_level"]:
        failures.append(f"Expected level “{case['expected_level']}”, got “{level}”.")
    if missing := [slug for slug in expected if slug not in signs]:
        failures.append(f"Expected warning signs missing: {', '.join(missing)}.")
    if unwanted := [slug for slug in excluded if slug in signs]:
        failures.append(f"Excluded warning signs raised: {', '.join(unwanted)}.")
    return CaseResult(
        case["name"],
        case["note"],
        case["expected_level"],
        expected,
        excluded,
        level,
        signs,
        tuple(failures),
    )


def checklist(snapshot: dict) -> Checklist:
    """The safety checks, the offered languages' completeness and every test case of
    `snapshot`, run on that snapshot's content."""
    content = site_content(snapshot).engine
    return Checklist(
        (*safety.problems(snapshot), *language_problems(snapshot)),
        tuple(run_case(content, case) for case in snapshot["test_cases"]),
    )


def language_problems(snapshot: dict) -> list[safety.Problem]:
    """Every offered language complete (triage.language_checks). A snapshot from before the
    content had languages holds English only: none to check (a data migration's draft), and
    rolling back to one is refused while another language is offered (`publish`)."""
    return language_checks.problems(snapshot) if snapshot.get("format", 1) >= 2 else []


def last_editor() -> str:
    """The username behind the draft's latest change, "" if unknown."""
    latest = [
        model.history.order_by("-history_date").values("history_date", "history_username").first()
        for model in CONTENT_MODELS
    ]
    latest = [row for row in latest if row]
    if not latest:
        return ""
    return max(latest, key=lambda row: row["history_date"])["history_username"]


def latest_version() -> models.ContentVersion | None:
    return models.ContentVersion.objects.order_by("-number").first()


def publish(user, note: str, acknowledged: bool = False, rolling_back=None):
    """Publish the draft (or, rolling back, an earlier version's snapshot) as a new version.

    Raises PublishRefused, naming every reason, when the checklist or the rules forbid it.
    """
    snapshot = rolling_back.snapshot if rolling_back else draft_snapshot()
    result = checklist(snapshot)
    reasons = []
    if not user.has_perm("triage.publish_content"):
        reasons.append("Publishing needs the “Clinical publisher” role.")
    if not note.strip():
        reasons.append("Write a change note: what changed and why.")
    must_differ = not rolling_back and getattr(settings, "BACKPOP_PUBLISHER_MUST_DIFFER", False)
    if must_differ and last_editor() == user.get_username():
        reasons.append(
            "You made the latest change to the draft; another clinical publisher must review "
            "and publish it."
        )
    reasons += result.blocking
    if rolling_back and snapshot.get("format", 1) < 2 and len(languages.offered()) > 1:
        others = ", ".join(languages.NAMES[code] for code in languages.offered()[1:])
        reasons.append(
            f"Version {rolling_back.number} was published before the content had languages: "
            f"it has English texts only, so it cannot be offered in {others}. Roll back to a "
            "later version, or restore the draft from it and translate it."
        )
    to_acknowledge = result.of("acknowledge")
    if to_acknowledge and not acknowledged:
        reasons.append("Acknowledge the listed warnings before publishing.")
        reasons += [problem.message for problem in to_acknowledge]
    if reasons:
        raise PublishRefused(reasons)
    if to_acknowledge:
        note = note.strip() + "\n\nAcknowledged: " + " ".join(p.message for p in to_acknowledge)
    try:
        with transaction.atomic():
            number = (models.ContentVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
            return models.ContentVersion.objects.create(
                number=number,
                snapshot=snapshot,
                note=note.strip(),
                published_by=user,
                published_by_name=user.get_username(),
                rolled_back_to=rolling_back,
            )
    except IntegrityError:
        raise PublishRefused(["Someone published at the same moment. Try again."]) from None
