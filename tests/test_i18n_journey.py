"""Patients in Welsh (issue 16): the whole check, the switch between languages, the browser's
preferred language, and pages that say which language they are in."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.patient import ALL_CLEAR, Patient, outcome_of
from tests.welsh import english_left
from triage import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh(client):
    """A patient answering at /cy/."""
    return Patient(client, prefix="/cy")


@pytest.fixture
def published():
    return models.ContentVersion.objects.order_by("-number").first().snapshot


def _welsh_page(response, published) -> str:
    """The page's HTML, unescaped, once it is known to be wholly in Welsh."""
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy">' in html
    assert english_left(html, published) == []
    return unescape(html)


def test_every_page_of_a_whole_journey_is_in_welsh(client, welsh, published):
    """Start, every question page (the pain details included), Check your answers and the
    result: interface and content alike."""
    _welsh_page(client.get("/cy/"), published)
    _welsh_page(welsh.start(), published)
    answers = {**ALL_CLEAR, "pain": ["brief_discomfort"], "pain_spread": ["back_only"]}
    answers["night_pain"] = ["no"]
    seen = [welsh.url]
    location = welsh.answer_page(answers)
    while location != "/cy/check/answers/":
        _welsh_page(welsh.open(location), published)
        seen.append(location)
        location = welsh.answer_page(answers)
    check = _welsh_page(welsh.open(location), published)
    result = welsh.client.post("/cy/check/answers/", {"journey": welsh.journey})
    page = _welsh_page(client.get(result["Location"]), published)

    assert len(seen) == 9  # every page of the default questionnaire
    assert "Gwiriwch eich atebion" in check
    assert "Wrth gerdded" in check  # the answer "When walking", as the patient read it
    assert "Mae'r clecian yn eich cefn yn swnio'n normal" in page
    assert models.Submission.objects.get().language == "cy"


def test_the_welsh_check_notices_english(client, published):
    english = client.get("/").content.decode()

    assert "Check your back popping" in english_left(english, published)


def test_the_emergency_result_is_in_welsh_with_the_emergency_number(welsh, published):
    welsh.start()
    location = welsh.answer_page({"emergency_signs": ["saddle_numbness"]})
    html = _welsh_page(welsh.client.get(location), published)

    assert location == "/cy/check/result/"
    assert "Mynnwch help brys nawr" in html
    assert "Mae angen gweithredu ar unwaith:" in html  # the care card's hidden level
    assert '<a class="btn btn-lg call-now" href="tel:999">Ffoniwch 999</a>' in html
    assert "Arwyddion o bwysau ar y nerfau ar waelod yr asgwrn cefn" in html


def test_switching_language_mid_journey_keeps_every_answer(client, patient, published):
    patient.start()
    patient.answer_page(ALL_CLEAR)  # page 1 in English
    patient.open("/check/the-popping/")
    patient.answer_page({**ALL_CLEAR, "popping_when": ["walking", "getting_up"]})  # page 2
    patient.open("/check/pain/")
    switch = re.search(r'<a class="language-link" href="([^"]+)"', patient.html)[1]

    welsh = Patient(client, prefix="/cy")
    earlier = welsh.open("/cy/check/the-popping/")  # back a page, in Welsh
    _welsh_page(welsh.open(switch), published)
    location = welsh.answer_rest(**{"popping_when": ["walking", "getting_up"]})
    check = welsh.open(location).content.decode()

    assert switch == "/cy/check/pain/"
    assert 'id="popping_when-walking" value="walking" checked' in earlier.content.decode()
    assert "Wrth gerdded" in unescape(check)
    assert "Wrth sefyll neu godi o'r gwely" in unescape(check)
    assert outcome_of(welsh.client.get(welsh.confirm()["Location"])) == "normal"
    assert models.Submission.objects.get().answers["popping_when"] == ["walking", "getting_up"]


def test_switching_back_to_english_shows_the_same_page_in_english(client, welsh):
    welsh.start()
    english = re.search(r'<a class="language-link" href="([^"]+)"', welsh.html)[1]

    page = client.get(english).content.decode()

    assert english == "/check/emergency-check/"
    assert '<html lang="en-gb">' in page
    assert "Do you have any of these right now?" in page


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        ("cy", "/cy/"),
        ("cy-GB,cy;q=0.9,en;q=0.8", "/cy/"),
        ("en-GB,en;q=0.9,cy;q=0.8", None),
        ("fr-FR,fr;q=0.9", None),
        ("", None),
    ],
)
def test_the_browsers_language_picks_the_first_page(client, preferred, expected):
    response = client.get("/", headers={"Accept-Language": preferred})

    assert response.get("Location") == expected
    assert "Accept-Language" in response["Vary"]


def test_a_patient_who_chose_english_on_the_site_is_not_sent_back_to_welsh(client):
    response = client.get(
        "/", headers={"Accept-Language": "cy", "Referer": "http://testserver/cy/"}
    )

    assert response.status_code == 200
    assert '<html lang="en-gb">' in response.content.decode()


def test_only_the_start_page_follows_the_browser_the_url_decides_the_rest(client, welsh):
    welsh.start()

    privacy = client.get("/privacy/", headers={"Accept-Language": "cy"})
    welsh_start = client.get("/cy/", headers={"Accept-Language": "en"})

    assert '<html lang="en-gb">' in privacy.content.decode()
    assert '<html lang="cy">' in welsh_start.content.decode()


@pytest.mark.parametrize("path", ["/", "/privacy/", "/check/expired/", "/check/emergency-check/"])
def test_every_patient_page_names_both_languages_and_its_own(client, patient, path):
    patient.start()
    english, welsh = client.get(path).content.decode(), client.get("/cy" + path).content.decode()
    alternates = (
        f'<link rel="alternate" hreflang="en-gb" href="http://testserver{path}">',
        f'<link rel="alternate" hreflang="cy" href="http://testserver/cy{path}">',
        f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">',
    )

    for html in (english, welsh):
        assert all(alternate in html for alternate in alternates)
    assert '<html lang="en-gb">' in english and '<html lang="cy">' in welsh
    assert f'href="/cy{path}" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert f'href="{path}" hreflang="en-gb" lang="en-gb">English</a>' in welsh


def test_the_result_page_names_both_languages_too(client, welsh):
    welsh.result()

    english = client.get("/check/result/").content.decode()

    assert '<html lang="en-gb">' in english
    assert 'hreflang="cy" href="http://testserver/cy/check/result/"' in english


def test_a_welsh_page_not_found_is_in_welsh(client):
    response = client.get("/cy/check/no-such-page/")

    assert response.status_code == 404
    assert "Tudalen heb ei chanfod" in response.content.decode()


def test_welsh_pages_cost_the_same_queries_as_english_ones():
    """The counts tests/test_query_budget.py sets for English pages hold for Welsh ones."""

    def queries(do) -> int:
        with CaptureQueriesContext(connection) as captured:
            do()
        return len(captured)

    earlier, english, welsh = Patient(Client()), Patient(Client()), Patient(Client(), "/cy")
    earlier.start()
    earlier.submit({"emergency_signs": ["none"]})  # today's funnel counts exist already
    english.start()
    welsh.start()

    english_costs = (
        queries(lambda: english.client.get(english.url)),
        queries(lambda: english.submit({"emergency_signs": ["none"]})),
    )
    welsh_costs = (
        queries(lambda: welsh.client.get(welsh.url)),
        queries(lambda: welsh.submit({"emergency_signs": ["none"]})),
    )

    assert welsh_costs == english_costs


class TestEnglishAlone:
    """BACKPOP_LANGUAGES=en: no Welsh page, no switcher, no alternates, no redirect."""

    @pytest.fixture(autouse=True)
    def english_only(self, settings):
        settings.BACKPOP_LANGUAGES = ("en",)

    def test_no_welsh_page_is_served(self, client):
        assert client.get("/cy/").status_code == 404
        assert client.post("/cy/check/start/").status_code == 404

    def test_pages_have_no_switcher_and_no_alternates(self, client, patient):
        for html in (client.get("/").content.decode(), patient.start().content.decode()):
            assert "language-link" not in html
            assert 'rel="alternate"' not in html
            assert '<html lang="en-gb">' in html

    def test_a_welsh_browser_gets_the_english_start_page(self, client):
        response = client.get("/", headers={"Accept-Language": "cy"})

        assert response.status_code == 200

    def test_a_whole_journey_works_in_english(self, patient):
        assert outcome_of(patient.result()) == "normal"
        assert models.Submission.objects.get().language == "en"
