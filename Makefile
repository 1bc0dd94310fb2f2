# The README's two commands. Each does its own set-up on a fresh machine (idempotent, quick when done).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test test-unit lint setup browser

## make run: start Neo4j, load the seeds, open the explorer at http://localhost:8501
run: setup
	$(BIN)/actorgraph up

## make test: install what is missing (venv, packages, Chromium), then the lint gate and every test tier
## (unit, integration against the suite's own Neo4j, browser)
test: setup browser lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-unit: the unit tier alone (no server, no browser; seconds)
test-unit: setup
	$(BIN)/python -m pytest tests/unit $(PYTEST_ARGS)

## make lint: the quality gates (ruff lint, ruff format, mypy over graph/ and ui/ as pyproject.toml sets it)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; \
	  else echo "Browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium)"; exit 1; fi; }
