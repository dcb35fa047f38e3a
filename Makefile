# Every target bootstraps .venv from pyproject.toml; a rerun with nothing changed is a no-op.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
DEV_STAMP := $(VENV)/.dev-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint bench system-deps clean i18n docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all]'
	touch $@

$(DEV_STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

## make demo: build the demo consultation in talqy.db and serve it
demo: $(APP_STAMP)
	$(BIN)/talqy demo --host $(HOST) --port $(PORT)

system-deps:
	@scripts/system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## make test: ruff, mypy and the whole suite on SQLite and on a real PostgreSQL server
test: $(DEV_STAMP) system-deps lint
	$(BIN)/pytest

## make bench: run the benchmarks and print their tables
bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
