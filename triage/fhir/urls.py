"""The /fhir/ endpoints (mounted in backpop_site/urls.py). A trailing slash is tolerated."""

from django.urls import re_path

from triage.fhir import views

app_name = "fhir"

urlpatterns = [
    re_path(
        r"^Questionnaire/(?P<version>[^/]+)/?$",
        views.read_questionnaire,
        name="questionnaire",
    ),
    re_path(
        r"^QuestionnaireResponse/(?P<reference>[^/]+)/?$",
        views.read_response,
        name="questionnaire_response",
    ),
    re_path(r"^(?P<path>.*)$", views.unknown),
]
