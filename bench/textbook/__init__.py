"""The textbook baseline: the default questionnaire built the way the Django docs teach.

django-formtools' NamedUrlSessionWizardView with one Form class per page and a condition_dict,
django-crispy-forms with crispy-bootstrap5, Django templates (cached loader), database
sessions, whitenoise and backpop's gunicorn settings. `make bench` measures backpop against
it. It lives in bench/ only: the product never imports it and the image leaves it out.
"""
