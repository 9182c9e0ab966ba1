from django.urls import path

from triage import views

app_name = "triage"

# The fixed check/ paths must stay in triage.validation.RESERVED_PAGE_SLUGS (a test checks),
# so that no questionnaire page's check/<slug>/ is shadowed by one of them.
urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("check/start/", views.begin, name="begin"),
    path("check/answers/", views.check_answers, name="check_answers"),
    path("check/result/", views.result, name="result"),
    path("check/expired/", views.expired, name="expired"),
    path("check/<slug:slug>/", views.page, name="page"),
]
