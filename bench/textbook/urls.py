from django.contrib import admin
from django.urls import path

from bench.textbook import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.start, name="start"),
    path("check/", views.questionnaire, name="questionnaire"),
    path("check/result/", views.result, name="result"),
    path("check/<slug:step>/", views.questionnaire, name="step"),
]
