# Two commands matter: `make run` and `make test`. Both set up the virtual environment first.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test setup clean bench package

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/archivist

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/extraction.py

# The one-folder app in dist/archivist/ (dist/Archivist.app on macOS); see packaging/README.md.
package: setup
	$(PY) -m pip install --quiet -e '.[dev,package]'
	$(PY) -m PyInstaller packaging/archivist.spec --noconfirm --distpath dist --workpath build/pyinstaller
	dist/archivist/archivist --smoke-test

clean:
	rm -rf $(VENV) build dist *.egg-info
