# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Stamps: the venv's pip and build backend; then what the demo needs (navkit
# and its dependencies only); then, for `make test`, the dev extras (pytest,
# ruff, mypy, Playwright...) in the same venv.
PIP_STAMP  := $(VENV)/.installed-pip
DEMO_STAMP := $(VENV)/.installed-demo
DEV_STAMP  := $(VENV)/.installed-dev
# The browser tests drive Debian's chromium (Playwright's own download needs
# the internet); NAVKIT_CHROMIUM points elsewhere if needed.
CHROMIUM ?= /usr/lib/chromium/chromium
# The failover tests put two workers behind Debian's HAProxy (deploy/scaleout.py).
HAPROXY ?= /usr/sbin/haproxy
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint typecheck unit bench clean

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends chromium

$(HAPROXY):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends haproxy

# The venv's pip comes from this Python's own pip where it can install into
# another environment (pip >= 22.3), sparing venv's ensurepip (it unpacks and
# compiles a bundled pip: most of the demo's first seconds); otherwise from
# ensurepip. Either way the latest pip: it resolves Flet's dependencies in
# about half the time of an old one. With it, the build backend
# (pyproject.toml's [build-system] requires, which pip checks), installed once
# instead of into a new build environment at every `pip install -e .`.
BOOTSTRAP   := --quiet --no-compile --upgrade pip "setuptools>=77"
PIP_INSTALL := $(PY) -m pip install --quiet --no-build-isolation --check-build-dependencies

$(PIP_STAMP):
	[ -x $(PY) ] || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(PY) install $(BOOTSTRAP) 2>/dev/null || { \
		$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --default-pip >/dev/null; \
		$(PY) -m pip install $(BOOTSTRAP); }
	touch $@

# --no-compile: Python compiles what the demo imports when it first does,
# not the whole of Flet's dependencies up front.
$(DEMO_STAMP): $(PIP_STAMP) pyproject.toml
	$(PIP_INSTALL) --no-compile -e .
	touch $@

$(DEV_STAMP): $(DEMO_STAMP)
	$(PIP_INSTALL) -e ".[dev]"
	touch $@

## Serve the demo app at http://127.0.0.1:8550 in Flet web mode (assets served locally).
demo: $(DEMO_STAMP)
	$(PY) -m examples.gallery

## Lint, format check, strict type check and the whole test suite.
test: $(DEV_STAMP) lint typecheck unit

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check navkit navkit_pytest tests benchmarks examples
	$(VENV)/bin/ruff format --check navkit navkit_pytest tests benchmarks examples

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy --strict navkit navkit_pytest

unit: $(DEV_STAMP) $(CHROMIUM) $(HAPROXY)
	NAVKIT_CHROMIUM=$(CHROMIUM) $(PY) -m pytest

## Print the benchmark tables (not part of `make test`).
bench: $(DEV_STAMP) $(CHROMIUM) $(HAPROXY)
	$(PY) -m benchmarks.bench_matcher
	$(PY) -m benchmarks.bench_navigation
	$(PY) -m benchmarks.bench_moves
	$(PY) -m benchmarks.bench_sessions
	$(PY) -m benchmarks.bench_hostile
	$(PY) -m benchmarks.bench_history
	$(PY) -m benchmarks.bench_shells
	$(PY) -m benchmarks.bench_failover
	$(PY) -m benchmarks.bench_data
	$(PY) -m benchmarks.bench_components

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
