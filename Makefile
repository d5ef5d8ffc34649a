# Two commands: `make run` (build everything from notes/, serve it, rebuild on each edit)
# and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOTES ?= notes
PORT ?= 8000

$(BIN)/quizgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/quizgen
	$(BIN)/pip install -q -e '.[test]'
	touch $@

.PHONY: run serve-many build test lint bench clean
run: $(BIN)/quizgen
	$(BIN)/quizgen build --notes $(NOTES) --site-url http://127.0.0.1:$(PORT)/notes/
	$(BIN)/quizgen serve --notes $(NOTES) --port $(PORT) --watch \
		--site-url http://127.0.0.1:$(PORT)/notes/

# Many learners: WORKERS app processes (gunicorn) on one PostgreSQL database, e.g.
# make serve-many WORKERS=4 DATABASE_URL=postgresql://quizgen@127.0.0.1/quizgen
WORKERS ?= 4
serve-many: $(BIN)/quizgen
	$(BIN)/quizgen serve --notes $(NOTES) --port $(PORT) --workers $(WORKERS) \
		$(if $(DATABASE_URL),--database-url $(DATABASE_URL))

build: $(BIN)/quizgen
	$(BIN)/quizgen build --notes $(NOTES)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check quizgen webapp tests bench
	$(BIN)/ruff format --check quizgen webapp tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(VENV)/.test-deps
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) site dist
