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

.PHONY: demo test check lint typecheck unit quick bench clean

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
# about half the time of an old one.
BOOTSTRAP   := --quiet --no-compile --upgrade pip
PIP_INSTALL := $(PY) -m pip install --quiet

$(PIP_STAMP):
	[ -x $(PY) ] || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(PY) install $(BOOTSTRAP) 2>/dev/null || { \
		$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --default-pip >/dev/null; \
		$(PY) -m pip install $(BOOTSTRAP); }
	touch $@

# The demo runs from the checkout (`python -m examples.gallery` finds navkit
# in the working directory), so it needs only navkit's dependencies, read
# from pyproject.toml: building the editable install took about a second of the
# demo's first start. --no-compile: Python compiles what the demo imports when
# it first does, not the whole of Flet's dependencies up front. Python 3.10
# has no tomllib; there the editable install lists them instead.
DEPENDENCIES := $(PY) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')"

$(DEMO_STAMP): $(PIP_STAMP) pyproject.toml
	$(DEPENDENCIES) > $(VENV)/demo-requirements.txt 2>/dev/null \
		&& $(PIP_INSTALL) --no-compile -r $(VENV)/demo-requirements.txt \
		|| $(PIP_INSTALL) --no-compile -e .
	touch $@

# The build backend (pyproject.toml's [build-system] requires, which pip
# checks) is installed once instead of into a new build environment.
$(DEV_STAMP): $(DEMO_STAMP)
	$(PIP_INSTALL) "setuptools>=77"
	$(PIP_INSTALL) --no-build-isolation --check-build-dependencies -e ".[dev]"
	touch $@

## Serve the demo app at http://127.0.0.1:8550 in Flet web mode (assets served locally).
demo: $(DEMO_STAMP)
	$(PY) -m examples.gallery

## Lint, format check, strict type check and the whole test suite.
test: $(DEV_STAMP) lint typecheck unit

## The quick loop: lint, types, and every test but the browser's and the slow
## ones (-m "not e2e and not slow"), spread over the cores; no Chromium needed.
check: $(DEV_STAMP) lint typecheck quick

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check navkit navkit_pytest tests benchmarks examples
	$(VENV)/bin/ruff format --check navkit navkit_pytest tests benchmarks examples

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy --strict navkit navkit_pytest

# Every test, the properties at the ci profile's example counts (tests/conftest.py).
unit: $(DEV_STAMP) $(CHROMIUM) $(HAPROXY)
	NAVKIT_CHROMIUM=$(CHROMIUM) HYPOTHESIS_PROFILE=ci $(PY) -m pytest

quick: $(DEV_STAMP)
	$(PY) -m pytest -q -m "not e2e and not slow" -n auto

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
