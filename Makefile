# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000

.PHONY: run serve release test install install-dev migrate demo lint format messages clean bench bench-pages bench-load bench-lighthouse

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

# Links that leave the site (share links, QR codes, sitemap) name where this server runs.
run: export DJANGO_PUBLIC_BASE_URL ?= http://$(HOST)
# The development server and, beside it, the task worker (messages to registrants, reminders,
# Wagtail's search and reference index updates). One command; Ctrl-C stops both.
run: demo
	$(PY) manage.py sync_site_address
	$(PY) manage.py schedule_upkeep
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	$(PY) manage.py runserver $(HOST)

# The site as production runs it (gunicorn, production settings, DEBUG off, hashed
# static files), on the embedded defaults, so anyone can measure it. Plain HTTP on
# localhost: no HTTPS redirect, and the admin (secure cookies) is not for use here.
SERVE_ENV := DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-only-$$(hostname)-not-a-production-secret-key-0000} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DJANGO_SECURE_SSL_REDIRECT=False DJANGO_SERVE_MEDIA=True GUNICORN_BIND=$(HOST)

# Production runs two kinds of process (README, "Deployment"): gunicorn, and at least one
# `manage.py db_worker` on the same DATABASE_URL; here both, stopped together by Ctrl-C.
serve: export DJANGO_PUBLIC_BASE_URL ?= http://$(HOST)
serve: demo
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py sync_site_address
	$(SERVE_ENV) $(PY) manage.py schedule_upkeep
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	$(SERVE_ENV) $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# What every deployment runs once per release, before the new code takes traffic
# (on one machine, not on each app server): schema changes, then the hashed,
# compressed static files, the Site record set to PUBLIC_BASE_URL, and the worker's upkeep
# (events.upkeep) queued. All are safe to run again.
release: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py sync_site_address
	$(PY) manage.py schedule_upkeep

# Requests per second, latency, SQL queries and bytes of the main pages, uncached and
# cached, against a static file (bench/pages.py). SQLite in a temporary directory, or
# PostgreSQL when DATABASE_URL is set. BENCH_ARGS="--scale 10 --seconds 3".
bench-pages: install-dev
	$(PY) -m bench.pages $(BENCH_ARGS)

# Two pytest processes: the browser tests on their own. Playwright keeps an asyncio loop running
# in its worker, and from then on Django gives that worker's database tests other connection
# objects (asgiref's thread-critical Local) without the test database's serialized state, so a
# transactional test there flushed the migrations' rows for every module after it (CI, stop 21).
# BROWSER=no leaves them out; exit code 5 is "no browser test among PYTEST_ARGS".
BROWSER ?= yes
test: install-dev
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)
ifneq ($(BROWSER),no)
	$(PY) -m pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]
endif

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract translatable strings into the catalogues and compile them, in Python only.
messages: install-dev
	$(PY) manage.py update_catalogues

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

# --- Benchmarks (not in CI: they need PostgreSQL, Chromium and minutes of quiet CPU) ---
$(VENV)/.installed-bench: bench/requirements.txt | $(VENV)/.installed-dev
	$(PY) -m pip install --quiet -r bench/requirements.txt
	touch $@

bench: bench-pages bench-load bench-lighthouse

# 50 visitors for 60 s on gunicorn + PostgreSQL: zero 5xx, every registration stored, no quota exceeded.
# Then the same while the database, and then Redis, stop answering for 10 s each (the fault scenario).
bench-load: $(VENV)/.installed-bench
	$(PY) -m bench.load --users 50 --seconds 60
	$(PY) -m bench.load --users 50 --seconds 60 --faults --pause 10

# Mobile Lighthouse scores of the main page types (installs lighthouse into bench/node_modules once).
bench-lighthouse: install-dev
	$(PY) -m bench.lighthouse
