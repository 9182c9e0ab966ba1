"""The shipped URLs plus /bench/bare/, a view that does nothing but return a short text."""

from django.http import HttpResponse
from django.urls import path

from backpop_site.urls import urlpatterns as shipped


def bare(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *shipped]
