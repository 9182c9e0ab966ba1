# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-$(shell cat requirements/constraints.txt pyproject.toml | cksum | cut -d' ' -f1)
RUN_ENV := DJANGO_DEBUG=1
CHECK_DB := sqlite:///$(CURDIR)/var/check-content.sqlite3

.PHONY: install run test lint superuser lock clean messages

$(INSTALLED):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev,bench]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED)

run: install
	$(RUN_ENV) $(PY) manage.py compilemessages -v0
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

superuser: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py createsuperuser

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(RUN_ENV) $(PY) manage.py compilemessages -v0
	$(RUN_ENV) $(PY) manage.py makemigrations --check --dry-run
	mkdir -p var && rm -f var/check-content.sqlite3
	$(RUN_ENV) DATABASE_URL=$(CHECK_DB) $(PY) manage.py migrate --noinput -v0
	$(RUN_ENV) DATABASE_URL=$(CHECK_DB) $(PY) manage.py check_content
	$(RUN_ENV) DATABASE_URL=$(CHECK_DB) $(PY) manage.py test_content -v0
	$(VENV)/bin/pytest

# After changing a patient-facing string: refresh locale/*/LC_MESSAGES/django.po (needs GNU
# gettext), then translate its new and fuzzy entries. See README: Languages.
messages: install
	$(RUN_ENV) $(PY) manage.py update_messages

# Re-resolve every dependency to its newest allowed version and pin the result.
lock:
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet -e ".[dev,bench]"
	var/lock-venv/bin/pip freeze --exclude-editable --exclude backpop > requirements/constraints.txt
	rm -rf var/lock-venv

clean:
	rm -rf $(VENV) var staticfiles

# Re-copy Bootstrap's CSS from the npm registry (needs npm); commit what changes.
.PHONY: vendor
vendor:
	bin/vendor-bootstrap

# The benchmark of issue #10: backpop against the textbook formtools build (bench/textbook/),
# on PostgreSQL at 127.0.0.1:5432 (DB=sqlite for SQLite). `bench` takes about fifteen minutes:
# it rewrites docs/benchmarks.md, .json and docs/bench-scaling.svg, then times the session
# stores, publishing ten times the default content, the staff dashboard over 1,000,000
# submissions and a journey in English and in Welsh (docs/bench-sessions.json,
# docs/bench-publishing.json, docs/bench-dashboard.json, docs/bench-languages.json).
# BENCH_LANGUAGE=cy: backpop's patients answer in Welsh, at /cy/.
# `bench-smoke` runs both apps for a few seconds to prove they work (CI runs it).
DB ?= postgres
.PHONY: bench bench-smoke
bench: install
	$(RUN_ENV) $(PY) manage.py compilemessages -v0
	$(PY) -m bench.run --db $(DB)
	$(PY) -m bench.sessions > docs/bench-sessions.json
	$(PY) -m bench.publish > docs/bench-publishing.json
	$(PY) -m bench.dashboard > docs/bench-dashboard.json
	$(PY) -m bench.languages > docs/bench-languages.json

bench-smoke: install
	$(RUN_ENV) $(PY) manage.py compilemessages -v0
	$(PY) -m bench.run --smoke --db $(DB)
