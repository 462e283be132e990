# The two commands of the README: `make run` and `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint messages bench bench-scale loadtest audit screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# axe-core, vnu-jar and Lighthouse for the accessibility/validity tests and `make audit`.
# --ignore-scripts: vnu-jar's postinstall would fetch a Java of its own; Debian's is used.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

## Serve the site with demo content and demo users on SQLite at http://$(HOST):$(PORT)/
run: export DEBUG = 1
# E-mails link to the address served here, unless SITE_URL is set (environment or command line).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "The scheduler (scheduled publications, queued e-mail to the console) runs every 60 s."
	$(BIN)/python manage.py run_scheduler --every 60 & \
	  trap 'kill $$!' EXIT INT TERM; \
	  echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The review app's own tests run alone, under settings without INVAblog, the FAQ or the site
# (tests/review_app/settings.py); --confcutdir keeps the site's tests/conftest.py out of them.
REVIEW_APP_SETTINGS := tests.review_app.settings
REVIEW_APP_TESTS := --ds=$(REVIEW_APP_SETTINGS) --confcutdir=tests/review_app tests/review_app

## Lint, check migrations, and run the whole test suite (browser tests when Chromium is present):
## the review app's tests under their own settings, then the rest under the site's.
test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=$(REVIEW_APP_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run
	@if [ -x /usr/bin/chromium ]; then echo "Chromium found: browser tests will run."; \
	  else echo "Chromium not found (/usr/bin/chromium): browser tests are SKIPPED. apt-get install chromium to run them."; fi
	$(BIN)/pytest $(REVIEW_APP_TESTS)
	$(BIN)/pytest

## Update the catalogues (locale/<language>/LC_MESSAGES/django.po) from the code and templates,
## then compile them (.mo, committed). Needs GNU gettext: apt-get install gettext.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages --all
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

## Benchmark every public page type on PostgreSQL + Redis (bench/README.md); writes
## bench/results/size-1000.{md,json} and the README's generated block.
bench: $(STAMP)
	$(BIN)/python -m bench.run --size 1000

## The same at 10,000 articles; writes bench/results/size-10000.{md,json}.
bench-scale: $(STAMP)
	$(BIN)/python -m bench.run --size 10000

## Load and fault runs on a PostgreSQL and a Redis of their own (loadtest/README.md).
loadtest: $(STAMP)
	$(BIN)/python -m loadtest.run

## Lighthouse scores of home, an article and the FAQ index (not in CI).
audit: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m tools.audit

## README screenshots into docs/screenshots/.
screenshots: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m tools.screenshots

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache .ruff_cache
