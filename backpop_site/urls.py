from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# The patient pages in English at / and in each other offered language under its code
# (/cy/); the admin in English only. backpop_site.middleware.LanguageMiddleware serves only
# the languages of BACKPOP_LANGUAGES.
urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("fhir/", include("triage.fhir.urls")),
    *i18n_patterns(path("", include("triage.urls")), prefix_default_language=False),
]

handler400 = "backpop_site.errors.bad_request"
handler403 = "backpop_site.errors.permission_denied"
handler404 = "backpop_site.errors.page_not_found"
handler500 = "backpop_site.errors.server_error"
