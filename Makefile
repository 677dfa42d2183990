# thidua: the two everyday commands are `make run` (demo server) and `make test` (what CI runs).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests need: the browser for browser tests, LibreOffice and poppler for
# DOCX -> PDF -> PNG checks, PostgreSQL for the second test run.
SYSTEM_PACKAGES := chromium fonts-liberation fonts-liberation2 fonts-dejavu-core libreoffice-writer-nogui poppler-utils postgresql
PYTEST_ARGS ?=
HOST_PORT ?= 127.0.0.1:8000

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run test lint test-sqlite test-postgres system-packages install install-test

help:
	@echo "make run   - set up .venv, migrate, load the demo data and serve on http://$(HOST_PORT)/ (with a job worker)"
	@echo "make test  - install what the tests need, run ruff, then pytest on SQLite and on PostgreSQL"
	@echo "make lint  - ruff, then the import contracts (.importlinter)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall when pyproject.toml changes (the install is editable, so code changes need nothing).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/thidua migrate --noinput
	$(BIN)/thidua demo
	$(BIN)/thidua collectstatic --noinput --verbosity 0
	@echo "thidua: serving on http://$(HOST_PORT)/ with a background-job worker (Ctrl-C stops both)"
	@echo "thidua: demo logins above; list them again with: $(BIN)/thidua demo --logins (another address: see README, HOST_PORT and THIDUA_ALLOWED_HOSTS)"
	$(BIN)/thidua db_worker --no-startup-delay & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(BIN)/thidua runserver $(HOST_PORT)

system-packages:
	scripts/ensure-debian-packages.sh $(SYSTEM_PACKAGES)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# pytest exits 5 when it collects nothing: that fails here too, with a word of explanation.
define run_pytest
	$(1) $(BIN)/python -m pytest $(PYTEST_ARGS) || { rc=$$?; \
	  if [[ $$rc -eq 5 ]]; then echo "make: pytest collected no tests" >&2; fi; exit $$rc; }
endef

test-sqlite: install-test
	@echo "==> pytest on SQLite"
	$(call run_pytest,env -u DATABASE_URL)

test-postgres: install-test
	@echo "==> pytest on PostgreSQL"
	$(call run_pytest,scripts/with-postgres.sh)

test: system-packages install-test lint
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres
