# CRM Hub — `make demo` runs the product with demo data, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCK := requirements/dev.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) 2>/dev/null | md5sum | cut -c1-12)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: demo test test-sqlite lint format lock compiled system-demo system-test clean

# Installs the pinned versions of requirements/dev.lock, then the project itself without resolving again.
# uv (pinned in the lock) installs them in seconds where pip takes a minute or more; where uv cannot reach the
# package index (a proxy it does not know, say), pip installs the same pins.
UV := env UV_NATIVE_TLS=1 $(VENV)/bin/uv pip install -q --python $(PY)
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q "$$(grep -m1 '^uv==' $(LOCK))"
	$(UV) -r $(LOCK) || $(PY) -m pip install -q -r $(LOCK)
	$(UV) --no-deps -e . || $(PY) -m pip install -q --no-deps -e .
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

system-demo:
	@command -v redis-server >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) redis-server; }

system-test: system-demo
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) postgresql; }
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(APT_INSTALL) chromium fonts-dejavu-core; }

# make demo PORT=8001 SANDBOX_PORT=8766 when the default ports are taken (run_demo checks them first).
PORT ?= 8000
SANDBOX_PORT ?= 8765

demo: system-demo $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 OUTBOUND_ALLOWED_NETWORKS=127.0.0.1 exec $(PY) manage.py run_demo --port $(PORT) --sandbox-port $(SANDBOX_PORT)

test: system-test $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m tests.harness --sqlite-too

test-sqlite: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# The resolver's hot modules compiled with Cython (~15 % less CPU, the same decisions; benchmarks/README.md).
# Optional: used only while each compiled module matches its source, so run it again after editing them.
CYTHON := cython==3.3.1
compiled: $(STAMP)
	$(UV) "$(CYTHON)" || $(PY) -m pip install -q "$(CYTHON)"
	DEBUG=1 $(PY) manage.py compile_identity
	@# Cython has raised where the source did not: a build that decides otherwise than the source is removed.
	DEBUG=1 $(PY) benchmarks/identity_compiled_check.py || { rm -rf .build/compiled; \
	  echo "make compiled: the build was removed (the source runs, as without one)." >&2; exit 1; }

# Re-pins every dependency after a change to pyproject.toml (uv is in the dev extra).
lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 -q -o requirements/base.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -q -o requirements/dev.lock

clean:
	rm -rf $(VENV) .build db.sqlite3 staticfiles var .pytest_cache .ruff_cache
