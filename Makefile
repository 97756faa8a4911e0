# Two commands a new user needs: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench lint clean browser

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(VENV)/bin/storyline demo

browser:
	bash scripts/install-chromium.sh

test: setup browser
	$(PY) -m pytest

eval: setup
	$(PY) eval/run.py

bench: setup
	$(VENV)/bin/storyline bench

lint: setup
	$(VENV)/bin/ruff check src tests eval
	$(VENV)/bin/ruff format --check src tests eval

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info storyline-demo
