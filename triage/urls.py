from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("check/start/", views.begin, name="begin"),
    path("check/answers/", views.check_answers, name="check_answers"),
    path("check/result/", views.result, name="result"),
    path("check/expired/", views.expired, name="expired"),
    path("check/<slug:slug>/", views.page, name="page"),
]

# Page slugs that the routes above already use; staff cannot give a questionnaire page one.
RESERVED_PAGE_SLUGS = frozenset({"start", "answers", "result", "expired"})
