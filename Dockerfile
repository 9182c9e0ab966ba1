# syntax=docker/dockerfile:1
# The backpop web service: gunicorn on port 8000, behind nginx (deploy/nginx, which terminates
# TLS and buffers requests), with PostgreSQL elsewhere. See compose.yaml and the README's
# "Deployment" section.
#
# It runs what CI's deploy tests run (tests/deploy, `pytest -m deploy`): the same
# collectstatic, then bin/start (check --deploy, migrate if RUN_MIGRATIONS=1, gunicorn with
# gunicorn.conf.py), behind the shipped nginx configuration.

ARG PYTHON_IMAGE=python:3.13-slim-bookworm

# Build: wheels of the runtime dependencies (not the dev extra), pinned by the constraints
# file that every install uses.
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml ./
COPY requirements/constraints.txt requirements/
RUN pip wheel --wheel-dir /wheels --constraint requirements/constraints.txt .

# Runtime: those wheels, the code, and static files collected once at build time.
FROM ${PYTHON_IMAGE} AS runtime
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=backpop_site.settings \
    PORT=8000
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links /wheels backpop
RUN groupadd --system backpop \
    && useradd --system --gid backpop --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin backpop
WORKDIR /app
# .dockerignore keeps out the git history, tests, dev tools and local data.
COPY . .
# The settings refuse to load without a secret and hosts; these placeholders exist only for
# this command and are not in the image's environment.
# Debian's gettext compiles the translations (locale/*.po; the .mo files are not in git) and
# is removed again in the same layer: the image keeps only the compiled catalogues.
RUN apt-get update -q \
    && apt-get install -y -q --no-install-recommends gettext \
    && DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
        python manage.py compilemessages -v0 \
    && apt-get purge -y -q --auto-remove gettext \
    && rm -rf /var/lib/apt/lists/* \
    && DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput -v0 \
    && python -m compileall -q backpop_site triage
# Code and static files stay owned by root: the service can read them, not change them.
USER backpop
EXPOSE 8000
# Liveness only (no database), with the Python already in the image: no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
ENTRYPOINT ["/app/bin/start"]
