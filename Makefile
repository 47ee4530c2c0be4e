# make build: virtualenv + install + validate + build the package.  make test: the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install build validate test lint fmt clean docs fuzz

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

validate: install
	$(BIN)/indopak validate

build: install
	$(BIN)/indopak validate
	$(BIN)/indopak build
	$(BIN)/frictionless validate datapackage.json > /dev/null
	$(BIN)/frictionless validate data/json/datapackage.json > /dev/null

test: install
	$(BIN)/pytest
	$(BIN)/indopak build --check
	$(BIN)/frictionless validate datapackage.json > /dev/null
	$(BIN)/frictionless validate data/json/datapackage.json > /dev/null
	@echo "package valid: datapackage.json and data/json/datapackage.json"

lint: install
	$(BIN)/ruff check scripts tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .build-* scripts/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

docs: install
	$(BIN)/python -m indopak.catalogue

fuzz: install
	INDOPAK_FUZZ_PROFILE=fuzz $(BIN)/pytest -q tests/test_fuzz.py --hypothesis-show-statistics
