# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
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

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Serve the demo app at http://127.0.0.1:8550 in Flet web mode (assets served locally).
demo: $(STAMP)
	$(PY) -m examples.gallery

## Lint, format check, strict type check and the whole test suite.
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(VENV)/bin/ruff check navkit tests benchmarks examples
	$(VENV)/bin/ruff format --check navkit tests benchmarks examples

typecheck: $(STAMP)
	$(VENV)/bin/mypy --strict navkit

unit: $(STAMP) $(CHROMIUM) $(HAPROXY)
	NAVKIT_CHROMIUM=$(CHROMIUM) $(PY) -m pytest

## Print the benchmark tables (not part of `make test`).
bench: $(STAMP) $(CHROMIUM) $(HAPROXY)
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
