"""The safety checks a version of the content must pass before patients get it.

Each check reads a snapshot (triage.snapshot: the draft, or a published version) and names
every object that breaks it and how to fix it. Errors block publishing; an "acknowledge"
problem lets the publisher go ahead only after acknowledging it in the change note; warnings
are shown only. The checks, in the order the checklist lists them:

1. The clinic details and the emergency number are set.
2. Every level has its outcome text.
3. The first page is asked of everyone (no *shown if* on its questions).
4. Every emergency-level warning sign can be raised by an active answer; one that only an
   answer after the first page raises must be acknowledged (its early exit comes later).
5. No exclusive ("None of these") answer raises a warning sign, and only multiple-choice
   questions have exclusive answers (triage.validation's rule).
6. *Shown if* refers only to active answers on earlier pages.
7. Every active page and question can be reached.
8. No active answer raises a retired warning sign.
9. Every active warning sign can be raised by some active answer.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from triage import validation
from triage.levels import Level

Severity = Literal["error", "acknowledge", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str  # stable: scripts and tests match on it, never on the wording
    message: str  # names the object and says how to fix it

    def __str__(self) -> str:
        return f"{self.severity.upper()} {self.code}: {self.message}"


class _Content:
    """A snapshot's live questionnaire: what a patient could meet, in order."""

    def __init__(self, snapshot: dict):
        self.snapshot = snapshot
        self.signs = {sign["slug"]: sign for sign in snapshot["warning_signs"]}
        self.pages = [page for page in snapshot["pages"] if page["is_active"]]
        self.asked_pages = [p for p in self.pages if any(q["is_active"] for q in p["questions"])]
        self.questions = []  # (page index among active pages, page, question), in order
        self.live: dict[tuple[str, str], tuple[dict, dict]] = {}  # answer -> (question, option)
        for number, page in enumerate(self.pages):
            for question in page["questions"]:
                if question["is_active"]:
                    self.questions.append((number, page, question))
                    for option in question["options"]:
                        if option["is_active"]:
                            self.live[(question["slug"], option["slug"])] = (question, option)
        self.position = {}  # question slug -> its page's index among all pages, active or not
        self.text = {}  # question slug -> its text, retired or not
        for number, page in enumerate(snapshot["pages"]):
            for question in page["questions"]:
                self.position[question["slug"]] = number
                self.text[question["slug"]] = question["text"]
        self.reachable = self._reachable()

    def _reachable(self) -> set[str]:
        """Questions some patient is asked: unconditional, or shown by a reachable answer."""
        reachable: set[str] = set()
        for _number, _page, question in self.questions:
            shown_if = [tuple(pair) for pair in question["shown_if"]]
            shown = not shown_if or any(p in self.live and p[0] in reachable for p in shown_if)
            if shown and any(option["is_active"] for option in question["options"]):
                reachable.add(question["slug"])
        return reachable

    def raisers(self, sign: str) -> list[tuple[int, dict, dict]]:
        """(page index, question, option) of each reachable active answer raising `sign`."""
        return [
            (number, question, option)
            for number, _page, question in self.questions
            if question["slug"] in self.reachable
            for option in question["options"]
            if option["is_active"] and sign in option["warning_signs"]
        ]


def answer_name(question: dict, option: dict) -> str:
    return f"“{option['label']}” to “{question['text']}”"


def sign_name(sign: dict) -> str:
    return f"warning sign “{sign['title']}” ({sign['slug']})"


def clinic_details(c: _Content) -> list[Problem]:
    clinic = c.snapshot["clinic"]
    if clinic is None:
        fix = "Add the clinic details (name, phone, emergency number) under Clinic details."
        return [Problem("error", "clinic_details_missing", f"There are no clinic details. {fix}")]
    if not clinic["emergency_number"].strip():
        return [
            Problem(
                "error",
                "emergency_number_missing",
                f"Clinic details “{clinic['name']}” have no emergency number, so an emergency "
                "result could not say whom to call. Fill in the emergency number.",
            )
        ]
    return []


def outcome_texts(c: _Content) -> list[Problem]:
    present = {outcome["level"] for outcome in c.snapshot["outcomes"]}
    return [
        Problem(
            "error",
            "outcome_text_missing",
            f"The “{level.label}” result has no outcome text, so that result page would be "
            "blank. Add an outcome text for that level.",
        )
        for level in reversed(Level)
        if level not in present
    ]


def first_page_asked_of_everyone(c: _Content) -> list[Problem]:
    if not c.asked_pages:
        return [Problem("error", "no_questions", "No page has an active question. Add one.")]
    first = c.asked_pages[0]
    return [
        Problem(
            "error",
            "first_page_conditional",
            f"Question “{q['text']}” ({q['slug']}) is on the first page, “{first['title']}”, "
            "but has *shown if* answers; the first page must be asked of everyone. Clear its "
            "*shown if*, or move it to a later page.",
        )
        for q in first["questions"]
        if q["is_active"] and q["shown_if"]
    ]


def emergency_signs_raised(c: _Content) -> list[Problem]:
    problems = []
    first = c.pages.index(c.asked_pages[0]) if c.asked_pages else 0
    for sign in c.signs.values():
        if sign["level"] != Level.EMERGENCY:
            continue
        raisers = c.raisers(sign["slug"])
        if not sign["is_active"]:
            if raisers:
                problems.append(
                    Problem(
                        "error",
                        "emergency_sign_retired",
                        f"Emergency {sign_name(sign)} is retired, but {_answers(raisers)} still "
                        "link to it: a patient giving them would no longer be sent to emergency "
                        "care. Tick “active” on the warning sign again.",
                    )
                )
        elif not raisers:
            problems.append(
                Problem(
                    "error",
                    "emergency_sign_not_raised",
                    f"Emergency {sign_name(sign)} is not raised by any active answer a patient "
                    "can give, so no patient is sent to emergency care for it. Link it to an "
                    "active answer (on the first page), or retire it.",
                )
            )
        elif all(number > first for number, _q, _o in raisers):
            problems.append(
                Problem(
                    "acknowledge",
                    "emergency_sign_after_first_page",
                    f"Emergency {sign_name(sign)} is raised only after the first page (by "
                    f"{_answers(raisers)}), so patients with it answer more questions before "
                    "being sent to emergency care. Acknowledge this in the change note, or link "
                    "it to an answer on the first page.",
                )
            )
    return problems


def exclusive_answers(c: _Content) -> list[Problem]:
    problems = []
    for question, option in c.live.values():
        error = validation.exclusive_option_error(question["kind"], option["exclusive"])
        if error:
            problems.append(
                Problem(
                    "error",
                    "exclusive_not_multiple",
                    f"Answer {answer_name(question, option)}: {error} Untick “exclusive”, or "
                    "make the question multiple choice.",
                )
            )
        raised = [c.signs[s] for s in option["warning_signs"] if c.signs[s]["is_active"]]
        if option["exclusive"] and raised:
            names = ", ".join(sign_name(sign) for sign in raised)
            problems.append(
                Problem(
                    "error",
                    "exclusive_raises_sign",
                    f"Exclusive answer {answer_name(question, option)} raises {names}; a “None "
                    "of these” answer must raise nothing. Remove the warning sign from that "
                    "answer, or untick “exclusive”.",
                )
            )
    return problems


def no_retired_sign_raised(c: _Content) -> list[Problem]:
    return [
        Problem(
            "error",
            "retired_sign_raised",
            f"Retired {sign_name(sign)} is still linked from {_answers(raisers)}, so those "
            "answers silently stopped raising it. Tick “active” on the warning sign again, or "
            "remove it from those answers.",
        )
        for sign in c.signs.values()
        if not sign["is_active"] and sign["level"] != Level.EMERGENCY  # see emergency check
        if (raisers := c.raisers(sign["slug"]))
    ]


def active_signs_raised(c: _Content) -> list[Problem]:
    return [
        Problem(
            "error",
            "warning_sign_not_raised",
            f"Active {sign_name(sign)} is not raised by any active answer a patient can give. "
            "Link it to an answer, or untick “active” to retire it.",
        )
        for sign in c.signs.values()
        if sign["is_active"] and sign["level"] != Level.EMERGENCY  # see emergency check
        if not c.raisers(sign["slug"])
    ]


def shown_if_earlier_and_active(c: _Content) -> list[Problem]:
    problems = []
    for _number, page, question in c.questions:
        name = f"Question “{question['text']}” ({question['slug']})"
        own = c.position[question["slug"]]
        for pair in question["shown_if"]:
            asked, _option = pair
            answer = f"“{c.text.get(asked, asked)}: {'/'.join(pair)}”"
            if asked == question["slug"]:
                reason = f"depends on an answer to itself, {answer}"
            elif c.position[asked] >= own:
                where = "the same page" if c.position[asked] == own else "a later page"
                reason = f"depends on {answer}, on {where}"
            elif tuple(pair) not in c.live:
                reason = f"depends on {answer}, which is retired"
            else:
                continue
            problems.append(
                Problem(
                    "error",
                    "shown_if_not_earlier_active",
                    f"{name} on page “{page['title']}” {reason}. *Shown if* may only use active "
                    "answers on earlier pages: remove that answer from its *shown if*.",
                )
            )
    return problems


def everything_reachable(c: _Content) -> list[Problem]:
    problems = []
    for _number, page, question in c.questions:
        name = f"Question “{question['text']}” ({question['slug']})"
        if not any(option["is_active"] for option in question["options"]):
            fix = "Add an active answer, or retire the question."
            problems.append(
                Problem("error", "question_without_answers", f"{name} has no active answers. {fix}")
            )
        elif question["slug"] not in c.reachable:
            problems.append(
                Problem(
                    "error",
                    "question_unreachable",
                    f"{name} on page “{page['title']}” is never asked: no patient can give any "
                    "answer in its *shown if*. Change its *shown if*, or retire the question.",
                )
            )
    for page in c.pages:
        if page not in c.asked_pages:
            problems.append(
                Problem(
                    "error",
                    "page_without_questions",
                    f"Page “{page['title']}” ({page['slug']}) has no active questions, so it is "
                    "never shown. Add a question to it, or untick “active” to retire the page.",
                )
            )
    return problems


def _answers(raisers) -> str:
    return ", ".join(answer_name(question, option) for _n, question, option in raisers)


CHECKS: tuple[Callable[[_Content], list[Problem]], ...] = (
    clinic_details,
    outcome_texts,
    first_page_asked_of_everyone,
    emergency_signs_raised,
    exclusive_answers,
    shown_if_earlier_and_active,
    everything_reachable,
    no_retired_sign_raised,
    active_signs_raised,
)


def problems(snapshot: dict) -> list[Problem]:
    """Every problem of a snapshot, check by check, in content order."""
    content = _Content(snapshot)
    return [problem for check in CHECKS for problem in check(content)]
