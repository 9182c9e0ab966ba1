"""A patient answering the questionnaire through Django's test client (the `patient` fixture)."""

import re

# Every required question answered with the harmless choice; weight_advice is optional.
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

# The default questionnaire's pages in order ("pain-details" only when it hurts).
PAGES_IN_ORDER = [
    "emergency-check",
    "the-popping",
    "pain",
    "pain-details",
    "nerves",
    "injury-and-movement",
    "general-health",
    "daily-life",
    "habits",
]

# The safety-netting advice every result lists, in order.
GET_HELP = [
    "get_help_pain",
    "get_help_new_symptoms",
    "get_help_injury",
    "get_help_daily_life",
    "get_help_unsure",
]

_JOURNEY = re.compile(r'name="journey" value="([^"]*)"')
_FIELD = re.compile(r'name="([a-z0-9_]+)"')


class Patient:
    def __init__(self, client, prefix: str = ""):
        self.client = client
        self.prefix = prefix  # the language's URL prefix: "/cy" for Welsh, "" for English
        self.page = None  # the last questionnaire page response
        self.url = None

    def start(self):
        response = self.client.post(f"{self.prefix}/check/start/")
        return self.open(response["Location"])

    def open(self, url):
        self.url = url
        self.page = self.client.get(url)
        return self.page

    @property
    def html(self) -> str:
        return self.page.content.decode()

    @property
    def journey(self) -> str:
        return _JOURNEY.search(self.html).group(1)

    def questions_on_page(self) -> set[str]:
        return set(_FIELD.findall(self.html)) - {"journey", "action", "csrfmiddlewaretoken"}

    def submit(self, answers: dict, action: str = "continue", **extra):
        data = {"journey": self.journey, "action": action, **answers, **extra}
        return self.client.post(self.url, data)

    def answer_page(self, answers: dict):
        """Answer the questions on the current page from `answers`; follow to the next."""
        on_page = {k: v for k, v in answers.items() if k in self.questions_on_page()}
        response = self.submit(on_page)
        assert response.status_code == 302, f"{self.url} did not accept {on_page}"
        return response["Location"]

    def answer_all(self, **overrides) -> str:
        """Answer every page with the all-clear answers changed by `overrides`.

        Returns where the questionnaire ends: Check your answers, or the result.
        """
        self.start()
        return self.answer_rest(**overrides)

    def answer_rest(self, **overrides) -> str:
        """From the current page on, as `answer_all`; returns where the questionnaire ends."""
        answers = {
            **ALL_CLEAR,
            **{k: v if isinstance(v, list) else [v] for k, v in overrides.items()},
        }
        location = self.answer_page(answers)
        while location not in (f"{self.prefix}/check/answers/", f"{self.prefix}/check/result/"):
            self.open(location)
            location = self.answer_page(answers)
        return location

    def confirm(self):
        """Check your answers, then "Continue to your result" (which stores it)."""
        self.open(f"{self.prefix}/check/answers/")
        assert self.page.status_code == 200, "Check your answers did not open"
        return self.client.post(f"{self.prefix}/check/answers/", {"journey": self.journey})

    def result(self, **overrides):
        if self.answer_all(**overrides) == f"{self.prefix}/check/answers/":
            assert self.confirm()["Location"] == f"{self.prefix}/check/result/"
        return self.client.get(f"{self.prefix}/check/result/")


def outcome_of(response) -> str:
    return re.search(r'data-outcome="([a-z_]+)"', response.content.decode()).group(1)


def warning_signs_in(response) -> list[str]:
    return re.findall(r'data-warning-sign="([a-z_]+)"', response.content.decode())
