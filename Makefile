# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run serve install install-dev test lint layers typecheck checks translations messages compile-messages gettext pytest test-postgres test-browser bench clean-db \
	backup restore

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: $(VENV)/bin/python requirements.txt constraints.txt
	$(PY) -m pip install -q -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: install compile-messages
	@mkdir -p "$${PRACTICEHUB_VAR_DIR:-var}"
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data --if-empty
	@echo ""
	@echo "PracticeHub is running at http://127.0.0.1:$(PORT)/"
	@$(PY) manage.py demo_login
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Serves an already set-up database (no migrate, no demo data).
serve: install compile-messages
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev lint layers typecheck checks translations pytest

lint:
	$(VENV)/bin/ruff check .

# The order of the layers (.importlinter): each app imports only the apps below it.
layers:
	$(VENV)/bin/lint-imports

typecheck:
	$(VENV)/bin/mypy practicehub config

# The interface in six languages. The catalogues (locale/*/LC_MESSAGES/django.po) are committed and
# compiled with Babel, so serving needs no GNU gettext; extracting the code's strings does (xgettext).
compile-messages: install
	@$(PY) manage.py translations --compile

# Adds the code's new strings to every catalogue (then translate them) and drops removed ones.
messages: install-dev gettext
	$(PY) manage.py translations --update

# Fails on a string missing from a catalogue, a stale, untranslated or fuzzy entry, a bad placeholder.
translations: install-dev gettext
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=sqlite://:memory: $(PY) manage.py translations

# GNU gettext, installed with apt where it is missing and we may (CI, a fresh machine as root).
gettext:
	@command -v xgettext >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -q >/dev/null && \
		apt-get install -y -q gettext >/dev/null; } || { echo "Install GNU gettext: apt-get install gettext"; exit 1; }

# Django's system checks, and no model change without its migration.
# (An in-memory database: nothing to set up, nothing left behind.)
checks:
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=sqlite://:memory: \
		$(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=sqlite://:memory: \
		$(PY) manage.py makemigrations --check --dry-run

pytest: compile-messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest -n 2 --durations=10

# The same suite on the local PostgreSQL 15 cluster (started, with a role and database, by .ci/postgres-up).
POSTGRES_URL ?= postgres:///practicehub?host=/var/run/postgresql
test-postgres: install-dev
	bash .ci/postgres-up
	DATABASE_URL='$(POSTGRES_URL)' $(MAKE) pytest

# axe-core for the accessibility tests, installed by npm from package-lock.json into node_modules/
# (not committed); installed again only when package.json or the lock file changes.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The browser leg: Debian's Chromium must be installed (apt-get install -y chromium), and Node.js with npm.
test-browser: install-dev compile-messages node_modules/.package-lock.json
	DJANGO_SETTINGS_MODULE=config.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true \
		$(VENV)/bin/pytest -m browser -p no:xdist

bench: install-dev
	$(PY) -m bench.run $(BENCH_ARGS)

# Removes the development SQLite database; the next `make run` starts afresh with demo data.
clean-db:
	rm -f var/practicehub.sqlite3 var/practicehub.sqlite3-wal var/practicehub.sqlite3-shm

# One archive (var/backups/practicehub-<UTC time>.tar.gz, or OUTPUT=file-or-folder) of the database,
# taken while the site runs, every uploaded file and a manifest with counts and checksums.
backup: install
	$(PY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

# Restore FILE into an empty database and storage, with the site stopped; FORCE=1 replaces existing data.
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/practicehub-....tar.gz [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(FORCE),--force)
