# Sentinelle: `make demo` runs the demo, `make test` runs the suite. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup demo test test-quick test-browser lint format eval bench messages clean

$(STAMP): pyproject.toml package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/full.txt
	npm install --no-audit --no-fund --loglevel=error
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/sentinelle demo --host $(HOST) --port $(PORT)

# The whole suite, browser tests included (they need Debian's chromium: see README).
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

test-quick: $(STAMP)
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

eval: $(STAMP)
	$(BIN)/sentinelle eval analysis
	$(BIN)/sentinelle eval crisis
	$(BIN)/sentinelle eval replies
	$(BIN)/sentinelle eval cases

bench: $(STAMP)
	$(BIN)/sentinelle bench analysis
	$(BIN)/sentinelle bench ingest
	$(BIN)/sentinelle bench crisis
	$(BIN)/sentinelle bench cases
	SENTINELLE_CRASH_ITEMS=100000 SENTINELLE_CRASH_KILLS=60 $(BIN)/pytest -q -s -p no:cacheprovider tests/listening/ingest/test_crash.py

messages: $(STAMP)
	cd src/sentinelle && ../../$(BIN)/sentinelle manage makemessages -l fr -l en --no-obsolete $(foreach d,analysis demo replies/lint stories/bursts stories/grouping cases/linking,-i "$(d)/*") && ../../$(BIN)/sentinelle manage compilemessages

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache
