# serve · build · check · test — each target sets up what it needs, and is quick when already set up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# ProperDocs and Zensical, each in an environment of its own (see requirements-*.lock).
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_INSTALLED := $(PROPERDOCS_VENV)/.installed
ZENSICAL_VENV := .venv-zensical
ZENSICAL_INSTALLED := $(ZENSICAL_VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build check test review-dates install chromium java nginx poppler audit published-urls screenshots readability lock clean bench bench-paint canary

## serve: preview the site on http://127.0.0.1:8000 (reloads when you save a file)
serve: $(INSTALLED)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

## build: strict build of the whole site into site/
build: $(INSTALLED)
	$(BIN)/mkdocs build --strict --clean -d site

## check: the strict build and every test that needs no browser, Java or system package (about a minute on two cores)
check: $(INSTALLED)
	env -u SITE_URL -u HEUPPIJN_PUBLISH $(BIN)/mkdocs build --strict --clean -q -d site
	HEUPPIJN_BUILT_SITE=site $(BIN)/python -m pytest -q -m "not tools and not slow"

## review-dates: list the pages past their review date (fails when there are any)
review-dates: $(INSTALLED)
	$(BIN)/python -m heuppijn_site.tools.review_dates

## test: install everything the tests need, then run the whole suite
test: $(INSTALLED) chromium java nginx poppler $(NODE_INSTALLED) $(PROPERDOCS_INSTALLED)
	$(BIN)/python -m pytest

install: $(INSTALLED) $(NODE_INSTALLED)

# The Python environment, from the exact versions in requirements.lock.
$(INSTALLED): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# ProperDocs, a maintained fork of MkDocs 1.x, with everything else at the versions in
# requirements.lock: tests/test_properdocs.py builds the site with it and with MkDocs.
$(PROPERDOCS_INSTALLED): pyproject.toml requirements-properdocs.lock
	@test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.lock
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Zensical for `make canary`, with this project's package (its Markdown extensions). The package
# names MkDocs as a dependency, which Zensical does not use: hence --no-warn-conflicts.
$(ZENSICAL_INSTALLED): pyproject.toml requirements-zensical.lock
	@test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --no-deps -e .
	@touch $@

# The npm tools (the Nu HTML Checker, HTML_CodeSniffer), at the versions in package-lock.json.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Java runs the Nu HTML Checker.
java:
	@command -v java >/dev/null 2>&1 || { \
		echo "Installing Java from Debian's packages…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded by Playwright).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium from Debian's packages…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## audit: Lighthouse (mobile) on every page through nginx, beside stock Material; report in audit-report/
audit: $(INSTALLED) chromium nginx tools/audit/node_modules/.installed
	$(BIN)/python -m heuppijn_site.tools.audit

## bench-paint: first paint (Lighthouse, mobile) of eight pages against their bare HTML, three runs each, with extra.first_paint on and off (targets: median at most 1.15×, worst run at most 1.25×)
bench-paint: $(INSTALLED) chromium nginx tools/audit/node_modules/.installed
	$(BIN)/python -m heuppijn_site.tools.bench_paint

tools/audit/node_modules/.installed: tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# poppler's pdftotext reads the printed pages back in the print tests.
poppler:
	@command -v pdftotext >/dev/null 2>&1 || { \
		echo "Installing poppler-utils from Debian's packages…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

nginx:
	@command -v nginx >/dev/null 2>&1 || { \
		echo "Installing nginx from Debian's packages…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; }

## screenshots: every page at 390 px and 1280 px, both languages, into screenshots/
screenshots: $(INSTALLED) chromium
	$(BIN)/python -m heuppijn_site.tools.screenshots screenshots

## published-urls: add new pages and section anchors to data/published-urls.yml
published-urls: $(INSTALLED)
	$(BIN)/python -m heuppijn_site.tools.published_urls

## readability: Flesch-Douma (Dutch) and Flesch Reading Ease (English) for every page
readability: $(INSTALLED)
	$(BIN)/python -m heuppijn_site.tools.readability

## bench: build time against stock Material on the same docs (target: at most 1.20×), and `mkdocs serve`'s rebuild time
bench: $(INSTALLED)
	$(BIN)/python -m heuppijn_site.tools.bench

## canary: what a Zensical build of the site lacks, page by page (information: fails only if Zensical cannot run)
canary: $(INSTALLED) $(ZENSICAL_INSTALLED)
	$(BIN)/python -m heuppijn_site.tools.canary

## lock: after changing a pin in pyproject.toml, write requirements.lock anew
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check ".[test]"
	{ echo "# Every package, exact version: written by 'make lock' from pyproject.toml. Do not edit."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^heuppijn-site'; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site screenshots audit-report .pytest_cache .cache node_modules tools/audit/node_modules
