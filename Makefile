# Commonroom: `make run` to try it, `make test` to test it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
FRONTEND_SOURCES := $(shell find frontend/scss frontend/js -type f) frontend/build.mjs

.DEFAULT_GOAL := help
.PHONY: help setup run test test-fast lint format check-migrations assets clean

help:
	@echo "make run    set everything up and serve Commonroom on http://127.0.0.1:8000"
	@echo "make test   set everything up and run the whole test suite"
	@echo "make lint   ruff and the migrations check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Python dependencies: direct ones in pyproject.toml, every version pinned in
# requirements/constraints.txt.
$(VENV)/.installed: pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

commonroom/static/dist/.built: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build
	@touch $@

assets: commonroom/static/dist/.built

setup: $(VENV)/.installed assets

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) demo_data --if-empty
	$(MANAGE) rebuild_search_index --if-empty --quiet
	$(MANAGE) serve 127.0.0.1:8000

test: setup
	scripts/ensure-chromium
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) frontend/node_modules commonroom/static/dist var
