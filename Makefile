# Two commands on a fresh machine: `make play` and `make test`.
# Each creates (once) and reuses a local virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: play test lint bench kit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-play: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-play

play: $(VENV)/.installed-play
	$(BIN)/socialscore play $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m ruff check game tests bench
	$(BIN)/python -m ruff format --check game tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check --fix game tests bench
	$(BIN)/python -m ruff format game tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench --write

# The offline kit for a workshop: this game's wheel and its dependencies' wheels for this platform, in kit/.
# On each laptop: pip install --no-index --find-links kit socialscore
kit: $(BIN)/python
	rm -rf kit && mkdir -p kit
	$(BIN)/python -m pip wheel --quiet --wheel-dir kit .
	@ls kit

clean:
	rm -rf $(VENV) build dist kit *.egg-info .pytest_cache .hypothesis
