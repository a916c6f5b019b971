# Rokehan: `make run` for a working catalogue, `make test` for the test suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
# Two workers on two cores; set PYTEST_WORKERS=0 to run in one process.
PYTEST_WORKERS ?= 2
PORT ?= 8000

.PHONY: run test lint format install messages gettext browser migrate demo bench soak backup restore drill clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# GNU gettext: msgfmt compiles the catalogues, xgettext (makemessages) checks they are current.
gettext:
	@if ! command -v msgfmt >/dev/null 2>&1 || ! command -v xgettext >/dev/null 2>&1; then \
		echo "Installing Debian's gettext (needs root)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	fi

# Compiled translation catalogues (.mo) are build output, made from locale/*.po.
messages: install gettext
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

# The site and, beside it, one background worker (imports, thumbnails, e-mails); Ctrl-C
# stops both.
run: messages demo
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Chromium (never a downloaded browser) and a CJK font for screenshots/PDFs.
browser:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then \
		echo "Installing Debian's chromium and fonts-noto-cjk (needs root)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: install messages browser
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Load: gunicorn + PostgreSQL under wrk for SOAK_SECONDS (60): normal visitors (16
# connections) beside an attack (4, from three addresses) that the rate limits must throttle;
# fails on a visitor error, non-2xx/3xx or p95 over 500 ms, or an unthrottled attack
# (docs/security.md). Loopback only.
soak: install
	PY=$(PY) bench/soak.sh

# Recovery (docs/deployment.md): backups/rokehan-<timestamp>/ holds the database (PostgreSQL:
# pg_dump custom format; SQLite: a copy made with SQLite's online backup API), every media file
# (read through the storage API, so S3 works) and a manifest of row counts and checksums.
backup: install
	$(PY) manage.py backup_catalogue

# make restore BACKUP=backups/rokehan-… [REPLACE=1]: into an empty database (REPLACE=1: over
# this one), then migrate forward in case the backup is older than the code.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/rokehan-YYYYmmdd-… [REPLACE=1]"; exit 2; }
	$(PY) manage.py restore_catalogue "$(BACKUP)" $(if $(REPLACE),--replace)
	$(PY) manage.py migrate

# The restore drill: 100,000 generated places on PostgreSQL, backed up, restored into a fresh
# database by a separate process, compared table by table and file by file (~6 min).
DRILL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/rokehan_drill
drill: install
	RUN_DRILL=1 DATABASE_URL=$(DRILL_DATABASE_URL) $(PY) -m pytest -q -s -p no:randomly -m drill tests/test_backup_drill.py

# Load test on PostgreSQL (docs/performance.md): gunicorn + wrk on loopback, 10k and 100k
# locations. Tune with BENCH_SECONDS, BENCH_LOCATIONS, BENCH_STUDIOS, BENCH_GROWTH_LOCATIONS.
bench: install messages
	@if ! command -v wrk >/dev/null; then \
		echo "Installing Debian's wrk (needs root)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles test-output .pytest_cache
