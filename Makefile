# The two commands that matter: `make run` and `make test` (README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
DEV := DEBUG=true
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint check pytest pytest-postgres messages browser clean

run: $(VENV)/.runtime messages
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo_data
	$(DEV) exec $(BIN)/python manage.py start

test: $(VENV)/.dev messages browser lint check pytest pytest-postgres

$(VENV)/.runtime: requirements.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# Compiled catalogues are build output (not in git); Babel compiles them without GNU gettext.
messages: $(VENV)/.runtime
	$(BIN)/pybabel compile --domain django --directory locale --statistics

# The browser tests drive Debian's Chromium; install it when we can (root, apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "Chromium is not installed: browser tests will be skipped (they fail under CI=true)."

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=backoffice.test_settings $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=backoffice.test_settings $(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(VENV)/.dev
	$(BIN)/pytest

# The same suite on PostgreSQL, when one answers (CI always has one: .ci/run insists).
pytest-postgres: $(VENV)/.dev
	@if $(BIN)/python scripts/reachable.py "$(TEST_DATABASE_URL)"; then \
	  echo "== the suite again on PostgreSQL ($(TEST_DATABASE_URL))"; \
	  DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest; \
	elif [ "$$CI" = true ]; then echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL)"; exit 1; \
	else echo "PostgreSQL not reachable at $(TEST_DATABASE_URL): skipping the PostgreSQL run."; fi

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
	find locale -name '*.mo' -delete
