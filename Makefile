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

## Serve the site with demo content and demo users on SQLite at http://127.0.0.1:8000/
run: export DEBUG = 1
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Scheduled publications are checked every 60 s in the background."
	$(BIN)/python manage.py publish_scheduled --every 60 & \
	  trap 'kill $$!' EXIT INT TERM; \
	  echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Lint, check migrations, and run the whole test suite (browser tests when Chromium is present).
test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	@if [ -x /usr/bin/chromium ]; then echo "Chromium found: browser tests will run."; \
	  else echo "Chromium not found (/usr/bin/chromium): browser tests are SKIPPED. apt-get install chromium to run them."; fi
	$(BIN)/pytest

## Update the catalogues (locale/<language>/LC_MESSAGES/django.po) from the code and templates,
## then compile them (.mo, committed). Needs GNU gettext: apt-get install gettext.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages --all
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

## Benchmark the public pages on PostgreSQL + Redis (bench/README.md); writes bench/results/latest.{json,md}.
bench: $(STAMP)
	$(BIN)/python bench/run.py --size 1000

bench-scale: $(STAMP)
	$(BIN)/python bench/run.py --size 10000

## Load and fault runs on PostgreSQL + Redis (loadtest/README.md); restarts PostgreSQL, stops Redis.
loadtest: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python loadtest/run.py

## Lighthouse scores of home, an article and the FAQ index (not in CI).
audit: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python tools/audit.py

## README screenshots into docs/screenshots/.
screenshots: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python tools/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache .ruff_cache
