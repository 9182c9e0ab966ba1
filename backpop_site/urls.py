from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("fhir/", include("triage.fhir.urls")),
    path("", include("triage.urls")),
]

handler400 = "backpop_site.errors.bad_request"
handler403 = "backpop_site.errors.permission_denied"
handler404 = "backpop_site.errors.page_not_found"
handler500 = "backpop_site.errors.server_error"
