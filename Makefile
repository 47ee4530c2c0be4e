# make build: virtualenv + install + validate + build the package.  make test: the whole suite,
# then the balance audit (it reports, and never fails the build).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install build validate test lint fmt clean docs fuzz release formats figures bench eval-extract \
	git-setup site browser

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,verify]'
	touch $(STAMP)

install: $(STAMP)

validate: install
	$(BIN)/indopak validate

# git-setup: merges rebuild the generated files instead of conflicting on them (.gitconfig,
# .githooks); only in a clone of its own (.git a folder), never in a linked worktree, whose
# configuration is shared with the main checkout.
git-setup:
	@if [ -d .git ]; then git config --replace-all include.path ../.gitconfig '^\.\./\.gitconfig$$'; fi

build: install git-setup
	$(BIN)/indopak validate
	$(BIN)/indopak build
	$(BIN)/frictionless validate datapackage.json > /dev/null
	$(BIN)/frictionless validate data/json/datapackage.json > /dev/null
	@echo "package valid: datapackage.json and data/json/datapackage.json"

test: install
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/pytest -n auto
	$(BIN)/indopak fmt --check
	$(BIN)/indopak build --check
	$(BIN)/frictionless validate datapackage.json > /dev/null
	$(BIN)/frictionless validate data/json/datapackage.json > /dev/null
	@echo "package valid: datapackage.json and data/json/datapackage.json"
	$(BIN)/indopak audit

# make bench [SIZES="1000 10000"] [REPEAT=1]: time validate, build and load on synthetic
# corpora of SIZES records (kept under /tmp/indopak-bench), the fastest of REPEAT rounds;
# not part of make test.
SIZES ?= 1000 10000 100000
REPEAT ?= 3
bench: install
	$(BIN)/python -m indopak.benchmark.bench --sizes $(SIZES) --repeat $(REPEAT)

# make browser: what the explorer's browser tests need: Playwright's Python package in .venv
# (it drives the browser; no browser download) and Chromium from the system's packages,
# installed with apt-get when no Chromium or Chrome is found (through sudo when not root).
BROWSER_STAMP := $(VENV)/.browser
$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,browser]'
	touch $(BROWSER_STAMP)

browser: $(BROWSER_STAMP)
	@for b in chromium chromium-browser google-chrome; do command -v $$b >/dev/null 2>&1 && exit 0; done; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null

# make site: the explorer of the published package in site/ (open site/index.html).
site: install
	$(BIN)/indopak site --out site

lint: install
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

fmt: install
	$(BIN)/indopak fmt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .build-* scripts/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# make docs: the generated pages: docs/RULES.md from the rule fixtures, and the figures of
# METHODS.md from the published package (run `make build` first after changing records).
docs: install
	$(BIN)/python -m indopak.publish.catalogue
	$(BIN)/indopak methods

fuzz: install
	INDOPAK_FUZZ_PROFILE=fuzz $(BIN)/pytest -q tests/test_fuzz.py --hypothesis-show-statistics

# make release VERSION=x.y.z [PREVIOUS=ref-or-zip]: dist/india-pakistan-relations-x.y.z.zip and
# dist/SHA256SUMS; with PREVIOUS, first write the data changes into CHANGELOG.md.
release: install
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z [PREVIOUS=ref-or-zip]" >&2; exit 2; }
	$(if $(PREVIOUS),$(BIN)/indopak diff $(PREVIOUS) datapackage.json --changelog > /dev/null)
	$(BIN)/indopak release $(VERSION)

# make formats: the package as SQLite (dist/india-pakistan-relations.sqlite) and Parquet (dist/parquet/).
formats: install
	$(BIN)/indopak export --sqlite dist/india-pakistan-relations.sqlite --parquet dist/parquet

# make figures: the PNG figures of the README, drawn from datapackage.json into docs/figures/.
figures: install
	$(BIN)/indopak figures --out docs/figures

eval-extract: install
	$(BIN)/python -m indopak.curate.extract.eval tests/fixtures/extract
	$(BIN)/python -m indopak.curate.extract.eval tests/fixtures/extract --second tests/fixtures/extract/second
