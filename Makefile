# The one way to install, run and test the briefs CMS. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# make run is the development server: debug on, a local SQLite file unless DATABASE_URL says otherwise.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: help install system-deps browser-deps migrate seed run test lint pytest serve bench audit clean

help:
	@echo "make run    - install, migrate, import seeds/, load the demo content and serve http://$(HOST):$(PORT)"
	@echo "make test   - ruff, import-linter and the whole pytest suite (SQLite unless DATABASE_URL is set)"
	@echo "make serve  - production mode: gunicorn behind nginx, DEBUG off (needs DJANGO_SECRET_KEY)"
	@echo "make bench  - every benchmark in bench/, one table"
	@echo "make audit  - pip check and Django's deployment checks"

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

# Debian packages the browser tests and production mode need; installed only when missing.
SYSTEM_PACKAGES := chromium fonts-noto-cjk nginx wrk
system-deps:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

browser-deps: system-deps

# Written once, never overwritten: debug on and a random secret key, read by manage.py (not by
# production) so `.venv/bin/python manage.py ...` works in any new shell after make run.
.env: | $(STAMP)
	@umask 077; printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' "$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env (debug on, a random secret key) for manage.py in any shell."

migrate: install .env
	$(DEV_ENV) $(PY) manage.py migrate --noinput

seed: migrate
	$(DEV_ENV) $(PY) manage.py load_entities seeds/entities.csv --quiet
	$(DEV_ENV) $(PY) manage.py load_reference_entities
	$(DEV_ENV) $(PY) manage.py import_articles seeds/
	$(DEV_ENV) $(PY) manage.py load_demo

run: seed
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/). Ctrl-C stops it."
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# ruff, then the import-linter contracts in pyproject.toml (apps import one way; text never imports Django).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

pytest: install system-deps
	$(VENV)/bin/pytest

test: lint pytest

# A throwaway key of 67 characters: check --deploy warns (W009) below 50, which base64 of 32 bytes may be.
audit: install
	$(VENV)/bin/pip check
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') DJANGO_ALLOWED_HOSTS=briefs.example.com \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Production mode: deploy/serve.py checks the settings, migrates, collects static files and runs
# gunicorn (APP_PORT, WEB_CONCURRENCY workers) behind nginx (PORT, default 8080) until Ctrl-C.
serve: install system-deps
	$(PY) -m deploy.serve

# bench/requirements.txt: packages only a benchmark compares against (pyahocorasick), not the app's.
bench: install
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) staticfiles var test-output .pytest_cache .ruff_cache
