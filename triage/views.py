from django.http import HttpResponse


def _pending(request, **kwargs):
    return HttpResponse("Being built.")


start = privacy = begin = check_answers = result = expired = page = _pending
